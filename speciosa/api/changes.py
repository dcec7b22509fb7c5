"""/changes/undo: undo the latest change, or a named one (a deletion, an edit or an addition)."""

from typing import Any

from django.http import HttpRequest
from ninja import Body, Router

from speciosa.api.auth import owner
from speciosa.api.crud import WRITE_ERRORS
from speciosa.api.schemas_views import UndoIn, UndoneOut
from speciosa.journal import services

router = Router(tags=["Undo"])


@router.post(
    "/changes/undo",
    response={200: UndoneOut, **WRITE_ERRORS},
    summary="Undo a change (the latest when no change_id is given); 404 when there is nothing to undo",
)
def changes_undo(request: HttpRequest, payload: Body[UndoIn | None] = None) -> Any:
    change = services.change_undo(user=owner(request), change_id=payload.change_id if payload else None)
    return UndoneOut(change_id=change.pk, kind=change.kind, uid=change.uid, undid=change.action)
