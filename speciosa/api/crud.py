"""List, read, create, change and delete one kind of journal entry: the router every kind shares.

Each kind's module (products.py, checkins.py, ...) builds its router here with its own schemas.
Everything goes through the services and selectors, scoped to the caller; an entry that is missing
and one that is someone else's both answer 404.

An entry's answer carries its version as an ETag; a PATCH or DELETE that sends it back as If-Match
is refused (412) when the entry changed since. A POST that names its own `uid` (or sends an
Idempotency-Key) and is sent again answers the entry stored the first time, 200 instead of 201.
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations, which name
# this function's schema arguments and must therefore be real objects.

from collections.abc import Callable
from typing import Annotated, Any
from uuid import UUID, uuid5

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import P, Query, Router, Status
from ninja.params import HeaderEx
from pydantic import Field

from speciosa.api.auth import owner
from speciosa.api.schemas import DeletedOut, ErrorOut, InputSchema, ListQuery, OutputSchema
from speciosa.core.errors import InvalidInput
from speciosa.journal import entries as m
from speciosa.journal import selectors, services
from speciosa.journal.records import kind_named

#: Error answers every operation may give (documented in the OpenAPI document).
READ_ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 403: ErrorOut, 409: ErrorOut}
#: A PATCH or DELETE may also be refused because the entry changed since the If-Match version.
CHANGE_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 412: ErrorOut}

IfMatch = HeaderEx[
    str | None,
    P(
        alias="If-Match",
        description='The ETag the entry was read with, such as "3": if the entry changed since, '
        "nothing is changed and the answer is 412. Without it (or with *) the change is made "
        "on whatever is stored.",
    ),
]
IdempotencyKey = HeaderEx[
    # Checked by client_uid (1 to 200 characters once trimmed), stated here.
    Annotated[str, Field(json_schema_extra={"minLength": 1, "maxLength": 200, "pattern": r"\S"})] | None,
    P(
        alias="Idempotency-Key",
        description="Any text of up to 200 characters, sent again with a retry: the retry answers "
        "the entry the first request stored (200) instead of storing it twice. The same as "
        "sending your own `uid`; a UUID key is used as the uid.",
    ),
]
#: Idempotency keys that are not UUIDs become uids in this namespace (per person: uids are).
IDEMPOTENCY_KEYS = UUID("3f0e6c1a-5b2d-4e8f-9a71-c4d2b6e8f013")


def etag(entry: m.Entry) -> str:
    return f'"{entry.version}"'


def tagged(response: HttpResponse, entry: m.Entry) -> m.Entry:
    """The entry, its answer carrying its version as the ETag."""
    response["ETag"] = etag(entry)
    return entry


def created(response: HttpResponse, entry: m.Entry) -> Status[m.Entry]:
    """201 for a new entry, 200 for one a retried POST finds already stored; with its ETag."""
    return Status(200 if entry.already_stored else 201, tagged(response, entry))


def expected_version(if_match: str | None) -> int | None:
    """The version an If-Match header names (None: no header, or `*`)."""
    if if_match is None or if_match.strip() == "*":
        return None
    value = if_match.strip()
    if len(value) > 2 and value[0] == value[-1] == '"' and value[1:-1].isdigit():
        return int(value[1:-1])
    raise InvalidInput(
        'must be the ETag the entry was read with, such as "3" (with its quotes), or *', field="If-Match"
    )


def client_uid(uid: UUID | None, key: str | None) -> UUID | None:
    """The uid a create is stored under: the body's `uid`, or one from the Idempotency-Key header."""
    if key is None:
        return uid
    key = key.strip()
    if not key or len(key) > 200:
        raise InvalidInput("must be 1 to 200 characters", field="Idempotency-Key")
    try:
        from_key = UUID(key)
    except ValueError:
        from_key = uuid5(IDEMPOTENCY_KEYS, key)
    if uid is not None and uid != from_key:
        raise InvalidInput(
            "names another entry than the body's uid; send one of the two", field="Idempotency-Key"
        )
    return from_key


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
        response={201: schema_out, 200: schema_out, **WRITE_ERRORS},
        operation_id=f"{kind}_create",
        url_name=f"{kind}_create",
        summary=f"Add a {noun}",
        description="201: added. 200: a retry of a create that named its `uid` (or Idempotency-Key): "
        "the entry the first request stored, unchanged.",
    )
    def create_entry(
        request: HttpRequest,
        response: HttpResponse,
        payload: schema_in,  # type: ignore[valid-type]
        idempotency_key: IdempotencyKey = None,
    ) -> Any:
        values = prepare(payload.model_dump())  # type: ignore[attr-defined]
        confirmed = bool(values.pop("confirm", False))
        uid = client_uid(values.pop("uid", None), idempotency_key)
        entry = services.entry_create(
            user=owner(request), kind=kind, values=values, confirmed=confirmed, uid=uid
        )
        return created(response, entry)

    @router.get(
        "/{uid}",
        response={200: schema_out, **READ_ERRORS},
        operation_id=f"{kind}_get",
        url_name=f"{kind}_get",
        summary=f"One {noun}",
    )
    def get_entry(request: HttpRequest, response: HttpResponse, uid: str) -> Any:
        return tagged(response, selectors.entry_get(user=owner(request), kind=kind, uid=uid))

    @router.patch(
        "/{uid}",
        response={200: schema_out, **CHANGE_ERRORS},
        operation_id=f"{kind}_update",
        url_name=f"{kind}_update",
        summary=f"Change some fields of a {noun}",
    )
    def update_entry(
        request: HttpRequest,
        response: HttpResponse,
        uid: str,
        payload: schema_patch,  # type: ignore[valid-type]
        if_match: IfMatch = None,
    ) -> Any:
        values = payload.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
        confirmed = bool(values.pop("confirm", False))
        entry = services.entry_update(
            user=owner(request),
            kind=kind,
            uid=uid,
            values=values,
            confirmed=confirmed,
            expected_version=expected_version(if_match),
        )
        return tagged(response, entry)

    @router.delete(
        "/{uid}",
        response={200: DeletedOut, **CHANGE_ERRORS},
        operation_id=f"{kind}_delete",
        url_name=f"{kind}_delete",
        summary=f"Delete a {noun} (undo brings it back)",
    )
    def delete_entry(request: HttpRequest, uid: str, if_match: IfMatch = None) -> Any:
        change = services.entry_delete(
            user=owner(request), kind=kind, uid=uid, expected_version=expected_version(if_match)
        )
        return deleted(uid=uid, change=change, singular=noun)

    return router
