"""Who may create an account: open sign-up, invitations, and the throttle on both.

Sign-up is open by default only while speciosa is reached from this computer; once served beyond it
(SPECIOSA_PUBLIC_URL set, or `speciosa serve` on a network address) it is closed unless
SPECIOSA_SIGNUP_OPEN=true, and people join by invitation: a link any signed-in person can make, usable
once, for SPECIOSA_INVITATION_DAYS days. Only the link's SHA-256 is stored (docs/security.md).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from speciosa.core.errors import ApplicationError, InvalidInput, NotFound, TooManyAttempts
from speciosa.journal import User, sign_in_throttle
from speciosa.journal import models as m
from speciosa.journal.selectors import token_hash
from speciosa.journal.services import NAME_UNAVAILABLE, account_create, utcnow

INVITATION_PREFIX = "inv_"
MAX_INVITATION_DAYS = 90
SIGNUP_CLOSED = "sign-up is closed on this server: ask someone who has an account for an invitation link"
INVITATION_INVALID = "this invitation link is not valid: ask the person who invited you for a new one"
INVITATION_USED = "this invitation has already been used: ask the person who invited you for a new one"
INVITATION_EXPIRED = "this invitation expired on {date}: ask the person who invited you for a new one"


def signup_open() -> bool:
    """Whether anyone who reaches the sign-up page may create an account (without an invitation)."""
    if settings.SIGNUP_OPEN is not None:
        return bool(settings.SIGNUP_OPEN)
    return not (settings.PUBLIC_URL or settings.SERVED_BEYOND_LOOPBACK)


def too_many_attempts() -> TooManyAttempts:
    minutes = sign_in_throttle.minutes_to_wait()
    return TooManyAttempts(
        f"too many failed attempts from this address: wait {minutes} minutes, then try again",
        retry_after_seconds=minutes * 60,
    )


# --- invitations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewInvitation:
    invitation: m.Invitation
    token: str  # shown once, in the link; never stored

    @property
    def path(self) -> str:
        return invitation_path(self.token)


#: Where `speciosa serve` listens by default: the link's address when nothing better is known.
LOCAL_ADDRESS = "http://127.0.0.1:8000"


def invitation_path(token: str) -> str:
    return f"/join/{token}"


def invitation_link(token: str, *, base: str | None = None) -> str:
    """The link to send: on SPECIOSA_PUBLIC_URL when set, else on `base` (the address the page was
    opened at), else on the local address."""
    return (settings.PUBLIC_URL or (base or LOCAL_ADDRESS).rstrip("/")) + invitation_path(token)


def invitation_create(*, user: User, days: int | None = None, now: datetime | None = None) -> NewInvitation:
    """A new invitation made by `user`, usable once within `days` (default SPECIOSA_INVITATION_DAYS)."""
    days = settings.INVITATION_DAYS if days is None else days
    if not 1 <= days <= MAX_INVITATION_DAYS:
        raise InvalidInput(f"must be a whole number of days from 1 to {MAX_INVITATION_DAYS}", field="days")
    now = now or utcnow()
    raw = INVITATION_PREFIX + secrets.token_urlsafe(32)
    invitation = m.Invitation.objects.create(
        user=user,
        token_hash=token_hash(raw),
        prefix=raw[:10],
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return NewInvitation(invitation, raw)


def invitation_list(*, user: User) -> QuerySet[m.Invitation]:
    """The invitations `user` made, newest first."""
    return m.Invitation.objects.filter(user=user)


def invitation_withdraw(*, user: User, invitation_id: int) -> m.Invitation:
    """Withdraw an unused invitation of `user`'s, so its link no longer works."""
    invitation = m.Invitation.objects.filter(user=user, id=invitation_id).first()
    if invitation is None:
        raise NotFound("no such invitation")
    if invitation.used_at is None and invitation.withdrawn_at is None:
        invitation.withdrawn_at = utcnow()
        invitation.save(update_fields=["withdrawn_at"])
    return invitation


def invitation_check(token: str, *, now: datetime | None = None) -> m.Invitation:
    """The usable invitation behind a link, or InvalidInput saying why it cannot be used."""
    now = now or utcnow()
    invitation = m.Invitation.objects.filter(token_hash=token_hash(token.strip())).first()
    if invitation is None or invitation.withdrawn_at is not None:
        raise InvalidInput(INVITATION_INVALID, field="invitation")
    if invitation.used_at is not None:
        raise InvalidInput(INVITATION_USED, field="invitation")
    if invitation.expires_at <= now:
        raise InvalidInput(
            INVITATION_EXPIRED.format(date=invitation.expires_at.date().isoformat()), field="invitation"
        )
    return invitation


def _use(token: str, now: datetime) -> None:
    """Mark the invitation used, only if it still is usable: two simultaneous uses cannot both win."""
    invitation = invitation_check(token, now=now)
    burnt = m.Invitation.objects.filter(
        pk=invitation.pk, used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not burnt:
        raise InvalidInput(INVITATION_USED, field="invitation")


# --- sign-up ----------------------------------------------------------------------------------


def sign_up(
    request: HttpRequest, *, username: str, password: str, timezone: str, invitation: str | None = None
) -> AbstractBaseUser:
    """Create an account from the sign-up page: open sign-up, or an invitation (used up by it).

    A name already in use is refused with the same words as any unusable name, and counts against the
    address like a failed sign-in, so names cannot be harvested faster than passwords can be guessed.
    """
    if sign_in_throttle.paused(request):
        raise too_many_attempts()
    if invitation is None and not signup_open():
        raise InvalidInput(SIGNUP_CLOSED)
    try:
        with transaction.atomic():
            if invitation is not None:
                _use(invitation, utcnow())
            return account_create(username=username, password=password, timezone=timezone)
    except ApplicationError as error:
        if any(e.field == "username" and e.message == NAME_UNAVAILABLE for e in error.errors):
            sign_in_throttle.note_failure(request, name=username)
        raise
