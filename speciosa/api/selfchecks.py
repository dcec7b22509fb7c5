"""/selfchecks: the withdrawal score (SOWS) and the dependence self-check (DSM-5 criteria applied to
kratom), each a journal entry of kind "selfchecks".

`GET /selfchecks/forms/{instrument}` gives a questionnaire's items, answers, instructions, scoring and
sources; `POST /selfchecks` stores one as answered and answers its total (and, for the DSM-5
self-check, its band, what the band means and what people often do next, with the words that it is
a self-check, not a diagnosis). The SOWS has no kratom cut-offs, so it answers its total only, never a
severity label. A self-check is read, changed and deleted (undo brings it back) like any entry.
"""

from typing import Any, Literal, cast
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from speciosa.api.auth import owner
from speciosa.api.crud import (
    CHANGE_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    IdempotencyKey,
    IfMatch,
    client_uid,
    deleted,
    expected_version,
    tagged,
)
from speciosa.api.schemas import VERSION, CreateIn, DeletedOut, InputSchema, OutputSchema, Utc
from speciosa.api.wire import Moment, Note
from speciosa.core.errors import InvalidInput
from speciosa.core.taper import scales
from speciosa.journal import entries as m
from speciosa.journal import selectors, selfchecks, services

router = Router(tags=["Self-checks"])

Instrument = Literal["sows", "dsm5"]
#: Said with every DSM-5 self-check (questionnaires.yaml; the APA's criteria are for clinicians).
NOT_A_DIAGNOSIS = (
    "This is a self-check, not a diagnosis: it counts the criteria clinicians use, and only a clinician "
    "can diagnose a substance use disorder."
)
ANSWERS = (
    "One answer per item, in the form's order: 0-4 for the SOWS, 0 (no) or 1 (yes) for "
    "the DSM-5 self-check (GET /selfchecks/forms/{instrument}). A bad answer is named by its place, "
    "such as `answers[3]`"
)


def notice_of(instrument: str) -> str:
    return NOT_A_DIAGNOSIS if instrument == "dsm5" else ""


class SelfCheckAnswerOut(Schema):
    value: int
    label: str


class SelfCheckBandOut(Schema):
    low: int
    high: int
    label: str
    words: str
    next: str


class SelfCheckFormOut(Schema):
    instrument: Instrument
    name: str
    short: str
    instructions: str
    items: list[str]
    answers: list[SelfCheckAnswerOut]
    scoring: str
    max_total: int
    bands: list[SelfCheckBandOut] = Field(description="The DSM-5 self-check's bands; none for the SOWS")
    sources: list[str] = Field(description="Source ids: GET /refdata/sources gives each citation")
    notice: str = Field(description="For the DSM-5 self-check: that it is a self-check, not a diagnosis")


class SelfCheckIn(CreateIn):
    instrument: Instrument = Field(description="sows: withdrawal now; dsm5: dependence self-check")
    answers: list[Any] = Field(description=ANSWERS)
    at: Moment | None = Field(None, description="When, with a time zone offset; defaults to now")
    note: Note = ""


class SelfCheckPatch(InputSchema):
    at: Moment | None = None
    answers: list[Any] | None = Field(None, description=ANSWERS)
    note: Note | None = None


class SelfCheckOut(OutputSchema):
    uid: UUID
    version: int = VERSION
    at: Utc
    instrument: Instrument
    answers: list[int]
    note: str
    total: int
    max_total: int
    band: str = Field(description="The DSM-5 self-check's band; empty for the SOWS, which has no labels")
    words: str = Field(description="What the band means, plainly (empty for the SOWS)")
    next: str = Field(description="What people with this band often do next (empty for the SOWS)")
    notice: str = Field(description="For the DSM-5 self-check: that it is a self-check, not a diagnosis")


class SelfCheckQuery(Schema):
    instrument: Instrument | None = Field(None, description="Only this questionnaire (default: both)")
    start: Moment | None = Field(None, description="Only self-checks at or after this time")
    limit: int = Field(100, ge=1, le=1000, description="At most this many, newest first")


def _out(check: selfchecks.ScoredCheck) -> SelfCheckOut:
    entry, result = check.entry, check.result
    return SelfCheckOut(
        uid=entry.uid,
        version=entry.version,
        at=entry.at,
        instrument=cast(Instrument, entry.instrument),
        answers=list(entry.answers),
        note=entry.note,
        total=result.total,
        max_total=result.max_total,
        band=result.band,
        words=result.words,
        next=result.next,
        notice=notice_of(entry.instrument),
    )


def _scored(entry: m.Entry) -> selfchecks.ScoredCheck:
    """A self-check the journal returned as an entry, with its score."""
    return selfchecks.scored(cast(Any, entry))


@router.get(
    "/selfchecks/forms/{instrument}",
    response={200: SelfCheckFormOut, **READ_ERRORS},
    summary="A questionnaire to answer: its items, answers, instructions, scoring and sources",
)
def selfcheck_form(request: HttpRequest, instrument: Instrument) -> Any:
    owner(request)
    form = selfchecks.form_of(instrument)
    return SelfCheckFormOut(
        instrument=instrument,
        name=form.name,
        short=form.short,
        instructions=form.instructions,
        items=list(form.items),
        answers=[SelfCheckAnswerOut(value=a.value, label=a.label) for a in form.answers],
        scoring=form.scoring,
        max_total=form.max_total,
        bands=[
            SelfCheckBandOut(low=b.low, high=b.high, label=b.label, words=b.words, next=b.next)
            for b in form.bands
        ],
        sources=list(form.sources),
        notice=notice_of(instrument),
    )


@router.get(
    "/selfchecks",
    response={200: list[SelfCheckOut], **READ_ERRORS},
    summary="Your self-checks with their totals, newest first (`?instrument=sows` for one questionnaire)",
)
def selfcheck_list(request: HttpRequest, filters: Query[SelfCheckQuery]) -> Any:
    user = owner(request)
    chosen = [filters.instrument] if filters.instrument else list(scales.INSTRUMENTS)
    found = [
        check
        for instrument in chosen
        for check in selfchecks.selfcheck_list(
            user=user, instrument=instrument, since=filters.start, limit=filters.limit
        )
    ]
    found.sort(key=lambda check: (check.at, check.entry.pk), reverse=True)
    return [_out(check) for check in found[: filters.limit]]


@router.post(
    "/selfchecks",
    response={201: SelfCheckOut, 200: SelfCheckOut, **WRITE_ERRORS},
    summary="Store a questionnaire as answered; answers its total (and the DSM-5 self-check's band)",
    description="201: stored. 200: a retry of a create that named its `uid` (or Idempotency-Key): the "
    "self-check the first request stored, unchanged.",
)
def selfcheck_create(
    request: HttpRequest, response: HttpResponse, payload: SelfCheckIn, idempotency_key: IdempotencyKey = None
) -> Any:
    check = selfchecks.selfcheck_create(
        user=owner(request),
        instrument=payload.instrument,
        answers=payload.answers,
        at=payload.at,
        note=payload.note,
        uid=str(uid) if (uid := client_uid(payload.uid, idempotency_key)) else None,
    )
    tagged(response, check.entry)
    return (200 if check.entry.already_stored else 201), _out(check)


@router.get(
    "/selfchecks/{uid}",
    response={200: SelfCheckOut, **READ_ERRORS},
    summary="One self-check, with its total",
)
def selfcheck_get(request: HttpRequest, response: HttpResponse, uid: str) -> Any:
    entry = selectors.entry_get(user=owner(request), kind="selfchecks", uid=uid)
    return _out(_scored(tagged(response, entry)))


@router.patch(
    "/selfchecks/{uid}",
    response={200: SelfCheckOut, **CHANGE_ERRORS},
    summary="Change a self-check's time, answers or note",
)
def selfcheck_update(
    request: HttpRequest, response: HttpResponse, uid: str, payload: SelfCheckPatch, if_match: IfMatch = None
) -> Any:
    user = owner(request)
    values = payload.model_dump(exclude_unset=True)
    for name in ("at", "answers", "note"):
        if name in values and values[name] is None:
            raise InvalidInput("may not be null", field=name)
    if "answers" in values:
        entry = selectors.entry_get(user=user, kind="selfchecks", uid=uid)
        errors = scales.answer_errors(cast(Any, entry).instrument, values["answers"])
        if errors:
            raise InvalidInput(errors)
    entry = services.entry_update(
        user=user, kind="selfchecks", uid=uid, values=values, expected_version=expected_version(if_match)
    )
    return _out(_scored(tagged(response, entry)))


@router.delete(
    "/selfchecks/{uid}",
    response={200: DeletedOut, **CHANGE_ERRORS},
    summary="Delete a self-check (undo brings it back)",
)
def selfcheck_delete(request: HttpRequest, uid: str, if_match: IfMatch = None) -> Any:
    change = services.entry_delete(
        user=owner(request), kind="selfchecks", uid=uid, expected_version=expected_version(if_match)
    )
    return deleted(uid=uid, change=change, singular="self-check")
