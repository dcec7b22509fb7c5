"""Trends: the journal over a span of local days, read once for the web page, the API and the CLI.

Daily grams with a 7-day rolling mean, grams per dose, doses per day, pain and PEG; lanes on the
same days for medications (from their start and stop dates), other substances and symptoms; and
liver tests against their upper limits. Each part carries a one-sentence summary that only
describes what was logged (no advice), so every interface says the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.db.models import Min

from speciosa.core.days import days_window, local_day, totals_by_day
from speciosa.core.errors import InvalidInput
from speciosa.core.scores import peg_score
from speciosa.core.vocab import LabTest, SubstanceKind
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.selectors import MAX_HISTORY_DAYS, check_day_range, user_zone
from speciosa.refdata import side_effects

#: Quick windows offered beside "since the first entry" and custom dates, in days.
WINDOWS = (30, 90, 365)
DEFAULT_WINDOW = 30
#: Days in the rolling mean of grams per day (the day itself and the six before it).
ROLLING_DAYS = 7
#: How many days at each end of a span a summary compares ("the first week", "the last week").
EDGE_DAYS = 7


class RangeKind(StrEnum):
    WINDOW = "window"  # the last 30, 90 or 365 days
    SINCE_FIRST = "all"  # from the first entry of the journal
    CUSTOM = "custom"  # from and to, chosen by the person


@dataclass(frozen=True)
class TrendRange:
    first: date
    last: date
    kind: RangeKind
    #: True when "since the first entry" reached further back than MAX_HISTORY_DAYS and was cut.
    shortened: bool = False

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def trends_range(
    *,
    user: User,
    now: datetime,
    days: int | None = None,
    since_first: bool = False,
    first: date | None = None,
    last: date | None = None,
) -> TrendRange:
    """The span asked for: custom `first`/`last` days, the whole journal, or the last `days` days.

    Custom spans are checked (each end given, in order, not after today, at most MAX_HISTORY_DAYS
    days); an InvalidInput names the field at fault ("first" or "last"). "Since the first entry" is
    cut to the last MAX_HISTORY_DAYS days when the journal is longer, and says so.
    """
    today = local_day(now, user_zone(user=user))
    if first is not None or last is not None:
        if first is None:
            raise InvalidInput("give the first day too", field="first")
        if last is None:
            raise InvalidInput("give the last day too", field="last")
        check_day_range(first, last)
        if last > today:
            raise InvalidInput("must not be after today", field="last")
        if first > last:
            raise InvalidInput("must be on or before the last day", field="first")
        if (last - first).days + 1 > MAX_HISTORY_DAYS:
            raise InvalidInput(
                f"covers more than {MAX_HISTORY_DAYS} days; choose a shorter span", field="first"
            )
        return TrendRange(first, last, RangeKind.CUSTOM)
    if since_first:
        start = journal_first_day(user=user) or today
        earliest = today - timedelta(days=MAX_HISTORY_DAYS - 1)
        return TrendRange(max(start, earliest), today, RangeKind.SINCE_FIRST, shortened=start < earliest)
    window = days if days in WINDOWS else DEFAULT_WINDOW
    return TrendRange(today - timedelta(days=window - 1), today, RangeKind.WINDOW)


def journal_first_day(*, user: User) -> date | None:
    """The local day of the person's first dose, check-in or other substance, if any."""
    tz = user_zone(user=user)
    moments = [
        m.Dose.objects.filter(user=user).aggregate(first=Min("taken_at"))["first"],
        m.CheckIn.objects.filter(user=user).aggregate(first=Min("at"))["first"],
        m.SubstanceUse.objects.filter(user=user).aggregate(first=Min("at"))["first"],
    ]
    known = [local_day(moment, tz) for moment in moments if moment is not None]
    return min(known) if known else None


@dataclass(frozen=True)
class TrendDay:
    day: date
    grams: float
    doses: int
    #: Mean grams a day over this day and the six before it (fewer at the start of the journal).
    rolling_grams: float | None
    grams_per_dose: float | None  # the day's grams / its doses; None on a day without doses
    pain: float | None  # mean of the day's "pain now" answers
    peg: float | None  # mean of the day's PEG-3 scores


@dataclass(frozen=True)
class Interval:
    """A medication's days within the span: `first`/`last` are clipped to the span;
    `open_start`/`open_end` say it began before the span (or no start was recorded) or goes on after it."""

    first: date
    last: date
    open_start: bool
    open_end: bool
    started_on: date | None
    stopped_on: date | None
    dose_days: int  # days in the interval with at least one kratom dose


@dataclass(frozen=True)
class Mark:
    """Something on one day of a lane: how many entries, and a short text of what they were."""

    day: date
    count: int
    text: str
    level: int = 1  # 1 to 3: how much (drinks, symptoms, severity), for shading


@dataclass(frozen=True)
class Lane:
    id: str
    group: str  # "kratom", "medication", "substance" or "symptom"
    label: str
    intervals: list[Interval] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    summary: str = ""


@dataclass(frozen=True)
class LabPoint:
    day: date
    value: float
    unit: str
    upper_limit: float | None
    above: bool
    times_limit: float | None  # the value as a multiple of its upper limit (1 = at the limit)


@dataclass(frozen=True)
class LabSeries:
    test: str
    label: str
    unit: str
    points: list[LabPoint]
    summary: str


@dataclass(frozen=True)
class Summaries:
    grams: str
    grams_per_dose: str
    doses: str
    pain: str
    lanes: str
    labs: str


@dataclass(frozen=True)
class Trends:
    range: TrendRange
    days: list[TrendDay]
    lanes: list[Lane]
    labs: list[LabSeries]
    summaries: Summaries
    total_grams: float
    dose_days: int
    mean_grams_on_dose_days: float | None
    checkin_days: int


def trends_read(*, user: User, span: TrendRange) -> Trends:
    """Every series, lane and lab trend of Trends for `span`, oldest day first."""
    days = _days(user=user, span=span)
    lanes = [_kratom_lane(days), *_medication_lanes(user=user, span=span, days=days)]
    lanes += _substance_lanes(user=user, span=span)
    lanes += _symptom_lanes(user=user, span=span)
    labs = _labs(user=user, span=span)
    dose_days = [d for d in days if d.doses]
    return Trends(
        range=span,
        days=days,
        lanes=lanes,
        labs=labs,
        summaries=Summaries(
            grams=_grams_summary(days),
            grams_per_dose=_edge_summary(days, "grams_per_dose", "Grams per dose", " g"),
            doses=_doses_summary(days),
            pain=_edge_summary(days, "pain", "Pain now", ""),
            lanes=_lanes_summary(lanes),
            labs=_labs_summary(labs),
        ),
        total_grams=round(sum(d.grams for d in days), 3),
        dose_days=len(dose_days),
        mean_grams_on_dose_days=round(sum(d.grams for d in dose_days) / len(dose_days), 3)
        if dose_days
        else None,
        checkin_days=sum(1 for d in days if d.pain is not None or d.peg is not None),
    )


def rolling_means(
    values: list[float], *, window: int = ROLLING_DAYS, skip: int = 0, since: int = 0
) -> list[float | None]:
    """The mean of each value and the `window - 1` before it, for every value after the first `skip`
    (those only lead in: read for the means, not returned). Values before index `since` (days before
    the journal began) are never averaged: their mean is None, and the first days after it average
    the fewer days there are."""
    means: list[float | None] = []
    for index in range(skip, len(values)):
        if index < since:
            means.append(None)
            continue
        part = values[max(since, index - window + 1) : index + 1]
        means.append(round(sum(part) / len(part), 3))
    return means


def _days(*, user: User, span: TrendRange) -> list[TrendDay]:
    tz = user_zone(user=user)
    began = journal_first_day(user=user)
    lead_first = span.first - timedelta(days=ROLLING_DAYS - 1)
    if began is not None:
        lead_first = min(span.first, max(lead_first, began))
    start, end = days_window(lead_first, span.last, tz)
    doses = m.Dose.objects.filter(user=user, taken_at__gte=start, taken_at__lt=end).values_list(
        "taken_at", "grams"
    )
    totals = totals_by_day(doses, lead_first, span.last, tz)
    grams = [total for _, total in totals.values()]
    lead = (span.first - lead_first).days
    since = (began - lead_first).days if began is not None and began > lead_first else 0
    rolling = (
        rolling_means(grams, skip=lead, since=since) if began is not None else [None] * (len(grams) - lead)
    )
    checkins = m.CheckIn.objects.filter(user=user, at__gte=start, at__lt=end).values_list(
        "at", "pain_now", "peg_pain", "peg_enjoyment", "peg_activity"
    )
    pains: dict[date, list[float]] = defaultdict(list)
    pegs: dict[date, list[float]] = defaultdict(list)
    for at, pain, p, e, a in checkins:
        day = local_day(at, tz)
        if pain is not None:
            pains[day].append(pain)
        if (peg := peg_score(p, e, a)) is not None:
            pegs[day].append(peg)
    rows = []
    for (day, (count, total)), mean in zip(list(totals.items())[lead:], rolling, strict=True):
        rows.append(
            TrendDay(
                day=day,
                grams=round(total, 3),
                doses=count,
                rolling_grams=mean,
                grams_per_dose=round(total / count, 3) if count else None,
                pain=round(sum(pains[day]) / len(pains[day]), 2) if pains.get(day) else None,
                peg=round(sum(pegs[day]) / len(pegs[day]), 2) if pegs.get(day) else None,
            )
        )
    return rows


def _kratom_lane(days: list[TrendDay]) -> Lane:
    """The days with kratom doses, as a lane beside the others (more doses, a darker mark)."""
    marks = [
        Mark(
            d.day, d.doses, f"{d.doses} dose{'' if d.doses == 1 else 's'}, {_num(d.grams)} g", min(d.doses, 3)
        )
        for d in days
        if d.doses
    ]
    return Lane(
        "kratom",
        "kratom",
        "Kratom doses",
        marks=marks,
        summary=f"Kratom on {len(marks)} of {len(days)} days.",
    )


def _medication_lanes(*, user: User, span: TrendRange, days: list[TrendDay]) -> list[Lane]:
    dosed = {d.day for d in days if d.doses}
    lanes = []
    rows = m.Medication.objects.filter(user=user).order_by("started_on", "name", "id")
    for med in rows:
        if (med.started_on and med.started_on > span.last) or (
            med.stopped_on and med.stopped_on < span.first
        ):
            continue
        first = max(med.started_on or span.first, span.first)
        last = min(med.stopped_on or span.last, span.last)
        overlap = sum(1 for day in dosed if first <= day <= last)
        interval = Interval(
            first=first,
            last=last,
            open_start=med.started_on is None or med.started_on < span.first,
            open_end=med.stopped_on is None or med.stopped_on > span.last,
            started_on=med.started_on,
            stopped_on=med.stopped_on,
            dose_days=overlap,
        )
        summary = (
            f"{med.name} ({_dates(med.started_on, med.stopped_on)}): kratom on {overlap} of its "
            f"{(last - first).days + 1} days here."
        )
        label = f"{med.name} (medication)"
        lanes.append(
            Lane(f"medication-{med.uid}", "medication", label, intervals=[interval], summary=summary)
        )
    return lanes


def _substance_lanes(*, user: User, span: TrendRange) -> list[Lane]:
    tz = user_zone(user=user)
    start, end = days_window(span.first, span.last, tz)
    by_lane: dict[str, dict[date, list[m.SubstanceUse]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for use in m.SubstanceUse.objects.filter(user=user, at__gte=start, at__lt=end).order_by("at", "id"):
        if use.kind == SubstanceKind.ALCOHOL:
            key, name = "alcohol", "Alcohol"
        else:
            key = use.substance.strip().lower() or "other"
            name = use.substance.strip().capitalize() or "Other substance"
        names.setdefault(key, name)
        by_lane[key][local_day(use.at, tz)].append(use)
    lanes = []
    for key in sorted(by_lane, key=lambda k: (k != "alcohol", names[k])):
        marks = []
        for day, uses in sorted(by_lane[key].items()):
            drinks = sum(u.standard_drinks or 0 for u in uses)
            if key == "alcohol" and drinks:
                text = f"{_num(drinks)} standard drink{'' if drinks == 1 else 's'}"
                level = 1 if drinks <= 2 else 2 if drinks <= 4 else 3
            else:
                amounts = [u.amount_text for u in uses if u.amount_text]
                text = f"{len(uses)} time{'' if len(uses) == 1 else 's'}" + (
                    f" ({', '.join(amounts)})" if amounts else ""
                )
                level = 1 if len(uses) <= 1 else 2 if len(uses) <= 3 else 3
            marks.append(Mark(day, len(uses), text, level))
        summary = f"{names[key]} logged on {len(marks)} of {span.days} days."
        label = f"{names[key]} ({'drinks' if key == 'alcohol' else 'uses'} logged)"
        lanes.append(Lane(f"substance-{_slug(key)}", "substance", label, marks=marks, summary=summary))
    return lanes


SYMPTOM_LANES = (
    ("withdrawal", "Withdrawal symptoms"),
    ("common", "Side effects"),
    ("serious", "Serious symptoms"),
)
SEVERITY_LEVEL = {"mild": 1, "moderate": 2, "severe": 3}


def _symptom_lanes(*, user: User, span: TrendRange) -> list[Lane]:
    tz = user_zone(user=user)
    start, end = days_window(span.first, span.last, tz)
    vocabulary = side_effects()
    found: dict[str, dict[date, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    effects = m.SideEffect.objects.filter(
        checkin__user=user, checkin__at__gte=start, checkin__at__lt=end
    ).values_list("checkin__at", "code", "severity", "text")
    for at, code, severity, text in effects:
        known = vocabulary.get(code)
        group: str = known.group if known else "common"
        label = known.label if known else (text or code.replace("_", " ").capitalize())
        seen = found[group][local_day(at, tz)]
        seen[label] = max(seen.get(label, 0), SEVERITY_LEVEL.get(severity, 1))
    lanes = []
    for group, name in SYMPTOM_LANES:
        if group not in found:
            continue
        marks = []
        for day, symptoms in sorted(found[group].items()):
            level = 1 if len(symptoms) <= 1 else 2 if len(symptoms) <= 3 else 3
            marks.append(
                Mark(day, len(symptoms), ", ".join(sorted(symptoms)), max(level, max(symptoms.values())))
            )
        busiest = max(marks, key=lambda mark: (mark.count, mark.day))
        summary = (
            f"{name} on {len(marks)} of {span.days} days, most ({busiest.count}) on {_day(busiest.day)}."
        )
        lanes.append(Lane(f"symptom-{group}", "symptom", name, marks=marks, summary=summary))
    return lanes


def _labs(*, user: User, span: TrendRange) -> list[LabSeries]:
    rows = m.LabResult.objects.filter(user=user, taken_on__gte=span.first, taken_on__lte=span.last).order_by(
        "taken_on", "id"
    )
    by_test: dict[str, list[LabPoint]] = defaultdict(list)
    for lab in rows:
        above = lab.reference_high is not None and lab.value > lab.reference_high
        ratio = round(lab.value / lab.reference_high, 3) if lab.reference_high else None
        by_test[lab.test].append(
            LabPoint(lab.taken_on, lab.value, lab.unit, lab.reference_high, above, ratio)
        )
    series = []
    for test in LabTest:
        points = by_test.get(test.value)
        if not points:
            continue
        unit = points[-1].unit
        above = [p for p in points if p.above]
        limits = {p.upper_limit for p in points if p.upper_limit is not None}
        if not limits:
            limit_text = "no upper limit recorded"
        elif len(limits) == 1:
            limit_text = f"upper limit of {_num(next(iter(limits)))} {unit}"
        else:
            limit_text = "upper limits as each report gave them"
        if above:
            shown = ", ".join(f"{_num(p.value)} on {_day(p.day)}" for p in above)
            summary = (
                f"{test.value} above its {limit_text} in {len(above)} of {len(points)} results ({shown})"
            )
        elif limits:
            summary = f"{test.value} within its {limit_text} in all {len(points)} results"
        else:
            summary = f"{test.value}: {len(points)} results, {limit_text}"
        series.append(LabSeries(test.value, test.label, unit, points, summary))
    return series


def _labs_summary(labs: list[LabSeries]) -> str:
    """One sentence: how many days had liver tests, and each test against its upper limit."""
    if not labs:
        return "No liver tests in this span."
    days = sorted({p.day for series in labs for p in series.points})
    when = f"on {_day(days[0])}" if len(days) == 1 else f"from {_day(days[0])} to {_day(days[-1])}"
    tests = "; ".join(series.summary for series in labs)
    return f"Liver tests on {len(days)} day{'' if len(days) == 1 else 's'} {when}: {tests}."


def _grams_summary(days: list[TrendDay]) -> str:
    means = [(d.day, d.rolling_grams) for d in days if d.rolling_grams is not None]
    if not any(d.doses for d in days) or not means:
        return "No kratom doses in this span."
    (first_day, first_mean), (last_day, last_mean) = means[0], means[-1]
    peak = max(days, key=lambda d: (d.grams, d.day))
    if abs(last_mean - first_mean) < 0.05:
        move = f"stayed at a 7-day mean of {_num(first_mean)} g"
    else:
        verb = "rose" if last_mean > first_mean else "fell"
        move = f"{verb} from a 7-day mean of {_num(first_mean)} g to {_num(last_mean)} g"
    return (
        f"Grams per day {move} between {_day(first_day)} and {_day(last_day)}; "
        f"the most in one day was {_num(peak.grams)} g on {_day(peak.day)}."
    )


def _edge_summary(days: list[TrendDay], attribute: str, name: str, unit: str) -> str:
    """'<name> averaged A in the first 7 days with a value and B in the last 7.'"""
    known = [(d.day, value) for d in days if (value := getattr(d, attribute)) is not None]
    if not known:
        return f"{name}: nothing logged in this span."
    if len(known) <= EDGE_DAYS:
        mean = sum(v for _, v in known) / len(known)
        return f"{name} averaged {_num(mean)}{unit} on the {len(known)} days with a value."
    head, tail = known[:EDGE_DAYS], known[-EDGE_DAYS:]
    first, last = sum(v for _, v in head) / EDGE_DAYS, sum(v for _, v in tail) / EDGE_DAYS
    return (
        f"{name} averaged {_num(first)}{unit} in the first {EDGE_DAYS} days with a value "
        f"({_day(head[0][0])} to {_day(head[-1][0])}) and {_num(last)}{unit} in the last {EDGE_DAYS} "
        f"({_day(tail[0][0])} to {_day(tail[-1][0])})."
    )


def _doses_summary(days: list[TrendDay]) -> str:
    dosed = [d for d in days if d.doses]
    if not dosed:
        return "No kratom doses in this span."
    counts: dict[int, int] = defaultdict(int)
    for d in dosed:
        counts[d.doses] += 1
    usual = max(counts, key=lambda n: (counts[n], n))
    most = max(dosed, key=lambda d: (d.doses, d.day))
    return (
        f"Doses on {len(dosed)} of {len(days)} days; {usual} a day was the most common count "
        f"({counts[usual]} days), and the most in one day was {most.doses} on {_day(most.day)}."
    )


def _lanes_summary(lanes: list[Lane]) -> str:
    others = [lane for lane in lanes if lane.group != "kratom"]
    if not others:
        return "No medications, other substances or symptoms in this span."
    return " ".join(lane.summary for lane in others)


def _dates(started: date | None, stopped: date | None) -> str:
    if started and stopped:
        return f"{_day(started)} to {_day(stopped)}"
    if started:
        return f"since {_day(started)}"
    if stopped:
        return f"until {_day(stopped)}"
    return "no dates recorded"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-") or "other"
