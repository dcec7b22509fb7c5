"""Product and lab-report rules: 7-OH or "enhanced" products, heavy metals at the person's own daily
grams, microbes, the 7-OH share and weight, extract-level mitragynine in a "leaf" product, and a
product in use with no lab figures at all.

A product is "in use" when it was dosed in the last `IN_USE_DAYS` local days. The lab limits come from
`speciosa.refdata.lab_limits()`; the rules only do the arithmetic and show it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from speciosa.core import journal_format as fmt
from speciosa.core.safety.findings import EntryRef, Finding, Severity
from speciosa.core.safety.product_forms import product_form, seven_oh_words
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules._common import (
    DESIGN,
    amount,
    doses_by_local_day,
    evidence_grade,
    first_sentence,
    product_label,
    unique,
)
from speciosa.core.safety.view import JournalView
from speciosa.core.scores import alkaloid_mg
from speciosa.core.vocab import ProductForm
from speciosa.refdata import MetalLimit, MicrobialLimit, form_info, lab_limits, thresholds

#: A product counts as in use when it was dosed in the last 28 local days (today included). Design
#: choice: the same four weeks as the other windows, long enough to cover a product used a few times
#: a month, short enough that a product put away a while ago stops raising findings.
IN_USE_DAYS = 28
#: Side effects that mean sedation: with a 7-OH or enhanced product they make the finding urgent
#: (fact base §3.3: "any 7-OH / enhanced product plus sedation: treat as an opioid overdose risk";
#: the symptom list follows the FDA's 2019 list for CNS-depressant combinations).
SEDATION_SIGNS = ("drowsiness", "very_hard_to_wake", "breathing_problems", "blue_lips", "confusion")
#: How long after a 7-OH or enhanced dose a logged sedation sign counts, and how recent it must be.
#: Design choice: a day, the span of one dose's effects with room to spare.
SEDATION_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class InUse:
    """A product dosed in the window: its doses there and its grams on each day it was used."""

    product: fmt.ProductRecord
    doses: tuple[fmt.DoseRecord, ...]
    daily_grams: tuple[float, ...]

    @property
    def mean_daily_grams(self) -> float:
        """Mean grams a day on the days it was used (not diluted by days without it)."""
        return sum(self.daily_grams) / len(self.daily_grams)

    @property
    def refs(self) -> tuple[EntryRef, ...]:
        return (EntryRef("products", self.product.uid),)

    @property
    def last_dose(self) -> fmt.DoseRecord:
        return self.doses[-1]


def products_in_use(view: JournalView) -> list[InUse]:
    """The products dosed in the last `IN_USE_DAYS` local days, by name then uid (deterministic)."""
    days = doses_by_local_day(view, view.today - timedelta(days=IN_USE_DAYS - 1), view.today)
    doses: dict[UUID, list[fmt.DoseRecord]] = {}
    daily: dict[UUID, list[float]] = {}
    for day_doses in days.values():
        grams: dict[UUID, float] = {}
        for dose in day_doses:
            if dose.product_uid is None or dose.product_uid not in view.products:
                continue
            doses.setdefault(dose.product_uid, []).append(dose)
            grams[dose.product_uid] = grams.get(dose.product_uid, 0.0) + dose.grams
        for uid, total in grams.items():
            daily.setdefault(uid, []).append(total)
    used = [InUse(view.products[uid], tuple(doses[uid]), tuple(daily[uid])) for uid in doses]
    return sorted(used, key=lambda u: (u.product.name.casefold(), str(u.product.uid)))


def finding(
    code: str,
    use: InUse,
    *,
    severity: Severity,
    title: str,
    meaning: str,
    action: str,
    sources: tuple[str, ...],
    part: str = "",
) -> Finding:
    """A product finding: subject is the product (or the metal/test in `part`), at its latest dose."""
    uid = str(use.product.uid)
    return Finding(
        code=code,
        severity=severity,
        title=title,
        meaning=meaning,
        action=action,
        grade=evidence_grade(sources),
        sources=unique(sources),
        entries=use.refs,
        subject=part or uid,
        at=use.last_dose.taken_at,
        key=f"{code}:{uid}:{part}" if part else f"{code}:{uid}",
    )


def sentence(text: str) -> str:
    """`text` ending in one full stop."""
    text = text.strip()
    return text if text.endswith(".") else f"{text}."


def lab_note(product: fmt.ProductRecord) -> str:
    return f" (lab report: {product.lab_report})" if product.lab_report else ""


# --- product.enhanced -------------------------------------------------------------------------------

ENHANCED_SOURCES = ("fda-7oh-2025", "hill-2022", "cdph-2025", "fda-gabapentinoid-2019")


def sedation_after(view: JournalView, use: InUse) -> fmt.CheckInRecord | None:
    """The latest check-in of the last day that logs a sedation sign within a day after a dose."""
    for checkin in reversed(view.checkins):
        if checkin.at < view.now - SEDATION_WINDOW:
            return None
        if not any(effect.code in SEDATION_SIGNS for effect in checkin.side_effects):
            continue
        if any(timedelta(0) <= checkin.at - d.taken_at <= SEDATION_WINDOW for d in use.doses):
            return checkin
    return None


@rule(
    "product.enhanced",
    title='A 7-OH or "enhanced" product',
    checks=(
        f'Any dose of a product whose form is "7-OH or enhanced" in the last {IN_USE_DAYS} days raises a '
        "warning; urgent when a check-in of the last day logs sedation (drowsiness, very hard to wake, "
        "breathing problems, blue lips, confusion) within a day after such a dose."
    ),
    sources=ENHANCED_SOURCES,
    design_choice=f"The {IN_USE_DAYS}-day in-use window and the one-day sedation window are our choices.",
)
def enhanced(view: JournalView) -> Iterator[Finding]:
    for use in products_in_use(view):
        if product_form(use.product) is not ProductForm.ENHANCED:
            continue
        sedated = sedation_after(view, use)
        named = seven_oh_words(use.product) if use.product.form is not ProductForm.ENHANCED else ""
        label = (
            f' (its name or label says "{named}", although its form is logged as '
            f"{use.product.form.label.lower()})"
            if named
            else ""
        )
        meaning = (
            f"{use.product.name} is a 7-OH or enhanced product{label}. 7-OH is a trace alkaloid in kratom "
            "leaf, "
            "but these products concentrate it, and in mice 7-OH has no ceiling on how far it slows "
            "breathing. The FDA (2025) calls them an opioid-overdose risk and asked for them to be "
            "scheduled as controlled drugs."
        )
        action = (
            "Treat it like an opioid: do not combine it with alcohol, sedatives, sleeping pills or "
            "opioids; do not use alone; keep naloxone (Narcan) at hand and tell the people around you how "
            "to use it."
        )
        if sedated is None:
            yield finding(
                "product.enhanced",
                use,
                severity=Severity.WARNING,
                title=f"A 7-OH or enhanced product: {use.product.name}",
                meaning=meaning,
                action=action,
                sources=ENHANCED_SOURCES[:3],
            )
            continue
        yield Finding(
            code="product.enhanced",
            severity=Severity.URGENT,
            title=f"Sedation after a 7-OH or enhanced product: {use.product.name}",
            meaning=meaning + " You logged signs of sedation after a dose of it.",
            action=(
                "If you are very sleepy, hard to wake, breathing slowly or your lips look blue, call "
                "emergency services now and have someone give naloxone if there is some. Do not take more, "
                "and do not stay alone. Do not combine it with alcohol, sedatives, sleeping pills or "
                "opioids."
            ),
            grade=evidence_grade(ENHANCED_SOURCES),
            sources=ENHANCED_SOURCES,
            entries=(*use.refs, EntryRef("checkins", sedated.uid)),
            subject=str(use.product.uid),
            at=sedated.at,
            key=f"product.enhanced:{use.product.uid}:sedation:{sedated.uid}",
        )


# --- product.extract --------------------------------------------------------------------------------

EXTRACT_SOURCES = ("manwill-2022", "kikura-hanajiri-2009", "tanna-2022", "fda-7oh-2025", "hill-2022")
#: Mitragynine in research-grade leaf (Tanna 2022's product K51: 19.5 mg/g), to put an extract's
#: milligrams in grams of leaf. Leaf products range about 1-6 % (Kikura-Hanajiri 2009).
LEAF_MITRAGYNINE_PERCENT = 1.95


@rule(
    "product.extract",
    title="An extract",
    checks=(
        f"Any dose of a product whose form is extract in the last {IN_USE_DAYS} days raises a caution: the "
        "published dose figures are for plain leaf. With the product's mitragynine % the finding gives the "
        "milligrams of the last dose and the grams of research-grade leaf (1.95 %) that hold as much; "
        "a warning when that is at or above the large-single-dose threshold; urgent when a check-in of "
        "the last day logs sedation within a day after a dose (fact base §3.3 names extract shots with "
        "7-OH products)."
    ),
    sources=EXTRACT_SOURCES,
    design_choice=(
        f"The {IN_USE_DAYS}-day in-use window, the one-day sedation window and comparing with 1.95 % leaf "
        "(one research product; leaf products vary about 1-6 %) are our choices."
    ),
)
def extract(view: JournalView) -> Iterator[Finding]:
    high = thresholds().high_single_dose_grams.value
    for use in products_in_use(view):
        if product_form(use.product) is not ProductForm.EXTRACT:
            continue
        last = use.last_dose
        percent = use.product.mitragynine_percent
        meaning = (
            f"{use.product.name} is an extract. Every published dose figure is for plain leaf, and "
            "shop products have measured from about 14 to 270 mg of mitragynine per gram (Manwill 2022): "
            "grams of an extract say little about how strong a dose is."
        )
        severity = Severity.CAUTION
        if percent is not None:
            milligrams = alkaloid_mg(last.grams, percent)
            leaf_grams = milligrams / alkaloid_mg(1.0, LEAF_MITRAGYNINE_PERCENT)
            meaning += (
                f" Your last dose, {last.grams:g} g at {percent:g} % mitragynine, held about "
                f"{milligrams:.0f} mg: as much as about {leaf_grams:.1f} g of leaf at "
                f"{LEAF_MITRAGYNINE_PERCENT:g} %."
            )
            if leaf_grams >= high:
                severity = Severity.WARNING
        action = (
            "Count an extract in milligrams of mitragynine, not grams, and ask the vendor for the lab "
            "report if it has none. Do not combine it with alcohol, sedatives or opioids, and do not use "
            "it alone."
        )
        sedated = sedation_after(view, use)
        if sedated is not None:
            yield Finding(
                code="product.extract",
                severity=Severity.URGENT,
                title=f"Sedation after an extract: {use.product.name}",
                meaning=meaning + " You logged signs of sedation after a dose of it.",
                action=(
                    "If you are very sleepy, hard to wake, breathing slowly or your lips look blue, call "
                    "emergency services now and have someone give naloxone if there is some. Do not take "
                    "more, and do not stay alone."
                ),
                grade=evidence_grade(EXTRACT_SOURCES),
                sources=EXTRACT_SOURCES,
                entries=(*use.refs, EntryRef("checkins", sedated.uid)),
                subject=str(use.product.uid),
                at=sedated.at,
                key=f"product.extract:{use.product.uid}:sedation:{sedated.uid}",
            )
            continue
        yield finding(
            "product.extract",
            use,
            severity=severity,
            title=f"An extract: {use.product.name}",
            meaning=meaning,
            action=action,
            sources=EXTRACT_SOURCES[:3],
        )


# --- product.heavy_metal ----------------------------------------------------------------------------

METAL_FIELDS = {
    "lead": "lead_ppm",
    "arsenic": "arsenic_ppm",
    "cadmium": "cadmium_ppm",
    "mercury": "mercury_ppm",
    "nickel": "nickel_ppm",
}
HEAVY_METAL_EVIDENCE = ("snow-caroti-2024", "prozialeck-2020")


@rule(
    "product.heavy_metal",
    title="A heavy metal above its daily limit at your daily amount",
    checks=(
        "For each product in use with metal figures: the metal (µg per g) times your mean daily grams of "
        f"that product on the days you used it in the last {IN_USE_DAYS} days, against the daily limit for "
        "that metal "
        "(USP <2232>; nickel USP <232>). A warning per metal above its limit, with the arithmetic shown."
    ),
    sources=("usp-2232", "usp-232", "snow-caroti-2024", "prozialeck-2020", DESIGN),
    design_choice=(
        "Which daily amount to use is ours: the mean grams a day of that product on the days you used it "
        f"in the last {IN_USE_DAYS} days (a typical day of use, not diluted by days without it)."
    ),
)
def heavy_metal(view: JournalView) -> Iterator[Finding]:
    limits: dict[str, MetalLimit] = {m.element: m for m in lab_limits().heavy_metals}
    for use in products_in_use(view):
        daily = use.mean_daily_grams
        for element, field in METAL_FIELDS.items():
            ppm = getattr(use.product, field)
            limit = limits.get(element)
            if ppm is None or limit is None:
                continue
            intake = ppm * daily
            if intake <= limit.micrograms_per_day:
                continue
            arithmetic = (
                f"{amount(ppm, 'µg/g')} × {amount(daily, 'g/day')} = {amount(intake, 'µg/day')}, above the "
                f"limit of {amount(limit.micrograms_per_day, 'µg/day')}."
            )
            yield finding(
                "product.heavy_metal",
                use,
                severity=Severity.WARNING,
                title=f"{element.capitalize()} in {use.product.name} above its daily limit",
                meaning=(
                    f"The lab figures for {product_label(use.product)}{lab_note(use.product)} give "
                    f"{amount(ppm, 'µg')} of {element} per gram. On the days you used it in the last "
                    f"{IN_USE_DAYS} days you took {amount(daily)} a day on average: {arithmetic} "
                    f"The limit: {sentence(limit.basis)} A product within the limit at a few grams a day "
                    "can exceed it at a larger daily amount; metals build up with daily use over months."
                ),
                action=(
                    f"Look for a product whose lab report shows less {element}. If you have used it daily "
                    "for a long time, ask your doctor whether a blood test makes sense."
                ),
                sources=(*limit.sources, *HEAVY_METAL_EVIDENCE),
                part=element,
            )


# --- product.microbial ------------------------------------------------------------------------------

#: The USP <2023> table a product's form is held to. Leaf forms (tea included, since "tea or liquid"
#: may be a ready drink rather than leaf to boil) use the dried-botanical limits; extracts and enhanced
#: products the extract limits. Design choice: the stricter table wherever the form is unclear.
MATERIAL_BY_FORM = {
    ProductForm.EXTRACT: "botanical extract",
    ProductForm.ENHANCED: "botanical extract",
}
DRIED_BOTANICAL = "dried botanical"
PATHOGENS = {"salmonella": ("salmonella_detected", "Salmonella"), "e_coli": ("e_coli_detected", "E. coli")}
COUNTS = {
    "tamc": ("tamc_cfu_per_gram", "total aerobic microbial count"),
    "tymc": ("tymc_cfu_per_gram", "total yeast and mould count"),
}


@rule(
    "product.microbial",
    title="Germs in a product's lab report",
    checks=(
        "For each product in use: Salmonella or E. coli reported as detected raises a warning; a total "
        "aerobic count (TAMC) or yeast and mould count (TYMC) above the USP <2023> limit for its material "
        "(dried botanical for leaf forms, botanical extract for extracts) raises a caution."
    ),
    sources=("usp-2023", DESIGN),
    design_choice="Holding tea to the dried-botanical limits (the stricter table) is our choice.",
)
def microbial(view: JournalView) -> Iterator[Finding]:
    limits = lab_limits()
    for use in products_in_use(view):
        product = use.product
        material = MATERIAL_BY_FORM.get(product_form(product), DRIED_BOTANICAL)
        table: dict[str, MicrobialLimit] = {m.test: m for m in limits.microbial_for(material)}
        for test, (field, name) in PATHOGENS.items():
            limit = table.get(test)
            if limit is None or getattr(product, field) is not True:
                continue
            yield finding(
                "product.microbial",
                use,
                severity=Severity.WARNING,
                title=f"{name} found in {product.name}",
                meaning=(
                    f"The lab report for {product_label(product)}{lab_note(product)} found {name}. The USP "
                    f"standard for {material} products is none in {amount(limit.absent_in_grams or 0)}: "
                    f"{name} in a product you swallow can cause food poisoning."
                ),
                action=(
                    f"Stop using this product and keep it away from others. If you have diarrhoea, fever "
                    f"or stomach cramps, tell a doctor that the product tested positive for {name}."
                ),
                sources=limit.sources,
                part=test,
            )
        for test, (field, name) in COUNTS.items():
            limit = table.get(test)
            count = getattr(product, field)
            if limit is None or limit.max_cfu_per_gram is None or count is None:
                continue
            if count <= limit.max_cfu_per_gram:
                continue
            yield finding(
                "product.microbial",
                use,
                severity=Severity.CAUTION,
                title=f"A high {name} in {product.name}",
                meaning=(
                    f"The lab report for {product_label(product)}{lab_note(product)} gives a {name} of "
                    f"{count:,.0f} CFU per gram, above the USP <2023> limit of "
                    f"{limit.max_cfu_per_gram:,.0f} for {material} products. A high count says the product "
                    "was grown, dried or stored with more contamination than the standard allows."
                ),
                action="Consider a product whose lab report is within the limits.",
                sources=(*limit.sources, DESIGN),
                part=test,
            )


# --- product.seven_oh_share, product.seven_oh_weight, product.extract_level --------------------------


@rule(
    "product.seven_oh_share",
    title="A high 7-OH share of the alkaloids",
    checks=(
        "For each product in use with 7-OH and total-alkaloid figures: 7-OH as a share of the total "
        "alkaloids above the KCPA cap (seven_oh_share_of_alkaloids_max_percent) raises a warning."
    ),
    sources=("oklahoma-kcpa", "oklahoma-hb3574-2024", "lydecker-2016"),
)
def seven_oh_share(view: JournalView) -> Iterator[Finding]:
    cap = lab_limits().seven_oh_share_of_alkaloids_max_percent
    for use in products_in_use(view):
        product = use.product
        seven_oh, total = product.seven_oh_percent, product.total_alkaloids_percent
        if seven_oh is None or not total:
            continue
        share = seven_oh / total * 100
        if share <= cap.value:
            continue
        yield finding(
            "product.seven_oh_share",
            use,
            severity=Severity.WARNING,
            title=f"{product.name}: 7-OH is {amount(share, '%')} of its alkaloids",
            meaning=(
                f"The lab figures for {product_label(product)}{lab_note(product)} give 7-OH at "
                f"{amount(seven_oh, '%')} and total alkaloids at {amount(total, '%')} by weight: 7-OH is "
                f"{amount(share, '%')} of the alkaloids ({amount(seven_oh, '')} ÷ {amount(total, '')} × "
                f"100). Kratom consumer protection laws cap it at {amount(cap.value, '%')}, because a "
                "higher share suggests 7-OH was added. Packaged products with added 7-OH have been "
                "found in the US."
            ),
            action=(
                "Treat this product as stronger than leaf: do not combine it with alcohol, sedatives or "
                "opioids, keep naloxone at hand, and consider a product within the cap."
            ),
            sources=(*cap.sources, "lydecker-2016"),
        )


@rule(
    "product.seven_oh_weight",
    title="7-OH by weight at a legal flag",
    checks=(
        "For each product in use with a 7-OH figure. Leaf (powder, capsules, tea): above the highest share "
        "natural leaf has measured (seven_oh_natural_leaf_max_percent) raises a warning; at or above the "
        "Florida or DEA notice line but within that share, an info note (near legal lines, not a sign of "
        "spiking). Other forms: at or above a notice line raises a warning. More 7-OH in one capsule than "
        "the DEA notice's per-article figure raises a warning."
    ),
    sources=("florida-7oh-2025", "florida-7oh-2026", "dea-7oh-2026", "kikura-hanajiri-2009", "lydecker-2016"),
    design_choice=(
        "Treating leaf up to the top of the natural range as information rather than a warning is ours: "
        "aged leaf can sit at the legal lines without added 7-OH (fact base §5.1)."
    ),
)
def seven_oh_weight(view: JournalView) -> Iterator[Finding]:
    limits = lab_limits()
    per_article = limits.seven_oh_mg_per_article_flag
    natural = limits.seven_oh_natural_leaf_max_percent
    for use in products_in_use(view):
        product = use.product
        percent = product.seven_oh_percent
        if percent is None:
            continue
        leaf = form_info(product_form(product)).dose_bands_apply
        reached = [flag for flag in limits.seven_oh_weight_percent_flags if percent >= flag.value]
        capsule_mg = alkaloid_mg(product.grams_per_capsule, percent) if product.grams_per_capsule else None
        over_article = capsule_mg is not None and capsule_mg > per_article.value
        above_natural = percent > natural.value
        if not reached and not over_article and not (leaf and above_natural):
            continue
        lines = [
            first_sentence(flag.text).removesuffix(".") + (f" (as of {flag.as_of})" if flag.as_of else "")
            for flag in reached
        ]
        meaning = (
            f"The lab figures for {product_label(product)}{lab_note(product)} give 7-OH at "
            f"{amount(percent, '%')} by weight."
        )
        if leaf and not above_natural:
            meaning += (
                f" Natural leaf has measured up to about {amount(natural.value, '%')}, as 7-OH forms when "
                "leaf "
                "ages after harvest, so this is within what plain leaf can hold: not a sign of added 7-OH."
            )
        else:
            meaning += (
                f" Natural leaf has measured up to about {amount(natural.value, '%')}, so this is above it: "
                "it "
                "can mean 7-OH was added (spiking), or a concentrated product."
            )
        if lines:
            meaning += " It is at or above legal lines in some places. " + " ".join(
                f"{line}." for line in lines
            )
        if over_article and capsule_mg is not None:
            meaning += (
                f" One capsule ({amount(product.grams_per_capsule or 0)}) holds about "
                f"{amount(capsule_mg, 'mg')} of 7-OH ({amount(product.grams_per_capsule or 0, '')} g × "
                f"{amount(percent, '%')} × 10), above the DEA notice's {amount(per_article.value, 'mg')} "
                "per article."
            )
        used = [s for flag in reached for s in flag.sources] + list(natural.sources)
        if over_article:
            used += per_article.sources
        warn = over_article or above_natural or not leaf
        yield finding(
            "product.seven_oh_weight",
            use,
            severity=Severity.WARNING if warn else Severity.INFO,
            title=(
                f"{product.name}: 7-OH at {amount(percent, '%')} by weight"
                if warn
                else f"{product.name}: 7-OH near legal lines ({amount(percent, '%')})"
            ),
            meaning=meaning,
            action=(
                "Treat this product as possibly enhanced: do not combine it with alcohol, sedatives or "
                "opioids, keep naloxone at hand, and check the law where you live."
                if warn
                else "Check the law where you live: some places set their line at or below this share."
            ),
            sources=(*used, "lydecker-2016") if warn else tuple(used),
        )


@rule(
    "product.extract_level",
    title="A leaf product with extract-level mitragynine",
    checks=(
        "For each product in use whose form is leaf (powder, capsules or tea) with a mitragynine figure: "
        "above the highest share measured in shop leaf (mitragynine_extract_percent, 6.2% in Prozialeck "
        "2020) raises a caution: it looks like an extract."
    ),
    sources=("prozialeck-2020", "kikura-hanajiri-2009", "manwill-2022", DESIGN),
    design_choice=(
        "Flagging only above the highest share measured in tested leaf, so that strong natural leaf is not "
        "called an extract, is our choice."
    ),
)
def extract_level(view: JournalView) -> Iterator[Finding]:
    limit = lab_limits().mitragynine_extract_percent
    top = limit.high if limit.high is not None else limit.value
    for use in products_in_use(view):
        product = use.product
        percent = product.mitragynine_percent
        if percent is None or percent <= top or not form_info(product_form(product)).dose_bands_apply:
            continue
        yield finding(
            "product.extract_level",
            use,
            severity=Severity.CAUTION,
            title=f"{product.name} looks like an extract: {amount(percent, '%')} mitragynine",
            meaning=(
                f"{product.name} is logged as {product.form.label.lower()}, but its lab figures give "
                f"{amount(percent, '%')} mitragynine by weight{lab_note(product)}. Tested shop leaf has "
                f"measured 0.4-{amount(top, '%')}; more than that suggests an extract or an enhanced "
                "product. "
                f"A gram of it holds about {amount(alkaloid_mg(1.0, percent), 'mg')} of mitragynine, so leaf "
                "dose bands in grams do not describe it."
            ),
            action=(
                "Check the form you logged for this product and the lab report's figure; count it in "
                "milligrams of mitragynine rather than grams of leaf."
            ),
            sources=(*limit.sources, DESIGN),
        )


# --- product.no_lab_report --------------------------------------------------------------------------

NO_LAB_SOURCES = ("prozialeck-2020", "kikura-hanajiri-2009", "snow-caroti-2024")


@rule(
    "product.no_lab_report",
    title="A product with no lab figures",
    checks=(
        "Each product in use with no lab figures at all (no alkaloid, metal or microbe figure) raises an "
        "info note."
    ),
    sources=NO_LAB_SOURCES,
)
def no_lab_report(view: JournalView) -> Iterator[Finding]:
    for use in products_in_use(view):
        product = use.product
        if product.has_lab_figures:
            continue
        yield finding(
            "product.no_lab_report",
            use,
            severity=Severity.INFO,
            title=f"No lab figures for {product.name}",
            meaning=(
                f"Your journal has no lab figures for {product_label(product)}, so its strength and purity "
                "are unknown. Mitragynine varies about tenfold between products, and tests of shop products "
                "have found lead and nickel, in some at levels above daily limits for people who take "
                "many grams a day."
            ),
            action=(
                "Ask the vendor for the lab report (certificate of analysis) for your batch and add its "
                "figures to the product: the journal then checks them for you."
            ),
            sources=NO_LAB_SOURCES,
        )
