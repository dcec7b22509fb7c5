"""/invitations: single-use links that let one person create an account, even while sign-up is closed
(speciosa.journal.accounts; docs/security.md). A link is shown once; only its hash is kept."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS, WRITE_ERRORS
from speciosa.api.schemas_views import InvitationCreatedOut, InvitationIn, InvitationOut
from speciosa.journal import accounts
from speciosa.journal.services import utcnow

router = Router(tags=["Invitations"])


def _out(invitation: Any) -> InvitationOut:
    return InvitationOut(
        id=invitation.pk,
        prefix=invitation.prefix,
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
        used_at=invitation.used_at,
        withdrawn_at=invitation.withdrawn_at,
        state=invitation.state(utcnow()),
    )


@router.get(
    "/invitations",
    response={200: list[InvitationOut], **READ_ERRORS},
    summary="Your invitations, newest first",
)
def invitations_list(request: HttpRequest) -> Any:
    return [_out(invitation) for invitation in accounts.invitation_list(user=owner(request))]


@router.post(
    "/invitations",
    response={201: InvitationCreatedOut, **WRITE_ERRORS},
    summary="Make an invitation link; the answer holds the link itself, this once",
)
def invitations_create(request: HttpRequest, payload: InvitationIn) -> Any:
    new = accounts.invitation_create(user=owner(request), days=payload.days)
    link = accounts.invitation_link(new.token, base=request.build_absolute_uri("/"))
    return Status(201, InvitationCreatedOut(**_out(new.invitation).model_dump(), link=link))


@router.delete(
    "/invitations/{invitation_id}",
    response={200: InvitationOut, **WRITE_ERRORS},
    summary="Withdraw an unused invitation; its link no longer works",
)
def invitations_withdraw(request: HttpRequest, invitation_id: int) -> Any:
    return _out(accounts.invitation_withdraw(user=owner(request), invitation_id=invitation_id))
