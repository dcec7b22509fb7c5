"""Answers of the operations that are not one kind of entry: today, history, trends, the profile,
undo, tokens, reference data, import and health (see schemas.py for the entries themselves)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from speciosa.api.schemas import (
    CheckInOut,
    DoseOut,
    InputSchema,
    LabOut,
    SubstanceOut,
    TherapyOut,
    Utc,
)
from speciosa.api.wire import NUMBER_ONLY, Day, Flag, Name, SearchText, Text, Whole
from speciosa.core.journal_format import CLOCK_TIME
from speciosa.core.limits import MAX_NAME_CHARS
from speciosa.core.units import Unit

# --- today, history, trends -------------------------------------------------------------------


class TimelineDoseOut(Schema):
    """One dose of the last 24 hours on the sources' time courses: what they report, not a forecast."""

    uid: UUID = Field(description="The dose")
    taken_at: Utc
    onset: list[Utc] = Field(description="When the sources say felt effects start: [earliest, latest]")
    peak: list[Utc] = Field(description="When blood levels peak, by the sources: [earliest, latest]")
    expected_peak_at: Utc = Field(description="The dose plus the median published time to peak")
    ends: list[Utc] = Field(description="When felt effects fade, by the sources: [earliest, latest]")
    active_now: bool = Field(description="Felt effects may still be going on (the latest fade is ahead)")
    phase: str
    sources: list[str] = Field(description="Source ids (GET /refdata/sources)")


class TimelineOut(Schema):
    doses: list[TimelineDoseOut] = Field(description="The doses of the last 24 hours, oldest first")
    stays_in_blood: str = Field(description="Mitragynine stays in the blood for days: what that means")
    sources: list[str]


class TodayOut(Schema):
    day: date = Field(description="Today, in the person's time zone")
    timezone: str
    doses: list[DoseOut] = Field(description="Today's doses, oldest first")
    grams_today: float
    grams_last_24h: float = Field(description="Grams in the rolling 24 hours up to now")
    doses_last_24h: int
    last_dose: DoseOut | None
    last_checkin: CheckInOut | None
    timeline: TimelineOut = Field(description="The dose timeline of the last 24 hours, as Today shows it")


class HistoryQuery(Schema):
    first: Day | None = Field(
        None,
        description="First local day, on or before `last`, at most 366 days before it; defaults to "
        "six days before `last`",
    )
    last: Day | None = Field(None, description="Last local day; defaults to today")
    q: SearchText = Field("", description="Search notes, names and side effects")


class HistoryEntryOut(Schema):
    kind: str = Field(description="doses, checkins, substances, therapies or labs")
    at: Utc
    entry: DoseOut | CheckInOut | SubstanceOut | TherapyOut | LabOut


class HistoryDayOut(Schema):
    day: date
    grams: float
    entries: list[HistoryEntryOut] = Field(description="Oldest first")


class HistoryOut(Schema):
    first: date
    last: date
    days: list[HistoryDayOut] = Field(description="Days with entries, newest first")


class TrendDayOut(Schema):
    day: date
    grams: float
    doses: int
    pain: float | None = Field(description="Mean of the day's 'pain now' answers")
    peg: float | None = Field(description="Mean of the day's PEG-3 scores")
    rolling_grams: float | None = Field(
        None, description="Mean grams a day over this day and the 6 before it (fewer at the journal's start)"
    )
    grams_per_dose: float | None = Field(None, description="The day's grams ÷ its doses; null without doses")


class TrendIntervalOut(Schema):
    first: date = Field(description="First day in the span (clipped to it)")
    last: date = Field(description="Last day in the span (clipped to it)")
    open_start: bool = Field(description="Began before the span, or no start date was recorded")
    open_end: bool = Field(description="Goes on after the span, or no stop date was recorded")
    started_on: date | None
    stopped_on: date | None
    dose_days: int = Field(description="Days in the interval with at least one kratom dose")


class TrendMarkOut(Schema):
    day: date
    count: int
    text: str
    level: int = Field(description="1 to 3: how much that day (drinks, symptoms, severity)")


class TrendLaneOut(Schema):
    id: str
    group: str = Field(description="kratom, medication, substance or symptom")
    label: str
    intervals: list[TrendIntervalOut]
    marks: list[TrendMarkOut]
    summary: str


class TrendLabPointOut(Schema):
    day: date
    value: float
    unit: str
    upper_limit: float | None = Field(description="Upper limit of normal, from the lab report")
    above: bool
    times_limit: float | None = Field(description="The value as a multiple of its upper limit")


class TrendLabOut(Schema):
    test: str
    label: str
    unit: str
    points: list[TrendLabPointOut]
    summary: str


class TrendSummariesOut(Schema):
    """One descriptive sentence per chart, the same the Trends page prints under each chart."""

    grams: str
    grams_per_dose: str
    doses: str
    pain: str
    lanes: str
    labs: str


class TrendSummaryOut(Schema):
    total_grams: float
    dose_days: int = Field(description="Days with at least one dose")
    mean_grams_on_dose_days: float | None = Field(description="Null when no day had a dose")
    checkin_days: int = Field(description="Days with a pain or PEG answer")


class TrendsOut(Schema):
    days: int = Field(description="Days in the span")
    first: date | None = Field(None, description="First local day of the span")
    last: date | None = Field(None, description="Last local day of the span")
    range: str = Field(
        "window", description="window (last 30/90/365 days), all (since the first entry) or custom"
    )
    shortened: bool = Field(False, description="'all' reached further back than 366 days and was cut")
    lanes: list[TrendLaneOut] = Field(
        default_factory=list, description="Kratom, medications, substances, symptoms"
    )
    labs: list[TrendLabOut] = Field(default_factory=list, description="Liver tests in the span, by test")
    summaries: TrendSummariesOut | None = None
    series: list[TrendDayOut] = Field(description="One row per local day, oldest first")
    summary: TrendSummaryOut = Field(description="The figures the Trends page shows above its charts")


# --- profile, undo, tokens --------------------------------------------------------------------


class ProfileOut(Schema):
    username: str
    timezone: str
    teaspoon_grams: float | None = Field(description="Your weighed level teaspoon; null until you weigh one")
    assumed_teaspoon_grams: float = Field(description="The figure used until then (see /refdata/units)")
    pregnant: bool = Field(
        description="Pregnant or may be: raises a standing warning about withdrawal in newborns"
    )
    breastfeeding: bool = Field(
        description="Breastfeeding: raises a standing warning (whether kratom passes into milk is unstudied)"
    )
    country: str = Field(
        description=(
            "ISO 3166 code of the country whose emergency and poison-control numbers are shown (ZZ: other, "
            "not listed); empty until chosen, and then read from the time zone"
        )
    )
    region: str = Field(description="USPS code of your US state, for the legal-status lookup; empty: not set")
    checkin_reminder: str | None = Field(
        description="Local time (HH:MM) of the daily check-in reminder in your calendar; null: no reminder"
    )


class ProfilePatch(InputSchema):
    timezone: Annotated[Text, Field(max_length=MAX_NAME_CHARS)] | None = Field(
        None, description="An IANA time zone such as Europe/Berlin"
    )
    teaspoon_grams: Annotated[float, Field(gt=0, le=20, allow_inf_nan=False), NUMBER_ONLY] | None = Field(
        None, description="Grams in one level teaspoon of your powder; null goes back to the assumed figure"
    )
    # Left out: unchanged. The default is never validated, and null is refused (true or false only).
    pregnant: Flag = Field(None, description="Pregnant or may be (true or false)")  # type: ignore[assignment]
    breastfeeding: Flag = Field(None, description="Breastfeeding (true or false)")  # type: ignore[assignment]
    country: str = Field(  # type: ignore[assignment]
        None,
        pattern=r"^([A-Z]{2})?$",
        description="A country code from /refdata (US, CA, GB, IE, AU, NZ), ZZ for other, or empty to unset",
    )
    region: str = Field(  # type: ignore[assignment]
        None,
        pattern=r"^([A-Z]{2})?$",
        description="A US state's USPS code (DC included) for the legal-status lookup, or empty to unset",
    )
    checkin_reminder: str | None = Field(
        None,
        description="Local time (HH:MM, 24-hour) of the daily check-in reminder; null removes it",
        json_schema_extra={"pattern": CLOCK_TIME},
    )


class UndoIn(InputSchema):
    change_id: Whole | None = Field(None, description="The change to undo; the latest one when left out")


class UndoneOut(Schema):
    change_id: int
    kind: str
    uid: UUID
    undid: str = Field(description="What was undone: create, update or delete")


class TokenIn(InputSchema):
    name: Name = Field(description="What will use it, e.g. 'my spreadsheet script'")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The token's first characters, to tell tokens apart")
    created_at: Utc
    last_used_at: Utc | None
    revoked_at: Utc | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The token itself. It is shown only this once; speciosa keeps only a hash")


class InvitationIn(InputSchema):
    days: int | None = Field(
        None, ge=1, le=90, description="Days the link works; default SPECIOSA_INVITATION_DAYS (7)"
    )


class InvitationOut(Schema):
    id: int
    prefix: str = Field(description="The link's token's first characters, to tell invitations apart")
    created_at: Utc
    expires_at: Utc
    used_at: Utc | None
    withdrawn_at: Utc | None
    state: Literal["waiting", "used", "expired", "withdrawn"]


class InvitationCreatedOut(InvitationOut):
    link: str = Field(description="The link to send. It is shown only this once; speciosa keeps only a hash")


# --- reference data, import, health -----------------------------------------------------------


class SideEffectTermOut(Schema):
    code: str
    label: str
    group: str = Field(description="common, withdrawal or serious")
    sources: list[str] = Field(
        description="Source ids; `journal-vocabulary` means no source links it to kratom"
    )


class UnitOut(Schema):
    unit: Unit
    label: str


class UnitsOut(Schema):
    units: list[UnitOut]
    assumed_teaspoon_grams: float
    teaspoon_source: str
    teaspoon_source_id: str
    your_teaspoon_grams: float | None


class ImportReportOut(Schema):
    source: str = Field(description="speciosa, csv or psychonautwiki")
    added: dict[str, int]
    already_present: dict[str, int] = Field(
        description="Entries skipped because the journal has them (same uid)"
    )
    skipped: list[str] = Field(description="Parts of the file that were not imported, and why")
    profile_updated: bool


class HealthOut(Schema):
    status: str
