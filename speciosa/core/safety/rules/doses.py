"""Dose and timing rules: a large single dose, a redose before the last dose could peak, a high total
for the day (against the sources and against the person's own baseline), and the first dose of a new
product or batch.

Dose rules judge what is happening now: the doses of the last 24 hours (`RECENT`). Every number they
compare against comes from `speciosa.refdata` (thresholds, time courses, forms); the few windows that
are ours are named constants below, each with its reason, and each rule's `design_choice` says so.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import datetime, timedelta
from uuid import UUID

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_start
from speciosa.core.safety.findings import EntryRef, Finding, Severity
from speciosa.core.safety.product_forms import product_form
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules._common import (
    DESIGN,
    amount,
    dose_refs,
    doses_by_local_day,
    evidence_grade,
    newest,
    total_grams,
)
from speciosa.core.safety.view import JournalView
from speciosa.core.scores import alkaloid_mg
from speciosa.core.vocab import ProductForm
from speciosa.refdata import form_info, thresholds, time_courses

#: Dose rules look at the doses of the last 24 hours: what is happening now, not the whole window.
RECENT = timedelta(hours=24)
#: The person's own usual amounts come from the 28 local days before today. Design choice: four
#: weeks, the same span the dose-creep rule compares, so one unusual week does not set the baseline.
BASELINE_DAYS = 28
#: A baseline needs at least this many days with doses among those 28. Design choice: a week of data.
BASELINE_MIN_DAYS = 7
#: Today's total is "well above" the person's baseline at this multiple of their median daily total.
#: Design choice (no source gives one): half as much again is well beyond the day-to-day wobble of a
#: steady routine, and two doses more than usual on a two-dose day.
BASELINE_MULTIPLE = 1.5


def form_of(view: JournalView, dose: fmt.DoseRecord) -> ProductForm:
    """The product form of a dose; a dose without a product counts as plain leaf powder."""
    product = view.product_of(dose)
    return product_form(product) if product else ProductForm.POWDER


def leaf_bands_apply(view: JournalView, dose: fmt.DoseRecord) -> bool:
    """True when the published (plain-leaf) dose bands apply to this dose's form."""
    return form_info(form_of(view, dose)).dose_bands_apply


def recent_doses(view: JournalView) -> list[fmt.DoseRecord]:
    return view.doses_in_last(RECENT)


def usual_daily_grams(view: JournalView) -> tuple[float, int] | None:
    """The median daily total over the days with doses among the `BASELINE_DAYS` before today, and
    how many such days there were; None when fewer than `BASELINE_MIN_DAYS` days had doses."""
    first = view.today - timedelta(days=BASELINE_DAYS)
    days = doses_by_local_day(view, first, view.today - timedelta(days=1))
    totals = [total_grams(doses) for doses in days.values() if doses]
    if len(totals) < BASELINE_MIN_DAYS:
        return None
    return statistics.median(totals), len(totals)


def usual_dose_grams(view: JournalView, *, excluding: UUID | None = None) -> float | None:
    """The median single dose of the `BASELINE_DAYS` before today (leaving out one product's doses)."""
    first = day_start(view.today - timedelta(days=BASELINE_DAYS), view.tz)
    grams = [
        d.grams
        for d in view.doses_between(first, day_start(view.today, view.tz) - timedelta(microseconds=1))
        if excluding is None or d.product_uid != excluding
    ]
    return statistics.median(grams) if grams else None


# --- dose.high_single -------------------------------------------------------------------------------

HIGH_SINGLE_SOURCES = ("grundmann-2017", "fda-sad-2024", "prozialeck-2012", DESIGN)


@rule(
    "dose.high_single",
    title="A large single dose",
    checks=(
        "Each dose of plain leaf (powder, capsules, tea, or no product named) in the last 24 hours: a "
        "caution at or above the high single-dose mark, a warning at or above the very high mark. "
        "Extracts and 7-OH or enhanced products are judged by the product rules instead, because the "
        "leaf bands say nothing about them."
    ),
    sources=HIGH_SINGLE_SOURCES,
    design_choice=(
        "The marks (high_single_dose_grams and very_high_single_dose_grams in thresholds.yaml) are "
        "Grundmann's per-dose figure (a gentle note) and the start of the reported sedation band (a strong "
        "warning); raising notes at them is our choice."
    ),
)
def high_single(view: JournalView) -> Iterator[Finding]:
    limits = thresholds()
    high, very_high = limits.high_single_dose_grams.value, limits.very_high_single_dose_grams.value
    nausea = limits.fda_nausea_single_dose_grams.value
    large = [d for d in recent_doses(view) if d.grams >= high and leaf_bands_apply(view, d)]
    if not large:
        return
    biggest = max(large, key=lambda d: (d.grams, d.taken_at))
    worst = biggest.grams >= very_high
    meaning = (
        f"You took {amount(biggest.grams)} in one dose. In a large US survey, negative effects (mostly "
        f"nausea and constipation) were reported mainly at {amount(high)} or more per dose (Grundmann "
        f"2017). In an FDA study of healthy adults, passing nausea or vomiting appeared from "
        f"{amount(nausea)}, the highest amounts it tested."
    )
    if worst:
        meaning += (
            f" Above {amount(very_high)}, older reports describe sedation or stupor (anecdotal, quoted "
            "in a 2012 review). These are survey and study figures, not a line below which an amount "
            "is harmless."
        )
        action = (
            "Stay with someone if you can, and do not drive. Avoid alcohol, sleeping pills and other "
            "sedatives. If you become very sleepy or confused, or your breathing slows, call emergency "
            "services; if naloxone is at hand, someone should give it."
        )
        used: tuple[str, ...] = ("grundmann-2017", "fda-sad-2024", "prozialeck-2012", DESIGN)
    else:
        meaning += " These are survey figures, not a line below which an amount is harmless."
        action = (
            "Watch for nausea, dizziness and drowsiness, and do not drive until you know how it affects "
            "you. If side effects keep bothering you, tell your care team."
        )
        used = ("grundmann-2017", "fda-sad-2024", DESIGN)
    others = len(large) - 1
    if others:
        plural = "s" if others > 1 else ""
        meaning += f" {others} other dose{plural} in the last 24 hours also reached {amount(high)}."
    yield Finding(
        code="dose.high_single",
        severity=Severity.WARNING if worst else Severity.CAUTION,
        title=f"{'A very large' if worst else 'A large'} single dose: {amount(biggest.grams)}",
        meaning=meaning,
        action=action,
        grade=evidence_grade(used),
        sources=used,
        entries=dose_refs(large),
        subject=str(biggest.uid),
        at=newest(large),
    )


# --- dose.redose_before_peak ------------------------------------------------------------------------


def redose_window(view: JournalView, dose: fmt.DoseRecord) -> timedelta:
    """How long after `dose` a further dose comes before it could have peaked: the refdata minutes
    from Tmax, plus the later start of the dose's form (capsules must dissolve first)."""
    delay = time_courses()[form_of(view, dose).value].delay_minutes
    return timedelta(minutes=thresholds().redose_before_peak_minutes.value + delay)


def longest_redose_window(view: JournalView) -> timedelta:
    base = thresholds().redose_before_peak_minutes.value
    return timedelta(minutes=base + max(tc.delay_minutes for tc in time_courses().values()))


@rule(
    "dose.redose_before_peak",
    title="A redose before the last dose could peak",
    checks=(
        "Each dose in the last 24 hours taken sooner after an earlier dose than that dose needs to reach "
        "its peak blood level (about an hour; later for capsules) raises a caution."
    ),
    sources=("tanna-2022", "huestis-2024", "trakulsrichai-2015", DESIGN),
    design_choice=(
        "Mitragynine peaks about an hour after a dose (Tmax). Noting a second dose within that hour, and "
        "adding the capsule delay of time_courses.yaml, is our choice."
    ),
)
def redose_before_peak(view: JournalView) -> Iterator[Finding]:
    recent = recent_doses(view)
    if not recent:
        return
    reach = longest_redose_window(view)
    candidates = view.doses_between(view.now - RECENT - reach, view.now)
    pairs: list[tuple[fmt.DoseRecord, fmt.DoseRecord]] = []
    recent_uids = {d.uid for d in recent}
    for i, later in enumerate(candidates):
        if later.uid not in recent_uids:
            continue
        for earlier in reversed(candidates[:i]):
            gap = later.taken_at - earlier.taken_at
            if gap >= reach:
                break
            if gap < redose_window(view, earlier):
                pairs.append((earlier, later))
                break
    if not pairs:
        return
    earlier, later = pairs[-1]
    minutes = round((later.taken_at - earlier.taken_at).total_seconds() / 60)
    window = round(redose_window(view, earlier).total_seconds() / 60)
    involved = sorted(
        {d.uid: d for pair in pairs for d in pair}.values(), key=lambda d: (d.taken_at, str(d.uid))
    )
    meaning = (
        f"You took {amount(later.grams)} {minutes} minutes after {amount(earlier.grams)}. Mitragynine "
        f"reaches its highest blood level about an hour after a dose (blood-level studies), so the first "
        f"dose had probably not taken its full effect yet (we allow {window} minutes for this form). "
        "Doses stacked this way add up to more than either feels like at the time."
    )
    if len(pairs) > 1:
        meaning += f" This happened {len(pairs)} times in the last 24 hours."
    used = ("tanna-2022", "huestis-2024", "trakulsrichai-2015", DESIGN)
    yield Finding(
        code="dose.redose_before_peak",
        severity=Severity.CAUTION,
        title="A redose before the last dose could take effect",
        meaning=meaning,
        action=(
            "Both doses are still rising in your blood. Watch for drowsiness, nausea or dizziness over the "
            "next hours, do not drive, and avoid alcohol and other sedatives. The dose timeline on Today "
            "shows when each dose is expected to peak."
        ),
        grade=evidence_grade(used),
        sources=used,
        entries=dose_refs(involved),
        subject=str(later.uid),
        at=later.taken_at,
    )


# --- dose.daily_total_high and dose.daily_total_above_baseline --------------------------------------


def today_doses(view: JournalView) -> list[fmt.DoseRecord]:
    return view.doses_between(day_start(view.today, view.tz), view.now)


@rule(
    "dose.daily_total_high",
    title="A high total for the day",
    checks=(
        "The total of today's doses (local day) and of the last 24 hours: a warning when either is above "
        "the daily-total mark."
    ),
    sources=("grundmann-2017", "singh-2014", "snow-caroti-2024", "hhs-taper-2019", "weiss-2021", DESIGN),
    design_choice=(
        "No source gives a daily ceiling: daily_total_high_grams in thresholds.yaml is ours. The clinician "
        "note above daily_total_clinician_grams leans on Weiss 2021."
    ),
)
def daily_total_high(view: JournalView) -> Iterator[Finding]:
    limits = thresholds()
    limit = limits.daily_total_high_grams.value
    today, last_day = today_doses(view), recent_doses(view)
    today_total, rolling_total = total_grams(today), total_grams(last_day)
    if today_total <= limit and rolling_total <= limit:
        return
    if today_total > limit:
        doses, total, span = today, today_total, "today"
    else:
        doses, total, span = last_day, rolling_total, "in the last 24 hours"
    per_day = round(limits.doses_per_day_dependence.value)
    meaning = (
        f"You have taken {amount(total)} {span}, above {amount(limit)}. No study gives a daily ceiling, "
        f"so {amount(limit)} is our mark, set where the sources' warning signs add up: doses of "
        f"{amount(limits.high_single_dose_grams.value)} or more, where a large US survey saw more side "
        f"effects, and {per_day} or more servings a day, which went with dependence in Malaysian studies. "
        "The more grams a day, the more of any lead or nickel in the product you take in."
    )
    used = ["grundmann-2017", "singh-2014", "snow-caroti-2024", "hhs-taper-2019", DESIGN]
    action = (
        "Do not drive, and avoid alcohol and other sedatives today. If your daily amount has been rising, "
        "talk to your care team about it: guidance on cutting down opioids (HHS 2019) finds slow steps "
        "easier than stopping at once."
    )
    clinician = limits.daily_total_clinician_grams.value
    if total > clinician:
        action += (
            f" Above about {amount(clinician)} a day, plan any change with a clinician: people at these "
            "amounts have needed medical help with withdrawal."
        )
        used.insert(4, "weiss-2021")
    yield Finding(
        code="dose.daily_total_high",
        severity=Severity.WARNING,
        title=f"A high total for the day: {amount(total)} {span}",
        meaning=meaning,
        action=action,
        grade=evidence_grade(used),
        sources=tuple(used),
        entries=dose_refs(doses),
        subject=view.today.isoformat(),
        at=newest(doses),
    )


@rule(
    "dose.daily_total_above_baseline",
    title="Today well above your usual daily amount",
    checks=(
        "Today's total (local day) against your own baseline: the median daily total over the days with "
        f"doses in the {BASELINE_DAYS} days before today (at least {BASELINE_MIN_DAYS} such days). A "
        f"caution at {BASELINE_MULTIPLE:g} times the baseline or more."
    ),
    sources=("hill-2024-kud", "rogers-2024", DESIGN),
    design_choice=(
        f"The baseline (median of the previous {BASELINE_DAYS} days' daily totals, on days with doses, "
        f"needing {BASELINE_MIN_DAYS} such days) and the {BASELINE_MULTIPLE:g} multiple are our choices: no "
        "source gives a personal-baseline rule. Rising amounts are how tolerance shows, the commonest "
        "criterion of kratom use disorder (Hill 2024)."
    ),
)
def daily_total_above_baseline(view: JournalView) -> Iterator[Finding]:
    usual = usual_daily_grams(view)
    if usual is None:
        return
    baseline, days = usual
    doses = today_doses(view)
    total = total_grams(doses)
    if baseline <= 0 or total < BASELINE_MULTIPLE * baseline:
        return
    used = ("hill-2024-kud", "rogers-2024", DESIGN)
    yield Finding(
        code="dose.daily_total_above_baseline",
        severity=Severity.CAUTION,
        title=f"Today well above your usual: {amount(total)} against about {amount(baseline)}",
        meaning=(
            f"You have taken {amount(total)} today, {total / baseline:.1f} times your usual daily amount "
            f"({amount(baseline)}, the middle of your daily totals on {days} days in the last four "
            "weeks). A day well above your own usual is worth noticing: needing more for the same effect "
            "is how tolerance shows, and tolerance was the commonest criterion of kratom use disorder in a "
            "US survey."
        ),
        action=(
            "Notice what made today different (more pain, stress, a new product). If days like this "
            "become common, talk to your care team."
        ),
        grade=evidence_grade(used),
        sources=used,
        entries=dose_refs(doses),
        subject=view.today.isoformat(),
        at=newest(doses),
    )


# --- dose.new_product -------------------------------------------------------------------------------


def earlier_dose_of(view: JournalView, product_uid: UUID, before: datetime) -> fmt.DoseRecord | None:
    """The latest dose of a product taken before `before`, or None when the window holds none."""
    if not view.doses:
        return None
    for dose in reversed(view.doses_between(view.doses[0].taken_at, before)):
        if dose.taken_at < before and dose.product_uid == product_uid:
            return dose
    return None


NEW_PRODUCT_SOURCES = ("prozialeck-2020", "kikura-hanajiri-2009", "manwill-2022", DESIGN)


@rule(
    "dose.new_product",
    title="The first dose of a new product or batch",
    checks=(
        "A product (or a new batch, which is a new product entry) whose first dose in the journal window "
        "was in the last 24 hours: a caution when the product has no mitragynine figure from a lab report "
        "(its strength is unknown), otherwise an info note giving the milligrams of mitragynine in that dose."
    ),
    sources=NEW_PRODUCT_SOURCES,
    design_choice=(
        "Potency varies about tenfold between products (sources). Raising a caution when a new product's "
        "strength is unknown, and only a note when its lab figures give it, is our choice."
    ),
)
def new_product(view: JournalView) -> Iterator[Finding]:
    recent = recent_doses(view)
    start = view.now - RECENT
    firsts: dict[UUID, fmt.DoseRecord] = {}
    for dose in recent:
        if dose.product_uid and dose.product_uid not in firsts and view.product_of(dose):
            firsts[dose.product_uid] = dose
    for product_uid, first in sorted(firsts.items(), key=lambda item: (item[1].taken_at, str(item[0]))):
        if earlier_dose_of(view, product_uid, start) is not None:
            continue
        product = view.products[product_uid]
        usual = usual_dose_grams(view, excluding=product_uid)
        name = product.name.casefold()
        same_name = [
            p
            for p in view.products.values()
            if p.uid != product_uid and p.name.casefold() == name and p.batch != product.batch
        ]
        what = f"a new batch of {product.name}" if same_name else f"a new product, {product.name}"
        batch = f" (batch {product.batch})" if product.batch else ""
        meaning = (
            f"{amount(first.grams)} was your first dose of {what}{batch}. The strength of kratom "
            "varies about tenfold between products and batches (0.4-6% mitragynine by weight in tested "
            "leaf, far more in extracts), so the same grams of a new one can act much more strongly."
        )
        if usual is not None:
            meaning += f" Your usual dose over the last four weeks was about {amount(usual)}."
        known = product.mitragynine_percent
        if known is None:
            meaning += " This product has no mitragynine figure in your journal, so its strength is unknown."
        else:
            meaning += (
                f" Its lab figures give {amount(known, '%')} mitragynine, so this dose held about "
                f"{amount(alkaloid_mg(first.grams, known), 'mg')} of it."
            )
        yield Finding(
            code="dose.new_product",
            severity=Severity.CAUTION if known is None else Severity.INFO,
            title=f"First dose of {what}",
            meaning=meaning,
            action=(
                "Notice how strongly it acts before judging it by your usual product, and do not drive until "
                "you know. Ask the vendor for the batch's lab report and add its figures to the product."
            ),
            grade=evidence_grade(NEW_PRODUCT_SOURCES),
            sources=NEW_PRODUCT_SOURCES,
            entries=(EntryRef("products", product_uid), EntryRef("doses", first.uid)),
            subject=str(product_uid),
            at=first.taken_at,
        )
