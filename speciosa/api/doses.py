"""/doses: log, list, read, change and delete kratom doses; preview a dose; repeat the last dose.

A dose over 100 g is answered 409 until it is sent again with `confirm: true`; over 250 g, or more
than five minutes in the future, it is refused. Every amount is converted to grams by the services,
with the assumption (if any) stated in `conversion`.
"""

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS, WRITE_ERRORS, deleted
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


@router.post("", response={201: DoseOut, **WRITE_ERRORS}, summary="Log a dose")
def doses_create(request: HttpRequest, payload: DoseIn) -> Any:
    values = payload.model_dump()
    confirmed = values.pop("confirm")
    return Status(201, services.dose_create(user=owner(request), confirmed=confirmed, **values))


# Registered before /{uid} so that these two paths are not read as a uid.
@router.post(
    "/repeat-last",
    response={201: DoseOut, **WRITE_ERRORS},
    summary="Log the last dose's amount and product again, now",
)
def doses_repeat_last(request: HttpRequest) -> Any:
    return Status(201, services.dose_repeat_last(user=owner(request)))


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
def doses_get(request: HttpRequest, uid: str) -> Any:
    return selectors.entry_get(user=owner(request), kind="doses", uid=uid)


@router.patch(
    "/{uid}",
    response={200: DoseOut, **WRITE_ERRORS},
    summary="Change some fields of a dose (amount, unit, product or tea figures are converted again)",
)
def doses_update(request: HttpRequest, uid: str, payload: DosePatch) -> Any:  # type: ignore[valid-type]
    values = payload.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
    confirmed = bool(values.pop("confirm", False))
    return services.dose_update(user=owner(request), uid=uid, confirmed=confirmed, **values)


@router.delete(
    "/{uid}", response={200: DeletedOut, **WRITE_ERRORS}, summary="Delete a dose (undo brings it back)"
)
def doses_delete(request: HttpRequest, uid: str) -> Any:
    change = services.entry_delete(user=owner(request), kind="doses", uid=uid)
    return deleted(uid=uid, change=change, singular="dose")
