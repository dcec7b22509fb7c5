"""What a summary for a clinician holds, read once for a period of local days: kratom use, pain and
PEG-3, side effects, open safety findings, the medication list with interaction flags, liver labs,
experiments and the questions to discuss. Plain data (no models), so the PDF and any other rendering
(an HTML page behind a share link) say the same thing; `report_summary` is the one function that
collects it. Every sentence here only describes what was logged: no advice on amounts or timing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from speciosa.core.days import days_window, local_day
from speciosa.core.insights.daily import Days
from speciosa.core.insights.peg import IMPORTANT_FRACTION, IMPORTANT_POINTS, peg_trend
from speciosa.core.safety.rules.interactions import medicine_classes
from speciosa.core.vocab import SymptomSeverity
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.experiments import experiment_view, experiment_views
from speciosa.journal.findings import findings_current
from speciosa.journal.selectors import user_zone
from speciosa.journal.selfchecks import ScoredCheck, selfcheck_list
from speciosa.journal.taper import TaperView, taper_latest
from speciosa.journal.trends import RangeKind, TrendDay, TrendRange, journal_first_day, trends_read
from speciosa.refdata import side_effects
from speciosa.refdata.name_reading import read_name
from speciosa.refdata.taper import pace, questionnaire

#: A change in mean grams a day between the halves of the period smaller than this reads as "about the
#: same" (→). A design choice of ours, for the arrow only; the figures are printed beside it.
STEADY_FRACTION = 0.10
#: Severity words in the order a side effect's worst one is chosen.
SEVERITY_ORDER = [s.value for s in SymptomSeverity]


@dataclass(frozen=True)
class ProductUse:
    name: str
    vendor: str
    form: str
    doses: int
    grams: float
    mitragynine_percent: float | None  # from the product's lab sheet (COA), when recorded
    #: Mean mg of mitragynine a day from this product over the period's days: grams × % × 10 / days.
    mitragynine_mg_a_day: float | None


@dataclass(frozen=True)
class KratomUse:
    days: int  # the days counted: from the period's start (or the journal's first day) to its end
    dose_days: int
    doses: int
    total_grams: float
    mean_grams_a_day: float | None
    doses_a_day: float | None
    first_half_grams: float | None  # mean grams a day in the first half of the counted days
    last_half_grams: float | None  # ... and in the second half
    arrow: str  # "↑", "↓", "→" or "" without doses
    trend_words: str
    products: list[ProductUse]


@dataclass(frozen=True)
class PainDay:
    day: date
    pain: float | None
    peg: float | None


@dataclass(frozen=True)
class Pain:
    days: list[PainDay]
    checkin_days: int
    pain_mean: float | None
    peg_mean: float | None
    peg_baseline: float | None  # mean PEG-3 of the first four weeks with a score (peg_trend)
    peg_latest: float | None  # ... and of the last four
    peg_important: bool
    #: The fall from the baseline that counts as clinically important: 2 points or 30%, whichever is less.
    important_drop: float | None
    summary: str


@dataclass(frozen=True)
class SideEffectCount:
    label: str
    checkins: int  # check-ins that listed it
    worst: str  # the most severe severity recorded


@dataclass(frozen=True)
class FindingLine:
    severity: str  # "info", "caution", "warning", "urgent"
    title: str
    action: str
    notable: bool
    first_seen: date


@dataclass(frozen=True)
class MedicationLine:
    name: str
    dose: str
    schedule: str
    purpose: str
    started_on: date | None
    stopped_on: date | None
    interactions: list[str]  # interaction classes with kratom the name reaches, with severity


@dataclass(frozen=True)
class LabLine:
    day: date
    test: str
    value: float
    unit: str
    upper_limit: float | None
    times_limit: float | None
    above: bool


@dataclass(frozen=True)
class ExperimentLine:
    question: str
    options: str
    state: str
    first: date
    last: date
    result: str  # the verdict, or why there is none yet


@dataclass(frozen=True)
class TaperPlanLine:
    """The person's own taper plan, as planned and as it stands (projected dates assume no more pauses)."""

    start_on: date
    start_grams: float
    goal_grams: float  # the plan's last target (0: stopping)
    pace: str  # e.g. "About 10% a step, each step held at least 7 days"
    measure: str  # what the person measures with, e.g. "0.25 g on a scale"
    doses_per_day: int
    steps: int
    state: str  # "planned", "under way", "paused", "finished", "ended"
    pause_reason: str  # why it is paused ("" when not)
    current_step: int | None  # the step's number, while planned, under way or paused
    target_grams: float | None  # the current step's daily target
    finish_on: date | None  # the projected last day (or the day it finished)
    ended_on: date | None
    over_days: int  # days the grams logged were above the day's target (beyond the measuring margin)


@dataclass(frozen=True)
class SowsLine:
    """The SOWS (withdrawal now, 0-64; no kratom cut-offs, so no label) in the period."""

    latest: int
    latest_at: datetime  # in the person's zone
    lowest: int
    highest: int
    count: int
    max_total: int


@dataclass(frozen=True)
class Dsm5Line:
    """The latest DSM-5 self-check up to the period's end: a self-check, not a diagnosis."""

    count: int
    of: int
    band: str
    at: datetime  # in the person's zone
    words: str = "self-check, not a diagnosis"


@dataclass(frozen=True)
class TaperReport:
    """Cutting down (issue 11): the plan, withdrawal scores and the dependence self-check; each part is
    None when the journal has none for the period."""

    plan: TaperPlanLine | None
    sows: SowsLine | None
    dsm5: Dsm5Line | None


@dataclass(frozen=True)
class ReportSummary:
    start: date
    end: date
    generated_at: datetime  # in the person's zone
    zone: str
    kratom: KratomUse
    pain: Pain
    side_effects: list[SideEffectCount]
    findings: list[FindingLine]
    medications: list[MedicationLine]
    labs: list[LabLine]
    experiments: list[ExperimentLine]
    #: Cutting down (issue 11): None when there is no plan, SOWS or DSM-5 self-check to show.
    taper: TaperReport | None
    questions: list[str]


def report_summary(*, user: User, start: date, end: date, now: datetime) -> ReportSummary:
    """Everything the clinician summary shows for the local days `start` to `end` (both included)."""
    zone = user_zone(user=user)
    today = local_day(now, zone)
    began = journal_first_day(user=user)
    first = max(start, began) if began else start
    last = min(end, today)
    counted = first <= last
    trends = trends_read(user=user, span=TrendRange(first, last, RangeKind.CUSTOM)) if counted else None
    trend_days = trends.days if trends else []
    findings = [
        FindingLine(c.severity, c.title, c.finding.action, c.notable, local_day(c.first_seen_at, zone))
        for c in findings_current(user=user, now=now)
    ]
    medications = _medications(user, start, end)
    labs = [
        LabLine(p.day, s.label, p.value, p.unit, p.upper_limit, p.times_limit, p.above)
        for s in (trends.labs if trends else [])
        for p in s.points
    ]
    labs.sort(key=lambda lab: (lab.day, lab.test))
    return ReportSummary(
        start=start,
        end=end,
        generated_at=now.astimezone(zone),
        zone=str(zone),
        kratom=_kratom(user, trend_days, first, last),
        pain=_pain(trend_days),
        side_effects=_side_effects(user, first, last) if counted else [],
        findings=findings,
        medications=medications,
        labs=labs,
        experiments=_experiments(user, start, end, now),
        taper=_taper(user, start, end, now),
        questions=_questions(findings, medications, labs),
    )


def _kratom(user: User, days: list[TrendDay], first: date, last: date) -> KratomUse:
    count = len(days)
    grams = sum(d.grams for d in days)
    doses = sum(d.doses for d in days)
    half = count // 2
    early = days[:half]
    late = days[count - half :] if half else []
    early_mean = round(sum(d.grams for d in early) / len(early), 2) if early else None
    late_mean = round(sum(d.grams for d in late) / len(late), 2) if late else None
    arrow, words = _arrow(early_mean, late_mean, half, doses)
    return KratomUse(
        days=count,
        dose_days=sum(1 for d in days if d.doses),
        doses=doses,
        total_grams=round(grams, 2),
        mean_grams_a_day=round(grams / count, 2) if count else None,
        doses_a_day=round(doses / count, 2) if count else None,
        first_half_grams=early_mean,
        last_half_grams=late_mean,
        arrow=arrow,
        trend_words=words,
        products=_products(user, first, last, count) if doses else [],
    )


def _arrow(early: float | None, late: float | None, half: int, doses: int) -> tuple[str, str]:
    if not doses or early is None or late is None:
        return "", "No kratom doses logged in this period." if not doses else "Too few days to compare."
    halves = f"mean grams a day, first {half} days {early:.1f} g vs last {half} days {late:.1f} g"
    if early == late or (early and abs(late - early) / early < STEADY_FRACTION):
        return "→", f"About the same ({halves})."
    return ("↑", f"Up ({halves}).") if late > early else ("↓", f"Down ({halves}).")


def _products(user: User, first: date, last: date, days: int) -> list[ProductUse]:
    start, end = days_window(first, last, user_zone(user=user))
    rows = m.Dose.objects.filter(user=user, taken_at__gte=start, taken_at__lt=end).values_list(
        "grams",
        "product__name",
        "product__vendor",
        "product__form",
        "product__mitragynine_percent",
    )
    grams: Counter[tuple[str, str, str, float | None]] = Counter()
    doses: Counter[tuple[str, str, str, float | None]] = Counter()
    for amount, name, vendor, form, percent in rows:
        key = (name or "No product recorded", vendor or "", form or "", percent)
        grams[key] += amount
        doses[key] += 1
    return [
        ProductUse(
            name=name,
            vendor=vendor,
            form=form,
            doses=doses[key],
            grams=round(total, 1),
            mitragynine_percent=percent,
            mitragynine_mg_a_day=round(total * percent * 10 / days, 1) if percent is not None else None,
        )
        for key, total in grams.most_common()
        for name, vendor, form, percent in [key]
    ]


def _pain(days: list[TrendDay]) -> Pain:
    shown = [PainDay(d.day, d.pain, d.peg) for d in days]
    pains = [d.pain for d in shown if d.pain is not None]
    pegs = {d.day: d.peg for d in shown if d.peg is not None}
    trend = peg_trend(Days({}, {}, pegs, {}, {}, {}, set()))
    drop = (
        round(min(IMPORTANT_POINTS, IMPORTANT_FRACTION * trend.baseline), 2)
        if trend.baseline is not None
        else None
    )
    return Pain(
        days=shown,
        checkin_days=sum(1 for d in shown if d.pain is not None or d.peg is not None),
        pain_mean=round(sum(pains) / len(pains), 1) if pains else None,
        peg_mean=round(sum(pegs.values()) / len(pegs), 1) if pegs else None,
        peg_baseline=trend.baseline,
        peg_latest=trend.latest,
        peg_important=trend.important,
        important_drop=drop,
        summary=trend.summary,
    )


def _side_effects(user: User, first: date, last: date) -> list[SideEffectCount]:
    start, end = days_window(first, last, user_zone(user=user))
    rows = m.SideEffect.objects.filter(
        checkin__user=user, checkin__at__gte=start, checkin__at__lt=end
    ).values_list("code", "severity", "text")
    labels = {code: effect.label for code, effect in side_effects().items()}
    counts: Counter[str] = Counter()
    worst: dict[str, str] = {}
    for code, severity, text in rows:
        label = labels.get(code) or text or code
        counts[label] += 1
        if SEVERITY_ORDER.index(severity) > SEVERITY_ORDER.index(worst.get(label, severity)):
            worst[label] = severity
        worst.setdefault(label, severity)
    return [SideEffectCount(label, n, worst[label]) for label, n in counts.most_common()]


def _medications(user: User, start: date, end: date) -> list[MedicationLine]:
    rows = m.Medication.objects.filter(user=user).exclude(started_on__gt=end).exclude(stopped_on__lt=start)
    return [
        MedicationLine(
            name=med.name,
            dose=med.dose_text,
            schedule=med.schedule,
            purpose=med.purpose,
            started_on=med.started_on,
            stopped_on=med.stopped_on,
            interactions=[
                f"{c.label} ({c.severity.replace('_', ' ')})" for c in medicine_classes(read_name(med.name))
            ],
        )
        for med in rows.order_by("stopped_on", "name")
    ]


def _experiments(user: User, start: date, end: date, now: datetime) -> list[ExperimentLine]:
    lines = []
    for view in experiment_views(user=user, now=now):
        first, last = view.schedule.start, view.last_day
        if last < start or first > end or view.state == "planned":
            continue
        view = experiment_view(user=user, uid=view.experiment.uid, now=now)  # with its days and result
        if view.results_locked:
            result = "The result stays hidden until the last day is over."
        else:
            result = view.result.verdict if view.result else "No result."
        lines.append(
            ExperimentLine(
                question=view.experiment.question,
                options=f"A: {view.label('A')}; B: {view.label('B')}",
                state=view.state_words,
                first=first,
                last=last,
                result=result,
            )
        )
    return lines


def _questions(
    findings: list[FindingLine], medications: list[MedicationLine], labs: list[LabLine]
) -> list[str]:
    """Questions the person may bring, from the notable findings, then from what no finding raised (a
    medication with an interaction flag, a liver test above its limit): never about amounts or timing."""
    questions = [
        f"The app raised “{f.title}” ({f.severity}). What does it mean for me, and what should we watch?"
        for f in findings
        if f.notable
    ]
    raised = " ".join(f.title.lower() for f in findings)
    for med in medications:
        if med.interactions and med.stopped_on is None and med.name.lower() not in raised:
            questions.append(f"Is it a problem to take {med.name} while I use kratom?")
    above = sorted({lab.test for lab in labs if lab.above})
    if above and "liver" not in raised:
        questions.append(f"{' and '.join(above)} above the upper limit: what follow-up is needed?")
    return questions


# --- cutting down ------------------------------------------------------------------------------------


def _taper(user: User, start: date, end: date, now: datetime) -> TaperReport | None:
    zone = user_zone(user=user)
    since, until = days_window(start, end, zone)
    view = taper_latest(user=user, now=now)
    plan = _plan_line(view) if view is not None and taper_overlaps(view, start, end) else None
    sows = [c for c in selfcheck_list(user=user, instrument="sows", since=since) if c.at < until]
    dsm5 = next((c for c in selfcheck_list(user=user, instrument="dsm5") if c.at < until), None)
    if plan is None and not sows and dsm5 is None:
        return None
    return TaperReport(plan=plan, sows=_sows_line(sows, zone) if sows else None, dsm5=_dsm5_line(dsm5, zone))


def taper_overlaps(view: TaperView, start: date, end: date) -> bool:
    """Whether the plan runs (or ran, or is planned to run) on any day of the period."""
    last = view.progress.ended_on or view.progress.finish_on or view.plan.start_on
    return view.plan.start_on <= end and last >= start


def _plan_line(view: TaperView) -> TaperPlanLine:
    plan, progress = view.plan, view.progress
    chosen = pace(plan.pace) if plan.pace in ("standard", "gentle") else None
    label = chosen.label if chosen else f"About {plan.percent:g}% a step"
    current = progress.current if view.state in ("planned", "running", "paused") else None
    return TaperPlanLine(
        start_on=plan.start_on,
        start_grams=plan.start_grams,
        goal_grams=plan.target_grams,
        pace=f"{label}, each step held at least {plan.hold_days} days",
        measure=view.measure_label,
        doses_per_day=plan.doses_per_day,
        steps=len(progress.steps),
        state=view.state_words,
        pause_reason=progress.pause_reason if view.state == "paused" else "",
        current_step=current.step.number if current else None,
        target_grams=current.step.grams if current else None,
        finish_on=progress.finish_on,
        ended_on=progress.ended_on,
        over_days=progress.over_days,
    )


def _sows_line(checks: list[ScoredCheck], zone: tzinfo) -> SowsLine:
    latest = checks[0]  # newest first
    totals = [c.result.total for c in checks]
    return SowsLine(
        latest=latest.result.total,
        latest_at=latest.at.astimezone(zone),
        lowest=min(totals),
        highest=max(totals),
        count=len(totals),
        max_total=latest.result.max_total,
    )


def _dsm5_line(check: ScoredCheck | None, zone: tzinfo) -> Dsm5Line | None:
    if check is None:
        return None
    return Dsm5Line(
        count=check.result.total,
        of=len(questionnaire("dsm5").items),
        band=check.result.band,
        at=check.at.astimezone(zone),
    )
