"""List, read, create, change and delete one kind of journal entry: the router every kind shares.

Each kind's module (products.py, checkins.py, ...) builds its router here with its own schemas.
Everything goes through the services and selectors, scoped to the caller; an entry that is missing
and one that is someone else's both answer 404.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations, which name
# this function's schema arguments and must therefore be real objects.

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from speciosa.api.auth import owner
from speciosa.api.schemas import DeletedOut, ErrorOut, InputSchema, ListQuery, OutputSchema
from speciosa.journal import entries as m
from speciosa.journal import selectors, services
from speciosa.journal.records import kind_named

#: Error answers every operation may give (documented in the OpenAPI document).
READ_ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 403: ErrorOut, 409: ErrorOut}

Prepare = Callable[[dict[str, Any]], dict[str, Any]]


def fill_time(values: dict[str, Any]) -> dict[str, Any]:
    """A new timed entry without a time happened now."""
    if "at" in values and values["at"] is None:
        values["at"] = timezone.now()
    return values


def deleted(*, uid: Any, change: m.Change | None, singular: str) -> DeletedOut:
    """What a DELETE did: deleted (undoable), archived, or nothing (a product already archived)."""
    archived = change is None or change.action != m.Change.Action.DELETE
    message = (
        f"archived, not deleted: doses refer to this {singular}"
        if archived
        else f"deleted; POST /changes/undo with change_id {change.pk} brings it back"  # type: ignore[union-attr]
    )
    return DeletedOut(uid=uid, change_id=change.pk if change else None, archived=archived, message=message)


def entry_router(
    *,
    kind: str,
    schema_in: type[InputSchema],
    schema_patch: type[InputSchema],
    schema_out: type[OutputSchema],
    prepare: Prepare = fill_time,
) -> Router:
    spec = kind_named(kind)
    router = Router(tags=[spec.label])
    noun = spec.singular

    @router.get(
        "",
        response={200: list[schema_out], **READ_ERRORS},  # type: ignore[valid-type]
        operation_id=f"{kind}_list",
        url_name=f"{kind}_list",
        summary=f"List your {spec.label.lower()}, newest first",
    )
    def list_entries(request: HttpRequest, filters: Query[ListQuery]) -> Any:
        return list(
            selectors.entry_list(
                user=owner(request),
                kind=kind,
                start=filters.start,
                end=filters.end,
                search=filters.q,
                limit=filters.limit,
            )
        )

    @router.post(
        "",
        response={201: schema_out, **WRITE_ERRORS},
        operation_id=f"{kind}_create",
        url_name=f"{kind}_create",
        summary=f"Add a {noun}",
    )
    def create_entry(request: HttpRequest, payload: schema_in) -> Any:  # type: ignore[valid-type]
        values = prepare(payload.model_dump())  # type: ignore[attr-defined]
        confirmed = bool(values.pop("confirm", False))
        return Status(
            201, services.entry_create(user=owner(request), kind=kind, values=values, confirmed=confirmed)
        )

    @router.get(
        "/{uid}",
        response={200: schema_out, **READ_ERRORS},
        operation_id=f"{kind}_get",
        url_name=f"{kind}_get",
        summary=f"One {noun}",
    )
    def get_entry(request: HttpRequest, uid: str) -> Any:
        return selectors.entry_get(user=owner(request), kind=kind, uid=uid)

    @router.patch(
        "/{uid}",
        response={200: schema_out, **WRITE_ERRORS},
        operation_id=f"{kind}_update",
        url_name=f"{kind}_update",
        summary=f"Change some fields of a {noun}",
    )
    def update_entry(request: HttpRequest, uid: str, payload: schema_patch) -> Any:  # type: ignore[valid-type]
        values = payload.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
        confirmed = bool(values.pop("confirm", False))
        return services.entry_update(
            user=owner(request), kind=kind, uid=uid, values=values, confirmed=confirmed
        )

    @router.delete(
        "/{uid}",
        response={200: DeletedOut, **WRITE_ERRORS},
        operation_id=f"{kind}_delete",
        url_name=f"{kind}_delete",
        summary=f"Delete a {noun} (undo brings it back)",
    )
    def delete_entry(request: HttpRequest, uid: str) -> Any:
        entry = services.entry_delete(user=owner(request), kind=kind, uid=uid)
        return deleted(uid=uid, change=entry, singular=noun)

    return router
