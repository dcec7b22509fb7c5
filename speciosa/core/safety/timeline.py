"""The dose timeline for Today: each dose of the last 24 hours with the spans the sources give for when
felt effects start, when blood levels peak and when felt effects fade, and where the dose is now. Also
the milligrams of mitragynine and 7-OH in a dose of a product with lab figures.

No time here is a time to take more. The timeline says when the last dose is expected to peak, and that
mitragynine stays in the blood for days after felt effects fade (terminal half-life about 43-68 hours,
`STAYS_IN_BLOOD`), so nothing taken later (alcohol, a sleeping pill, another dose) meets an empty body.

Pure: the pages pass in the doses, products, `now` and the time courses (refdata's by default).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from speciosa.core import journal_format as fmt
from speciosa.core import scores
from speciosa.core.safety.product_forms import product_form
from speciosa.core.safety.view import JournalView
from speciosa.core.vocab import ProductForm
from speciosa.refdata import TimeCourse, pharmacokinetics
from speciosa.refdata import time_courses as refdata_time_courses

#: The timeline shows the doses of the last 24 hours.
TIMELINE_SPAN = timedelta(hours=24)
ALKALOID_ASSUMPTION = (
    "Worked out as grams × % by weight × 10, from this product's lab figures; it assumes the figures of "
    "the lab report hold for the part you took."
)
#: What the timeline says under every dose: felt effects fading is not the drug leaving.
STAYS_IN_BLOOD = (
    "Felt effects fade within hours, but mitragynine stays in the blood for days: its half-life is about "
    "43-68 hours (Huestis 2024; 45 hours in Tanna 2022), so most of a dose is still in the body when it no "
    "longer feels active, and daily doses build up. Alcohol, sleeping pills or other sedatives taken later "
    "still add to it."
)
STAYS_IN_BLOOD_SOURCES = ("huestis-2024", "tanna-2022")


@dataclass(frozen=True)
class Band:
    """A stretch of time in which something is expected: the sources' span, earliest to latest."""

    start: datetime
    end: datetime

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end


@dataclass(frozen=True)
class AlkaloidMg:
    """Milligrams of mitragynine and 7-OH in one dose (None where the lab figures give none)."""

    mitragynine_mg: float | None
    seven_oh_mg: float | None
    assumption: str = ALKALOID_ASSUMPTION


@dataclass(frozen=True)
class TimelineDose:
    """One dose on the timeline. `onset` (felt effects start), `peak` (blood levels peak) and `ends`
    (felt effects fade) are the spans the sources give for the dose's form; `expected_peak_at` is the
    dose plus the median published Tmax (and the form's delay); `active_now` is True from the dose until
    the latest time any source gives for felt effects to fade (mitragynine stays in the blood far
    longer: `STAYS_IN_BLOOD`)."""

    dose: fmt.DoseRecord
    form: ProductForm
    product: fmt.ProductRecord | None
    onset: Band
    peak: Band
    ends: Band
    active_now: bool
    phase: str
    expected_peak_at: datetime
    alkaloids: AlkaloidMg | None
    note: str
    sources: tuple[str, ...]


def alkaloid_mg(dose: fmt.DoseRecord, product: fmt.ProductRecord | None) -> AlkaloidMg | None:
    """Milligrams of mitragynine and 7-OH in `dose`, from the product's lab figures (% by weight);
    None when the product has neither figure."""
    if product is None or (product.mitragynine_percent is None and product.seven_oh_percent is None):
        return None

    def mg(percent: float | None) -> float | None:
        return None if percent is None else scores.alkaloid_mg(dose.grams, percent)

    return AlkaloidMg(mg(product.mitragynine_percent), mg(product.seven_oh_percent))


def phase_at(now: datetime, onset: Band, peak: Band, ends: Band, taken_at: datetime) -> str:
    """Where a dose is at `now`, in plain words (expected, from the sources' spans)."""
    if now < taken_at:
        return "not taken yet"
    if now < onset.start:
        return "before felt effects are expected"
    if now < peak.start:
        return "coming on"
    if now <= peak.end:
        return "around its expected peak"
    if now <= ends.end:
        return "felt effects fading"
    return "felt effects expected to have faded; still in the blood"


def tmax_minutes() -> float:
    """The median of the published mitragynine Tmax figures, in minutes (about an hour)."""
    figures = sorted(
        fact.value
        for fact in pharmacokinetics()
        if fact.analyte == "mitragynine" and fact.parameter == "tmax"
    )
    middle = len(figures) // 2
    median = figures[middle] if len(figures) % 2 else (figures[middle - 1] + figures[middle]) / 2
    return median * 60


def timeline_dose(
    dose: fmt.DoseRecord,
    product: fmt.ProductRecord | None,
    now: datetime,
    courses: Mapping[str, TimeCourse],
) -> TimelineDose:
    form = product_form(product) if product else ProductForm.POWDER
    course = courses[form.value]
    at = dose.taken_at

    def band(low: float, high: float) -> Band:
        return Band(at + timedelta(minutes=low), at + timedelta(minutes=high))

    onset = band(course.onset_minutes.low, course.onset_minutes.high)
    peak = band(course.peak_minutes.low, course.peak_minutes.high)
    ends = band(course.duration_minutes.low, course.duration_minutes.high)
    return TimelineDose(
        dose=dose,
        form=form,
        product=product,
        onset=onset,
        peak=peak,
        ends=ends,
        active_now=at <= now <= ends.end,
        phase=phase_at(now, onset, peak, ends, at),
        expected_peak_at=at + timedelta(minutes=tmax_minutes() + course.delay_minutes),
        alkaloids=alkaloid_mg(dose, product),
        note=course.note,
        sources=tuple(dict.fromkeys((*course.sources, *(s.source for s in course.per_source)))),
    )


def dose_timeline(
    view_or_doses: JournalView | Sequence[fmt.DoseRecord],
    products: Mapping[UUID, fmt.ProductRecord] | None = None,
    now: datetime | None = None,
    time_courses: Mapping[str, TimeCourse] | None = None,
) -> list[TimelineDose]:
    """Each dose of the 24 hours before `now`, oldest first, on the timeline.

    Give a JournalView (its doses, products and `now` are used unless given), or the doses with their
    products and `now`. `time_courses` defaults to refdata's."""
    courses = time_courses if time_courses is not None else refdata_time_courses()
    if isinstance(view_or_doses, JournalView):
        view = view_or_doses
        moment = now or view.now
        doses: Sequence[fmt.DoseRecord] = view.doses_between(moment - TIMELINE_SPAN, moment)
        known = products if products is not None else view.products
    else:
        if now is None:
            raise ValueError("dose_timeline needs `now` when given a list of doses")
        moment = now
        doses = sorted(
            (d for d in view_or_doses if moment - TIMELINE_SPAN <= d.taken_at <= moment),
            key=lambda d: (d.taken_at, str(d.uid)),
        )
        known = products or {}
    return [
        timeline_dose(dose, known.get(dose.product_uid) if dose.product_uid else None, moment, courses)
        for dose in doses
    ]
