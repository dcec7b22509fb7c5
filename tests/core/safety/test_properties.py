"""Properties of the whole engine over random valid journals (hypothesis), and the wording of every
finding any rule produces from those journals, the demo journals and a journal built to trip every rule.

Wording decision: no title, meaning or action may contain "safe" or "recommended" as whole words (any
case). "unsafe" is allowed only where it names TripSit's interaction-scale level: quoted ("Unsafe"), or
in a sentence that names TripSit. Anywhere else it reads as a judgement of a dose, which speciosa never
makes.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from uuid import UUID, uuid5
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speciosa.core import journal_format as fmt
from speciosa.core.safety import Finding, Severity, assess, registry
from speciosa.core.vocab import LabTest, ProductForm, SubstanceKind, SymptomSeverity
from speciosa.demo import stories
from speciosa.refdata import side_effects, sources
from tests.core.safety.builders import NOW, TODAY, ago, checkin, dose, every_day, local, product

ZONES = ("UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Apia")
MEDICATION_NAMES = (
    "Oxycodone 5 mg",
    "Xanax",
    "gabapentin",
    "Duloxetine",
    "Seroquel",
    "sertraline",
    "Ibuprofen",
    "Adderall",
    "naltrexone",
    "buprenorphine",
    "Zyzzyxol",
    "Melatonin",
)
SUBSTANCE_NAMES = ("cannabis", "oxycodone", "caffeine", "datura", "cocaine", "green tea")
PRODUCT_NAMES = ("Red Bali", "Green Malay", "Maeng Da", "7-OH tablets")

# --- strategies -------------------------------------------------------------------------------------

uids = st.uuids(version=4)
#: Mostly the last few days (where dose rules look), sometimes anywhere in the last 90 days, and a few
#: minutes in the future (entries after `now`, which the view must leave out).
moments = st.one_of(
    st.integers(min_value=-3 * 24 * 60, max_value=0),
    st.integers(min_value=-90 * 24 * 60, max_value=60),
).map(lambda minutes: NOW + timedelta(minutes=minutes))
days = st.integers(min_value=-400, max_value=30).map(lambda n: TODAY + timedelta(days=n))
percent = st.floats(min_value=0, max_value=100, allow_nan=False)
small_percent = st.floats(min_value=0, max_value=0.2, allow_nan=False)
ppm = st.floats(min_value=0, max_value=50, allow_nan=False)
counts = st.floats(min_value=0, max_value=1e7, allow_nan=False)


def maybe(strategy):
    return st.none() | strategy


products = st.builds(
    fmt.ProductRecord,
    uid=uids,
    name=st.sampled_from(PRODUCT_NAMES),
    form=st.sampled_from(list(ProductForm)),
    batch=st.sampled_from(("", "A-1", "B-2")),
    grams_per_capsule=maybe(st.floats(min_value=0.1, max_value=10)),
    mitragynine_percent=maybe(percent),
    seven_oh_percent=maybe(small_percent),
    total_alkaloids_percent=maybe(percent),
    lead_ppm=maybe(ppm),
    arsenic_ppm=maybe(ppm),
    cadmium_ppm=maybe(ppm),
    mercury_ppm=maybe(ppm),
    nickel_ppm=maybe(st.floats(min_value=0, max_value=500)),
    tamc_cfu_per_gram=maybe(counts),
    tymc_cfu_per_gram=maybe(counts),
    salmonella_detected=maybe(st.booleans()),
    e_coli_detected=maybe(st.booleans()),
    archived=st.booleans(),
)
scores = maybe(st.integers(min_value=0, max_value=10))
side_effect_records = st.builds(
    fmt.SideEffectRecord,
    code=st.sampled_from(sorted(side_effects())),
    severity=st.sampled_from(list(SymptomSeverity)),
)
checkins = st.builds(
    fmt.CheckInRecord,
    uid=uids,
    at=moments,
    pain_now=scores,
    peg_pain=scores,
    peg_enjoyment=scores,
    peg_activity=scores,
    side_effects=st.lists(side_effect_records, max_size=3),
)
medications = st.builds(
    lambda uid, name, start, length: fmt.MedicationRecord(
        uid=uid,
        name=name,
        started_on=start,
        stopped_on=None if start is None or length is None else start + timedelta(days=length),
    ),
    uids,
    st.sampled_from(MEDICATION_NAMES),
    maybe(days),
    maybe(st.integers(min_value=0, max_value=200)),
)
substances = st.one_of(
    st.builds(
        fmt.SubstanceRecord,
        uid=uids,
        at=moments,
        kind=st.just(SubstanceKind.ALCOHOL),
        substance=st.sampled_from(("beer", "wine", "vodka")),
        standard_drinks=st.floats(min_value=0.5, max_value=10),
    ),
    st.builds(
        fmt.SubstanceRecord,
        uid=uids,
        at=moments,
        kind=st.just(SubstanceKind.OTHER),
        substance=st.sampled_from(SUBSTANCE_NAMES),
    ),
)
labs = st.builds(
    lambda uid, taken_on, test, value, low, span: fmt.LabRecord(
        uid=uid,
        taken_on=taken_on,
        test=test,
        value=value,
        unit=test.default_unit,
        reference_low=low,
        reference_high=None if span is None else (low or 0) + span,
    ),
    uids,
    days,
    st.sampled_from(list(LabTest)),
    st.floats(min_value=0, max_value=2000, allow_nan=False),
    maybe(st.floats(min_value=0, max_value=10)),
    maybe(st.floats(min_value=0.5, max_value=200)),
)


@st.composite
def routines(draw, product_uids) -> list[fmt.DoseRecord]:
    """A daily routine (so frequency and creep rules have something to judge): for up to 70 days back,
    a few doses a day whose size may grow or shrink from the first day to the last."""
    days_back = draw(st.integers(min_value=0, max_value=70))
    per_day = draw(st.integers(min_value=1, max_value=6))
    start, end = draw(st.floats(min_value=0.5, max_value=8)), draw(st.floats(min_value=0.5, max_value=12))
    of = draw(product_uids)
    skip = draw(st.integers(min_value=2, max_value=30))
    doses = []
    for day in range(days_back, -1, -1):
        if day % skip == 1:
            continue
        grams = start + (end - start) * (days_back - day) / max(days_back, 1)
        for i in range(per_day):
            at = NOW - timedelta(days=day, hours=2 + 3 * i)
            doses.append(
                fmt.DoseRecord(
                    uid=uuid5(UUID(int=7), f"{day}:{i}"),
                    taken_at=at,
                    grams=grams,
                    amount=grams,
                    product_uid=of,
                )
            )
    return doses


@st.composite
def journals(draw) -> fmt.JournalDocument:
    """A valid journal: products, and doses of them (or of no product, or of a product not listed)."""
    items = draw(st.lists(products, max_size=4, unique_by=lambda p: p.uid))
    product_uids = st.sampled_from([None, UUID(int=1), *(p.uid for p in items)])
    doses = draw(
        st.lists(
            st.builds(
                lambda uid, at, grams, of: fmt.DoseRecord(
                    uid=uid, taken_at=at, grams=grams, amount=grams, product_uid=of
                ),
                uids,
                moments,
                st.floats(min_value=0.01, max_value=fmt.MAX_DOSE_GRAMS),
                product_uids,
            ),
            max_size=40,
            unique_by=lambda d: d.uid,
        )
    )
    doses += draw(routines(product_uids))
    return fmt.JournalDocument(
        profile=fmt.ProfileRecord(timezone=draw(st.sampled_from(ZONES)), pregnant=draw(st.booleans())),
        products=items,
        doses=doses,
        checkins=draw(st.lists(checkins, max_size=12, unique_by=lambda c: c.uid)),
        medications=draw(st.lists(medications, max_size=4, unique_by=lambda m: m.uid)),
        substances=draw(st.lists(substances, max_size=6, unique_by=lambda s: s.uid)),
        labs=draw(st.lists(labs, max_size=6, unique_by=lambda lab: lab.uid)),
    )


def reversed_lists(document: fmt.JournalDocument) -> fmt.JournalDocument:
    """The same journal with every list in the opposite order."""
    update = {kind: list(reversed(getattr(document, kind))) for kind in fmt.ENTRY_KINDS}
    return document.model_copy(update=update)


# --- wording ----------------------------------------------------------------------------------------

FORBIDDEN = re.compile(r"\b(safe|recommended)\b", re.IGNORECASE)
#: Dose or timing advice in speciosa's own voice: how much or when to take kratom (issue 6).
ADVICE = re.compile(
    r"sensible redose|redose after|\bstart (low|lower|with about)\b|take less|% of your usual|splitting the amount"
    r"|keep it small|take fewer|try not to take|do not take more today|wait\b.{0,40}before (taking|deciding)",
    re.IGNORECASE,
)
UNSAFE = re.compile(r"\bunsafe\b", re.IGNORECASE)
QUOTED_UNSAFE = re.compile(r"[\"“']unsafe[\"”']", re.IGNORECASE)


def wording_problems(finding: Finding) -> list[str]:
    problems = []
    for name in ("title", "meaning", "action"):
        text = getattr(finding, name)
        if FORBIDDEN.search(text):
            problems.append(f"{finding.key} {name}: {text}")
        if ADVICE.search(text):
            problems.append(
                f"{finding.key} {name} gives dose or timing advice: {ADVICE.search(text).group(0)}"
            )
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            bare = QUOTED_UNSAFE.sub("", sentence)
            if UNSAFE.search(bare) and "tripsit" not in sentence.casefold():
                problems.append(f"{finding.key} {name} uses 'unsafe' outside TripSit's scale: {sentence}")
    return problems


def test_the_wording_check_catches_safe_and_recommended_but_not_tripsits_scale_word():
    def finding(meaning: str) -> Finding:
        return Finding("x.y", Severity.INFO, "t", meaning, "a", "D", ("speciosa-design",))

    assert wording_problems(finding("A safe dose."))
    assert wording_problems(finding("The recommended amount."))
    assert wording_problems(finding("This dose is unsafe."))
    assert not wording_problems(
        finding('Our interaction table rates this pair "Unsafe" (on TripSit\'s scale).')
    )
    assert not wording_problems(finding("TripSit rates it as unsafe."))
    assert not wording_problems(finding("Safety matters; safer use; recommendations vary."))
    assert wording_problems(finding("Earliest sensible redose: 14:00."))
    assert wording_problems(finding("Start lower, about 50% of your usual amount."))


# --- properties -------------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(journals())
def test_assess_never_crashes_and_every_finding_is_sourced_and_worded_plainly(document):
    findings = assess(document, NOW)

    known = sources()
    for finding in findings:
        assert finding.sources, finding.key
        assert set(finding.sources) <= set(known), (finding.key, finding.sources)
        assert finding.grade in {"A", "B", "C", "D"}
        assert registry.rule_for(finding.code) is not None
        assert wording_problems(finding) == []
    assert len({f.key for f in findings}) == len(findings)


@PROPERTY_SETTINGS
@given(journals())
def test_assess_is_deterministic(document):
    assert assess(document, NOW) == assess(document, NOW)


@PROPERTY_SETTINGS
@given(journals())
def test_the_order_of_the_entries_in_the_file_does_not_change_what_is_found(document):
    def summary(findings: list[Finding]) -> list[tuple[str, str, str]]:
        return sorted((f.key, f.code, f.severity.value) for f in findings)

    assert summary(assess(reversed_lists(document), NOW)) == summary(assess(document, NOW))


@PROPERTY_SETTINGS
@given(journals(), st.integers(min_value=-2000, max_value=2000))
def test_findings_never_point_at_entries_after_now(document, shift_minutes):
    now = NOW + timedelta(minutes=shift_minutes)

    for finding in assess(document, now):
        assert finding.at is None or finding.at <= now, finding.key


# --- the corpus for the wording test ---------------------------------------------------------------

DEMO_END = datetime(2026, 3, 1, 12, tzinfo=UTC)


@cache
def demo_findings() -> tuple[Finding, ...]:
    """Every finding of each demo journal, assessed every 9 story days at 08:00 and 22:00 local."""
    found: list[Finding] = []
    for case in stories.CASE_STUDIES:
        document = fmt.JournalDocument.model_validate(case.journal(end=DEMO_END))
        zone = ZoneInfo(case.timezone)
        first = DEMO_END.astimezone(zone).date() - timedelta(days=case.days - 1)
        for day in range(0, case.days, 9):
            for hour in (8, 22):
                now = datetime.combine(first + timedelta(days=day), time(hour), zone).astimezone(UTC)
                found += assess(document, now)
    return tuple(found)


def everything_journal() -> fmt.JournalDocument:
    """A journal built to trip every rule at NOW, so the wording test reads each rule's words."""
    tablets = product("7-OH tablets", form="enhanced", seven_oh_percent=0.5, total_alkaloids_percent=5)
    dirty = product(
        "Dirty Bali",
        batch="D-2",
        lead_ppm=2.0,
        nickel_ppm=30.0,
        salmonella_detected=True,
        e_coli_detected=True,
        tamc_cfu_per_gram=1e6,
        tymc_cfu_per_gram=1e5,
        mitragynine_percent=8.0,
    )
    older = product("Dirty Bali", batch="D-1")
    plain = product("Green Malay")
    resin = product("Full-spectrum extract", form="extract", mitragynine_percent=20)
    history = [
        *every_day(56, 29, 3.0, per_day=2, of=plain),
        *every_day(28, 1, 2.5, per_day=4, of=older),
    ]
    today = [
        dose(ago(hours=3), 16.0, dirty),
        dose(ago(hours=2, minutes=30), 6.0, dirty),
        dose(ago(hours=2), 0.1, tablets),
        dose(ago(hours=1, minutes=30), 0.5, resin),
    ]
    pain = [checkin(local(d, 21), pain_now=7) for d in range(56, 0, -3)]
    flags = [checkin(ago(hours=1), "very_hard_to_wake", "breathing_problems", "yellow_skin_or_eyes")]
    written = fmt.CheckInRecord(uid=UUID(int=41), at=ago(hours=2), note="had a seizure in the kitchen")
    return fmt.JournalDocument(
        profile=fmt.ProfileRecord(
            timezone="America/New_York", pregnant=True, breastfeeding=True, region="AL"
        ),
        products=[tablets, dirty, older, plain, resin],
        doses=[*history, *today],
        checkins=[*pain, *flags, written],
        medications=[
            fmt.MedicationRecord(uid=UUID(int=11), name="Oxycodone 5 mg", started_on=date(2025, 1, 1)),
            fmt.MedicationRecord(uid=UUID(int=12), name="Duloxetine", started_on=TODAY - timedelta(days=2)),
            fmt.MedicationRecord(uid=UUID(int=13), name="Zyzzyxol", started_on=date(2025, 1, 1)),
            fmt.MedicationRecord(
                uid=UUID(int=14),
                name="Xanax",
                started_on=date(2025, 1, 1),
                stopped_on=TODAY - timedelta(days=2),
            ),
        ],
        substances=[
            fmt.SubstanceRecord(
                uid=UUID(int=21),
                at=ago(hours=5),
                kind=SubstanceKind.ALCOHOL,
                substance="wine",
                standard_drinks=2,
            ),
            fmt.SubstanceRecord(uid=UUID(int=22), at=ago(hours=6), substance="cannabis"),
            fmt.SubstanceRecord(uid=UUID(int=23), at=ago(hours=6), substance="mystery blend"),
        ],
        labs=[
            fmt.LabRecord(
                uid=UUID(int=31), taken_on=TODAY, test=LabTest.ALT, value=400, unit="U/L", reference_high=56
            ),
            fmt.LabRecord(
                uid=UUID(int=32),
                taken_on=TODAY,
                test=LabTest.BILIRUBIN,
                value=5,
                unit="mg/dL",
                reference_high=1.2,
            ),
        ],
    )


def test_the_everything_journal_trips_every_registered_rule():
    found = {f.code for f in assess(everything_journal(), NOW)}

    assert {r.code for r in registry.all_rules()} - found == set()


def test_no_finding_from_the_demo_or_everything_journals_calls_anything_safe_or_recommended():
    corpus = [*demo_findings(), *assess(everything_journal(), NOW)]

    assert corpus
    assert [problem for finding in corpus for problem in wording_problems(finding)] == []


def test_every_demo_finding_has_known_sources():
    known = set(sources())

    assert [f.key for f in demo_findings() if not f.sources or not set(f.sources) <= known] == []


def test_no_rule_title_or_description_calls_anything_safe_or_recommended():
    for registered in registry.all_rules():
        for text in (registered.title, registered.checks, registered.design_choice):
            assert not FORBIDDEN.search(text), (registered.code, text)
