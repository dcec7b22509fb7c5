"""/today, /history and /trends: the journal seen by day, in the person's own time zone."""

from dataclasses import asdict
from datetime import timedelta
from enum import IntEnum
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS
from speciosa.api.schemas import CheckInOut, DoseOut, LabOut, OutputSchema, SubstanceOut, TherapyOut
from speciosa.api.schemas_views import (
    HistoryDayOut,
    HistoryEntryOut,
    HistoryOut,
    HistoryQuery,
    TodayOut,
    TrendDayOut,
    TrendLabOut,
    TrendLaneOut,
    TrendsOut,
    TrendSummariesOut,
    TrendSummaryOut,
)
from speciosa.api.wire import Day
from speciosa.core.days import local_day
from speciosa.journal import selectors
from speciosa.journal import trends as journal_trends
from speciosa.journal.doses import dose_timeline, timeline_document

router = Router(tags=["Today, history and trends"])

#: Longest span one history request may cover, in days; read a longer one in pieces, or export.

#: Days shown by history when no first day is given.
DEFAULT_HISTORY_DAYS = 7

ENTRY_OUT: dict[str, type[OutputSchema]] = {
    "doses": DoseOut,
    "checkins": CheckInOut,
    "substances": SubstanceOut,
    "therapies": TherapyOut,
    "labs": LabOut,
}


class TrendWindow(IntEnum):
    MONTH = 30
    QUARTER = 90
    YEAR = 365


@router.get(
    "/today",
    response={200: TodayOut, **READ_ERRORS},
    summary="Today's doses, totals, last check-in and the dose timeline of the last 24 hours",
)
def today(request: HttpRequest) -> Any:
    user = owner(request)
    now = timezone.now()
    found = selectors.today_get(user=user, now=now)
    return {
        "day": found.day,
        "timezone": selectors.profile_get(user=user).timezone,
        "doses": found.doses,
        "grams_today": found.grams_today,
        "grams_last_24h": found.grams_last_24h,
        "doses_last_24h": found.doses_last_24h,
        "last_dose": found.last_dose,
        "last_checkin": found.last_checkin,
        "timeline": timeline_document(dose_timeline(user=user, now=now)),
    }


@router.get(
    "/history", response={200: HistoryOut, **READ_ERRORS}, summary="Every timed entry, grouped by local day"
)
def history(request: HttpRequest, filters: Query[HistoryQuery]) -> Any:
    user = owner(request)
    last = filters.last or local_day(timezone.now(), selectors.user_zone(user=user))
    first = filters.first or last - timedelta(days=DEFAULT_HISTORY_DAYS - 1)
    days = selectors.history_days(user=user, first=first, last=last, search=filters.q)
    return HistoryOut(
        first=first,
        last=last,
        days=[
            HistoryDayOut(
                day=day.day,
                grams=day.grams,
                entries=[
                    HistoryEntryOut(kind=kind, at=moment, entry=ENTRY_OUT[kind].from_orm(entry))  # type: ignore[arg-type]
                    for kind, moment, entry in day.entries
                ],
            )
            for day in days
        ],
    )


@router.get(
    "/trends",
    response={200: TrendsOut, **READ_ERRORS},
    summary="Grams a day and their 7-day mean, grams per dose, doses, pain, PEG, lanes and liver tests",
    description="The span: the last `days` (30, 90 or 365), `since_first=true` (at most 366 days), or "
    "`first` and `last` (custom local days, `first` on or before `last`, at most 366 days, not after "
    "today). Every chart of the Trends page, in numbers.",
)
def trends(
    request: HttpRequest,
    days: TrendWindow = TrendWindow.MONTH,
    since_first: bool = False,
    first: Day | None = None,
    last: Day | None = None,
) -> Any:
    user = owner(request)
    span = journal_trends.trends_range(
        user=user, now=timezone.now(), days=int(days), since_first=since_first, first=first, last=last
    )
    found = journal_trends.trends_read(user=user, span=span)
    return TrendsOut(
        days=span.days,
        first=span.first,
        last=span.last,
        range=span.kind.value,
        shortened=span.shortened,
        series=[TrendDayOut(**asdict(d)) for d in found.days],
        summary=TrendSummaryOut(
            total_grams=found.total_grams,
            dose_days=found.dose_days,
            mean_grams_on_dose_days=found.mean_grams_on_dose_days,
            checkin_days=found.checkin_days,
        ),
        lanes=[TrendLaneOut(**asdict(lane)) for lane in found.lanes],
        labs=[TrendLabOut(**asdict(series)) for series in found.labs],
        summaries=TrendSummariesOut(**asdict(found.summaries)),
    )
