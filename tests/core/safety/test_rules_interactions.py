"""Interactions: kratom with a listed medication, a logged substance or alcohol, a new medication, and
medications our table does not know; and what the demo journals raise."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from speciosa.core.journal_format import JournalDocument
from speciosa.core.safety import Severity, assess
from speciosa.core.safety.rules.interactions import (
    KRATOM_WEEK,
    NEW_MEDICATION_DAYS,
    SEVERITY_FOR_SCALE,
    SUBSTANCE_LOOKBACK,
)
from speciosa.demo import stories
from speciosa.refdata import interaction_classes, read_name, red_flags, thresholds
from tests.core.safety.builders import (
    NOW,
    TODAY,
    ago,
    checkin,
    days_ago,
    dose,
    drink,
    journal,
    lab,
    medication,
    raised,
    substance,
)

MEDICATION = "interaction.medication"
SUBSTANCE = "interaction.substance"
NEW = "interaction.new_medication"
UNKNOWN = "interaction.unknown_medication"
UNKNOWN_SUBSTANCE = "interaction.unknown_substance"
STOPPED = "interaction.depressant_stopped"
END = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)


def window() -> timedelta:
    return timedelta(hours=thresholds().substance_window_hours.value)


def subjects(findings) -> set[str]:
    return {f.subject for f in findings}


def with_medication(code: str, listed, *dose_times: datetime):
    """What rule `code` raises for one listed medication and kratom doses at `dose_times`."""
    return raised(code, journal(medications=[listed], doses=[dose(at) for at in dose_times]))


def with_substance(logged, *dose_times: datetime):
    """What interaction.substance raises for one logged substance and kratom doses at `dose_times`."""
    return raised(SUBSTANCE, journal(substances=[logged], doses=[dose(at) for at in dose_times]))


# --- a medication on the list --------------------------------------------------------------------


def test_an_opioid_on_the_list_while_kratom_is_in_use_is_a_warning_about_breathing():
    oxycodone = medication("Oxycodone 5 mg", started_on=days_ago(60))
    last = dose(ago(hours=5))

    [finding] = raised(MEDICATION, journal(medications=[oxycodone], doses=[dose(ago(days=2)), last]))

    assert finding.subject == "opioids"
    assert finding.severity is Severity.WARNING
    assert finding.key == f"{MEDICATION}:{oxycodone.uid}"
    assert finding.title.startswith("Oxycodone 5 mg and kratom")
    assert "breathing" in finding.meaning
    assert "stays in the body for days" in finding.meaning
    assert "naloxone" in finding.action
    assert {"olsen-2019", "fda-opioid-benzo-2016"} <= set(finding.sources)
    assert finding.at == last.taken_at
    assert [(e.kind, e.uid) for e in finding.entries] == [("medications", oxycodone.uid), ("doses", last.uid)]


def test_brand_names_match_their_class():
    [finding] = raised(MEDICATION, journal(medications=[medication("Xanax")], doses=[dose(ago(hours=1))]))

    assert finding.subject == "benzodiazepines_z_drugs"


def test_a_drug_in_several_classes_raises_one_finding_at_the_worst_severity_naming_every_class():
    tramadol = medication("tramadol 50 mg")

    [finding] = raised(MEDICATION, journal(medications=[tramadol], doses=[dose(ago(hours=1))]))

    assert finding.subject == "opioids" and finding.severity is Severity.WARNING
    assert "seizure threshold" in finding.meaning.lower() and "serotonergic" in finding.meaning.lower()
    assert {"kronstrand-2011", "eggleston-2019"} <= set(finding.sources)


def test_quetiapine_in_its_own_class_and_among_antipsychotics_is_one_finding():
    [finding] = raised(
        MEDICATION, journal(medications=[medication("Seroquel 25 mg")], doses=[dose(ago(hours=1))])
    )

    assert finding.subject == "quetiapine"
    assert "antipsychotics" in finding.meaning.lower()


def test_a_misspelt_name_is_read_and_the_finding_says_how_it_was_read():
    [finding] = raised(
        MEDICATION, journal(medications=[medication("oxycodn 5mg")], doses=[dose(ago(hours=1))])
    )

    assert finding.subject == "opioids"
    assert "We read 'oxycodn' as oxycodone." in finding.meaning
    assert finding.title.startswith("oxycodn 5mg and kratom"), "the name stays as typed"


def test_a_combination_product_reaches_each_ingredients_class_in_one_finding():
    [finding] = raised(
        MEDICATION, journal(medications=[medication("Co-codamol 30/500")], doses=[dose(ago(hours=1))])
    )

    assert finding.subject == "opioids"
    assert "is codeine with paracetamol" in finding.meaning
    assert "liver" in finding.meaning.lower()


def test_two_medications_of_one_class_are_two_findings():
    meds = [medication("Oxycodone"), medication("Morphine")]

    findings = raised(MEDICATION, journal(medications=meds, doses=[dose(ago(hours=1))]))

    assert [f.subject for f in findings] == ["opioids", "opioids"]
    assert len({f.key for f in findings}) == 2


def only_class_member(interaction):
    """A member of this class that belongs to no other class (a drug in several classes raises one
    merged finding, tested above)."""
    gate = interaction.amount_gate
    for member in gate.regardless_for if gate else interaction.members:
        if [c.id for c in read_name(member).classes] == [interaction.id]:
            return member
    return None


@pytest.mark.parametrize("interaction", interaction_classes(), ids=lambda c: c.id)
def test_every_class_in_the_table_is_raised_with_the_severity_its_rating_maps_to(interaction):
    member = only_class_member(interaction)
    if member is None:
        pytest.skip(f"every member of {interaction.id} is in another class too")
    listed = medication(member)

    [finding] = raised(MEDICATION, journal(medications=[listed], doses=[dose(ago(hours=1))]))

    assert finding.subject == interaction.id
    assert finding.severity is SEVERITY_FOR_SCALE[interaction.severity]
    assert finding.action == interaction.what_to_do
    assert finding.grade == interaction.grade
    assert finding.sources == interaction.sources


def test_nearly_every_class_has_a_member_of_its_own():
    assert sum(only_class_member(c) is None for c in interaction_classes()) <= 3


def test_ratings_map_to_severities_with_urgent_kept_for_red_flags_and_unknown_not_reassuring():
    assert SEVERITY_FOR_SCALE == {
        "dangerous": Severity.WARNING,
        "unsafe": Severity.WARNING,
        "caution": Severity.CAUTION,
        "unknown": Severity.CAUTION,
        "low_risk": Severity.INFO,
    }


def test_no_kratom_in_the_past_week_raises_no_medication_interaction():
    assert timedelta(days=7) == KRATOM_WEEK
    late = dose(NOW - KRATOM_WEEK - timedelta(minutes=1))

    assert raised(MEDICATION, journal(medications=[medication("Oxycodone")], doses=[late])) == []


def test_a_dose_exactly_seven_days_ago_still_counts():
    edge = dose(NOW - KRATOM_WEEK)

    assert len(raised(MEDICATION, journal(medications=[medication("Oxycodone")], doses=[edge]))) == 1


def test_a_medication_stopped_before_the_first_dose_of_the_week_does_not_count():
    stopped = medication("Oxycodone", started_on=days_ago(90), stopped_on=days_ago(4))

    assert raised(MEDICATION, journal(medications=[stopped], doses=[dose(ago(days=3))])) == []


def test_a_medication_stopped_on_the_day_of_a_dose_this_week_counts_and_says_until_when():
    stopped = medication("Oxycodone", started_on=days_ago(90), stopped_on=days_ago(3))

    [finding] = raised(MEDICATION, journal(medications=[stopped], doses=[dose(ago(days=3))]))

    assert "was on your medication list until Wed 4 Mar" in finding.meaning


def test_a_medication_that_starts_after_today_does_not_count_yet():
    later = medication("Oxycodone", started_on=TODAY + timedelta(days=1))

    assert raised(MEDICATION, journal(medications=[later], doses=[dose(ago(hours=1))])) == []


def test_a_medication_in_no_class_raises_no_interaction():
    assert with_medication(MEDICATION, medication("Ibuprofen"), ago(hours=1)) == []


# --- a logged substance or alcohol ---------------------------------------------------------------


def test_a_drink_two_hours_after_a_dose_is_an_alcohol_warning_for_that_day():  # occasional use
    taken = dose(ago(hours=4))
    beer = drink(ago(hours=2))

    [finding] = raised(SUBSTANCE, journal(doses=[taken], substances=[beer]))

    assert finding.subject == "alcohol"
    assert finding.severity is Severity.WARNING
    assert finding.key == f"{SUBSTANCE}:alcohol:2026-03-07"
    assert finding.title == "Alcohol and kratom on Sat 7 Mar"
    assert "liver" in finding.meaning and "breathing" in finding.meaning
    assert "within 12 hours of a kratom dose" in finding.meaning
    assert {(e.kind, e.uid) for e in finding.entries} == {("substances", beer.uid), ("doses", taken.uid)}
    assert finding.at == beer.at


def test_a_drink_logged_as_alcohol_counts_as_alcohol_whatever_its_name():
    [finding] = with_substance(drink(ago(hours=2), "homebrew"), ago(hours=4))

    assert finding.subject == "alcohol"


def test_a_substance_named_in_the_table_counts_even_if_not_logged_as_alcohol():
    findings = with_substance(substance(ago(hours=2), "Xanax 0.5 mg"), ago(hours=4))

    assert subjects(findings) == {"benzodiazepines_z_drugs"}


def test_a_substance_not_in_the_table_raises_no_interaction():
    assert with_substance(substance(ago(hours=2), "ibuprofen"), ago(hours=4)) == []


def daily(*extra: datetime) -> list:
    """Kratom at 08:00 UTC on each of the last 6 days (regular use), plus doses at `extra`."""
    return [dose(ago(days=d, hours=7)) for d in range(1, 7)] + [dose(at) for at in extra]


def test_for_regular_use_a_substance_exactly_48_hours_after_a_dose_counts_and_a_minute_later_does_not():
    assert window() == timedelta(hours=48)
    beer = drink(ago(hours=1))
    lone = [dose(ago(days=d, hours=3)) for d in (4, 5, 6, 7)]  # regular use, none near the beer

    at_edge = raised(SUBSTANCE, journal(substances=[beer], doses=[*lone[:3], dose(beer.at - window())]))
    past = raised(
        SUBSTANCE,
        journal(substances=[beer], doses=[*lone[:3], dose(beer.at - window() - timedelta(minutes=1))]),
    )

    assert len(at_edge) == 1 and past == []


def test_for_occasional_use_one_drink_a_day_after_a_single_dose_raises_nothing():
    occasional = timedelta(hours=thresholds().substance_window_hours_occasional.value)
    beer = drink(ago(hours=1))

    assert occasional == timedelta(hours=12)
    assert len(with_substance(beer, beer.at - occasional)) == 1
    assert with_substance(beer, beer.at - timedelta(hours=30)) == []


def test_for_regular_use_one_drink_thirty_hours_after_a_dose_is_still_an_interaction():
    beer = drink(ago(hours=1))
    doses = [dose(ago(hours=31))] + [dose(ago(days=d)) for d in range(3, 7)]

    assert len(raised(SUBSTANCE, journal(substances=[beer], doses=doses))) == 1


def test_a_dose_taken_after_the_substance_counts_too_within_the_window():
    beer = drink(ago(days=3))
    occasional = timedelta(hours=thresholds().substance_window_hours_occasional.value)

    assert len(with_substance(beer, beer.at + occasional)) == 1
    assert with_substance(beer, beer.at + occasional + timedelta(minutes=1)) == []


def test_a_cup_of_coffee_with_kratom_raises_nothing_but_caffeine_pills_or_400_mg_a_day_do():
    taken = ago(hours=3)
    coffee = substance(ago(hours=2), "coffee", amount_text="1 cup")
    caffeine = substance(ago(hours=2), "caffeine", amount_text="200 mg")
    more = substance(ago(hours=1), "caffeine", amount_text="2 x 100mg")
    pills = substance(ago(hours=2), "caffeine pills")

    assert with_substance(coffee, taken) == [] and with_substance(caffeine, taken) == []
    assert subjects(raised(SUBSTANCE, journal(substances=[caffeine, more], doses=[dose(taken)]))) == {
        "caffeine_high_dose"
    }
    assert subjects(with_substance(pills, taken)) == {"caffeine_high_dose"}


def test_an_unknown_substance_is_never_silent():
    logged = substance(ago(hours=2), "mystery blend 3")

    [finding] = raised(UNKNOWN_SUBSTANCE, journal(substances=[logged], doses=[dose(ago(hours=4))]))

    assert finding.severity is Severity.INFO
    assert "We do not recognise 'mystery blend 3'" in finding.meaning
    assert finding.entries[0].uid == logged.uid


def test_an_unknown_substance_offers_the_names_it_resembles():
    [finding] = raised(
        UNKNOWN_SUBSTANCE,
        journal(substances=[substance(ago(hours=2), "phenibutt x")], doses=[dose(ago(hours=4))]),
    ) or [None]

    assert finding is None or "Did you mean" in finding.meaning or "phenibut" in finding.meaning


def test_a_known_substance_in_no_class_says_it_is_not_in_the_table():
    [finding] = raised(
        UNKNOWN_SUBSTANCE,
        journal(substances=[substance(ago(hours=2), "ibuprofen")], doses=[dose(ago(hours=4))]),
    )

    assert "ibuprofen is not in our interaction table" in finding.meaning


def test_a_benzodiazepine_stopped_this_week_while_using_kratom_warns_of_withdrawal_seizures():
    stopped = medication("Xanax 1mg", started_on=days_ago(300), stopped_on=days_ago(3))

    [finding] = raised(STOPPED, journal(medications=[stopped], doses=[dose(ago(hours=5))]))

    assert finding.severity is Severity.WARNING
    assert "seizures" in finding.meaning and "prescriber" in finding.action
    assert "fda-benzo-boxed-2020" in finding.sources


def test_a_dose_logged_for_later_than_now_is_not_read():
    assert with_substance(drink(ago(hours=1)), NOW + timedelta(hours=1)) == []


def test_a_logged_substance_of_a_class_a_listed_medication_already_raises_is_not_repeated():
    tablet = substance(ago(hours=2), "oxycodone 5 mg")
    doses = [dose(ago(hours=4))]

    assert subjects(raised(SUBSTANCE, journal(doses=doses, substances=[tablet]))) == {"opioids"}
    listed = journal(doses=doses, substances=[tablet], medications=[medication("Oxycodone")])
    assert raised(SUBSTANCE, listed) == []
    assert subjects(raised(MEDICATION, listed)) == {"opioids"}


def test_drinks_on_one_day_make_one_finding_and_on_two_days_two():
    doses = [dose(ago(days=1, hours=3)), dose(ago(hours=3))]
    one_day = [drink(ago(hours=2)), drink(ago(hours=1), "wine")]
    two_days = [drink(ago(days=1, hours=2)), drink(ago(hours=2))]

    [finding] = raised(SUBSTANCE, journal(doses=doses, substances=one_day))
    assert "beer, wine" in finding.meaning
    assert len(raised(SUBSTANCE, journal(doses=doses, substances=two_days))) == 2


def test_substances_are_looked_back_on_for_seven_days():
    assert timedelta(days=7) == SUBSTANCE_LOOKBACK
    edge = drink(NOW - SUBSTANCE_LOOKBACK)
    older = drink(NOW - SUBSTANCE_LOOKBACK - timedelta(minutes=1))

    assert len(with_substance(edge, edge.at + timedelta(hours=1))) == 1
    assert with_substance(older, older.at + timedelta(hours=1)) == []


# --- a new medication ----------------------------------------------------------------------------


def test_a_medication_started_three_days_ago_while_using_kratom_asks_you_to_tell_your_prescriber():
    new = medication("Sertraline", started_on=days_ago(3))

    [finding] = raised(NEW, journal(medications=[new], doses=[dose(ago(days=1))]))

    assert finding.severity is Severity.CAUTION
    assert finding.subject == str(new.uid)
    assert "prescriber and pharmacist" in finding.action
    assert "Sertraline" in finding.title


def test_a_medication_is_new_for_fourteen_days_including_the_fourteenth():
    assert NEW_MEDICATION_DAYS == 14

    assert len(with_medication(NEW, medication("Sertraline", started_on=days_ago(14)), ago(hours=1))) == 1
    assert len(with_medication(NEW, medication("Sertraline", started_on=TODAY), ago(hours=1))) == 1
    assert with_medication(NEW, medication("Sertraline", started_on=days_ago(15)), ago(hours=1)) == []


def test_kratom_in_the_week_before_the_start_counts_as_in_use():
    started = days_ago(10)
    week_before = datetime.combine(started - timedelta(days=7), time(0), ZoneInfo("America/New_York"))

    assert len(with_medication(NEW, medication("Sertraline", started_on=started), week_before)) == 1
    earlier = week_before - timedelta(minutes=1)
    assert with_medication(NEW, medication("Sertraline", started_on=started), earlier) == []


def test_a_new_medication_without_kratom_or_without_a_start_date_raises_nothing():
    assert raised(NEW, journal(medications=[medication("Sertraline", started_on=days_ago(2))])) == []
    assert raised(NEW, journal(medications=[medication("Sertraline")], doses=[dose(ago(hours=1))])) == []
    future = medication("Sertraline", started_on=TODAY + timedelta(days=2))
    assert raised(NEW, journal(medications=[future], doses=[dose(ago(hours=1))])) == []


# --- a medication the table does not know --------------------------------------------------------


def test_an_unknown_medication_says_it_is_not_in_our_table_and_to_ask_a_pharmacist():
    unknown = medication("Ibuprofen 400 mg", started_on=days_ago(300))

    [finding] = raised(UNKNOWN, journal(medications=[unknown], doses=[dose(ago(hours=1))]))

    assert finding.severity is Severity.INFO
    assert "not in our interaction table" in finding.title
    assert "Ask a pharmacist" in finding.action
    assert "does not mean the pair is harmless" in finding.meaning
    assert finding.subject == str(unknown.uid)


def test_a_known_medication_is_not_unknown():
    assert raised(UNKNOWN, journal(medications=[medication("Cymbalta")], doses=[dose(ago(hours=1))])) == []


def test_an_unknown_medication_counts_only_while_active_and_while_kratom_is_in_use():
    doses = [dose(ago(hours=1))]
    stopped_yesterday = medication("Ibuprofen", started_on=days_ago(30), stopped_on=days_ago(1))
    stopped_today = medication("Ibuprofen", started_on=days_ago(30), stopped_on=TODAY)

    assert raised(UNKNOWN, journal(medications=[stopped_yesterday], doses=doses)) == []
    assert len(raised(UNKNOWN, journal(medications=[stopped_today], doses=doses))) == 1
    assert raised(UNKNOWN, journal(medications=[medication("Ibuprofen")], doses=[dose(ago(days=8))])) == []


# --- wording ------------------------------------------------------------------------------------


def test_no_interaction_red_flag_liver_or_pregnancy_finding_calls_anything_safe_or_recommended():
    every_class = [only_class_member(c) or c.members[0] for c in interaction_classes()]
    everything = dict(
        pregnant=True,
        doses=[dose(ago(hours=3))],
        checkins=[checkin(ago(hours=1), *(code for flag in red_flags() for code in flag.triggers))],
        labs=[
            lab("ALT", 400, 56),
            lab("bilirubin", 3, 1.2, unit="mg/dL"),
            lab("AST", 50, None),
            lab("ALP", 200, 147),
        ],
    )
    on_the_list = journal(
        medications=[medication(name) for name in every_class] + [medication("Ibuprofen", days_ago(1))],
        **everything,
    )
    logged = journal(substances=[substance(ago(hours=2), name) for name in every_class], **everything)

    codes = (MEDICATION, NEW, UNKNOWN, "red_flag.symptom", "liver.lab_above_threshold", "pregnancy.standing")
    mine = [f for code in codes for f in raised(code, on_the_list)] + raised(SUBSTANCE, logged)

    assert {f.code for f in mine} == {*codes, SUBSTANCE}
    own = {c.id for c in interaction_classes() if only_class_member(c) is not None}
    assert own <= {f.subject for f in mine if f.code == MEDICATION}
    assert own - {"caffeine_high_dose"} <= {f.subject for f in mine if f.code == SUBSTANCE}
    for finding in mine:
        text = " ".join((finding.title, finding.meaning, finding.action)).lower()
        assert not re.search(r"\bsafe\b|\brecommended\b|kratom (treats?|cures?)\b", text), finding.key


# --- the demo journals ---------------------------------------------------------------------------


def story(key: str) -> tuple[JournalDocument, stories.CaseStudy]:
    case = stories.case_named(key)
    return JournalDocument.model_validate(case.journal(end=END)), case


def at_story_day(case: stories.CaseStudy, day: int, hour: int = 12) -> datetime:
    zone = ZoneInfo(case.timezone)
    first = END.astimezone(zone).date() - timedelta(days=case.days - 1)
    return datetime.combine(first + timedelta(days=day), time(hour), zone)


@pytest.mark.parametrize("day", [10, 40, 69])
def test_the_opioid_transition_journal_raises_the_opioid_interaction_while_oxycodone_and_kratom_overlap(day):
    document, case = story("opioid")

    findings = raised(MEDICATION, document, at_story_day(case, day))

    [opioid] = [f for f in findings if f.subject == "opioids"]
    assert opioid.title.startswith("Oxycodone and kratom")
    assert opioid.severity is Severity.WARNING


def test_the_opioid_transition_journal_does_not_repeat_the_opioid_warning_for_each_logged_tablet():
    document, case = story("opioid")

    assert raised(SUBSTANCE, document, at_story_day(case, 40)) == []


def test_the_fibromyalgia_journal_raises_the_serotonergic_interaction_of_duloxetine_while_kratom_is_in_use():
    document, case = story("fibro")

    [finding] = raised(MEDICATION, document, at_story_day(case, 100))

    assert finding.subject == "snris"
    assert finding.title.startswith("Duloxetine and kratom")
    assert finding.severity is Severity.CAUTION


def test_the_opioid_transition_journal_has_no_opioid_interaction_before_kratom_or_long_after_the_last_tablet():
    document, case = story("opioid")

    assert raised(MEDICATION, document, at_story_day(case, 5)) == []
    assert "opioids" not in subjects(raised(MEDICATION, document, at_story_day(case, 100)))
    assert "opioids" not in subjects(assess(document, END))


@pytest.mark.parametrize("day", [0, 1, 10, 120])
def test_the_back_pain_journal_raises_no_opioid_interaction_as_hydrocodone_stopped_before_the_first_dose(day):
    document, case = story("backpain")

    findings = assess(document, at_story_day(case, day, hour=23))

    assert not [f for f in findings if f.code.startswith("interaction.") and f.subject == "opioids"]


def test_the_back_pain_journal_raises_the_alcohol_interaction_on_a_drinking_day():
    document, case = story("backpain")
    beer = next(s for s in document.substances if s.kind == "alcohol" and s.at > document.doses[0].taken_at)

    findings = raised(SUBSTANCE, document, beer.at + timedelta(hours=1))

    assert "alcohol" in subjects(findings)
