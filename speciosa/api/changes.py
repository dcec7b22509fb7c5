"""/changes/undo: undo the latest change, or a named one (a deletion, an edit or an addition)."""

from typing import Any

from django.http import HttpRequest
from ninja import Body, Router

from speciosa.api.crud import WRITE_ERRORS
from speciosa.api.schemas import UndoIn, UndoneOut
from speciosa.journal import services

router = Router(tags=["Undo"])


@router.post(
    "/changes/undo",
    response={200: UndoneOut, **WRITE_ERRORS},
    summary="Undo a change (the latest when no change_id is given); 404 when there is nothing to undo",
)
def changes_undo(request: HttpRequest, payload: UndoIn | None = Body(None)) -> Any:  # noqa: B008
    change = services.change_undo(user=request.auth, change_id=payload.change_id if payload else None)
    return UndoneOut(change_id=change.id, kind=change.kind, uid=change.uid, undid=change.action)
