"""/doses: log, list, read, change and delete kratom doses; preview a dose; repeat the last dose.

A dose over 100 g is answered 409 until it is sent again with `confirm: true`; over 250 g, or more
than five minutes in the future, it is refused. Every amount is converted to grams by the services,
with the assumption (if any) stated in `conversion`. ETags, If-Match and retried creates work as
for every kind of entry (crud.py).
"""

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from speciosa.api.auth import owner
from speciosa.api.crud import (
    CHANGE_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    IdempotencyKey,
    IfMatch,
    client_uid,
    created,
    deleted,
    expected_version,
    tagged,
)
from speciosa.api.findings import raised_out
from speciosa.api.schemas import (
    DeletedOut,
    DoseIn,
    DoseOut,
    DosePatch,
    DosePreviewIn,
    ListQuery,
)
from speciosa.api.schemas_safety import (
    AlkaloidsOut,
    BandOut,
    DosePreviewOut,
    SourceBandsOut,
    source_out,
    sources_out,
)
from speciosa.journal import selectors, services
from speciosa.journal.doses import dose_preview

router = Router(tags=["Doses"])


@router.get("", response={200: list[DoseOut], **READ_ERRORS}, summary="List your doses, newest first")
def doses_list(request: HttpRequest, filters: Query[ListQuery]) -> Any:
    return list(
        selectors.entry_list(
            user=owner(request),
            kind="doses",
            start=filters.start,
            end=filters.end,
            search=filters.q,
            limit=filters.limit,
        )
    )


RETRIED = (
    "201: logged. 200: a retry of a request that named its `uid` (or Idempotency-Key): the dose the "
    "first request logged, unchanged."
)


@router.post(
    "", response={201: DoseOut, 200: DoseOut, **WRITE_ERRORS}, summary="Log a dose", description=RETRIED
)
def doses_create(
    request: HttpRequest, response: HttpResponse, payload: DoseIn, idempotency_key: IdempotencyKey = None
) -> Any:
    values = payload.model_dump()
    confirmed = values.pop("confirm")
    values["uid"] = client_uid(values["uid"], idempotency_key)
    return created(response, services.dose_create(user=owner(request), confirmed=confirmed, **values))


# Registered before /{uid} so that these two paths are not read as a uid.
@router.post(
    "/repeat-last",
    response={201: DoseOut, 200: DoseOut, **WRITE_ERRORS},
    summary="Log the last dose's amount and product again, now",
    description=RETRIED.replace("its `uid` (or Idempotency-Key)", "its Idempotency-Key"),
)
def doses_repeat_last(
    request: HttpRequest, response: HttpResponse, idempotency_key: IdempotencyKey = None
) -> Any:
    uid = client_uid(None, idempotency_key)
    return created(response, services.dose_repeat_last(user=owner(request), uid=uid))


@router.post(
    "/preview",
    response={200: DosePreviewOut, **WRITE_ERRORS},
    summary="A dose before it is logged: its grams, where they sit in each source's figures, against "
    "your usual amount, and the findings logging it would raise; stores nothing",
)
def doses_preview(request: HttpRequest, payload: DosePreviewIn) -> Any:
    preview = dose_preview(user=owner(request), **payload.model_dump())
    context = preview.context
    return DosePreviewOut(
        grams=round(preview.grams, 4),
        explanation=preview.conversion,
        assumed=preview.assumed,
        versus_usual=context.versus_usual,
        usual_grams=context.usual_grams,
        bands_apply=context.bands_apply,
        note=context.note,
        sources=[
            SourceBandsOut(
                title=s.title,
                kind=s.kind,
                source=source_out(s.source),
                bands=[BandOut(label=b.label, range=b.range, holds=b.holds) for b in s.bands],
                words=s.words,
                text=s.text,
            )
            for s in preview.sources
        ],
        findings=[raised_out(finding) for finding in preview.findings],
        alkaloids=AlkaloidsOut(**asdict(preview.alkaloids)) if preview.alkaloids else None,
        cited=sources_out(context.sources),
    )


@router.get("/{uid}", response={200: DoseOut, **READ_ERRORS}, summary="One dose")
def doses_get(request: HttpRequest, response: HttpResponse, uid: str) -> Any:
    return tagged(response, selectors.entry_get(user=owner(request), kind="doses", uid=uid))


@router.patch(
    "/{uid}",
    response={200: DoseOut, **CHANGE_ERRORS},
    summary="Change some fields of a dose (amount, unit, product or tea figures are converted again)",
)
def doses_update(
    request: HttpRequest,
    response: HttpResponse,
    uid: str,
    payload: DosePatch,  # type: ignore[valid-type]
    if_match: IfMatch = None,
) -> Any:
    values = payload.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
    confirmed = bool(values.pop("confirm", False))
    version = expected_version(if_match)
    dose = services.dose_update(
        user=owner(request), uid=uid, confirmed=confirmed, expected_version=version, **values
    )
    return tagged(response, dose)


@router.delete(
    "/{uid}", response={200: DeletedOut, **CHANGE_ERRORS}, summary="Delete a dose (undo brings it back)"
)
def doses_delete(request: HttpRequest, uid: str, if_match: IfMatch = None) -> Any:
    change = services.entry_delete(
        user=owner(request), kind="doses", uid=uid, expected_version=expected_version(if_match)
    )
    return deleted(uid=uid, change=change, singular="dose")
