"""red_flag.symptom: a red-flag symptom in a recent check-in, or described in words in a note, raises
a finding at once, one per check-in or note; mild single signs and common effects are gated."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from speciosa.core import journal_format as fmt
from speciosa.core.safety import Severity
from speciosa.core.safety.rules.red_flags import LOOKBACK, SEVERITY_FOR_ACTION, TEXT_SAME_EVENT, flag_words
from speciosa.refdata import poison_control_words, red_flags, sources
from tests.core.safety.builders import NOW, ZONE, ago, checkin, dose, journal, raised, substance, uid

CODE = "red_flag.symptom"


def flag(code: str):
    return next(f for f in red_flags() if f.code == code)


def test_breathing_problems_raise_an_urgent_finding_that_says_naloxone_and_recovery_position():
    logged = checkin(ago(hours=1), "breathing_problems")

    [finding] = raised(CODE, journal(checkins=[logged]))

    assert finding.severity is Severity.URGENT
    assert finding.subject == "breathing_or_unresponsive"
    assert finding.title == flag("breathing_or_unresponsive").title
    assert "naloxone" in finding.action.lower()
    assert "recovery position" in finding.action.lower()
    assert "slow, shallow or stopped breathing" in finding.meaning
    assert finding.at == logged.at
    assert [(e.kind, e.uid) for e in finding.entries] == [("checkins", logged.uid)]


def test_each_check_in_with_a_red_flag_is_a_finding_of_its_own_so_each_is_acknowledged():
    first = checkin(ago(days=2), "seizure")
    second = checkin(ago(hours=3), "seizure")

    findings = raised(CODE, journal(checkins=[first, second]))

    assert sorted(f.key for f in findings) == sorted(
        f"{CODE}:seizure_or_confusion:{c.uid}" for c in (first, second)
    )


def test_several_symptoms_of_one_flag_in_one_check_in_make_one_finding_naming_them_all():
    logged = checkin(ago(hours=1), "yellow_skin_or_eyes", "dark_urine")

    [finding] = raised(CODE, journal(checkins=[logged]))

    assert finding.subject == "liver_injury_signs"
    assert finding.severity is Severity.URGENT
    assert "yellow skin or eyes" in finding.meaning and "dark urine" in finding.meaning
    assert "stop taking kratom" in finding.action.lower()


def test_symptoms_of_two_flags_in_one_check_in_make_two_findings():
    logged = checkin(ago(hours=1), "chest_pain", "hallucinations")

    findings = raised(CODE, journal(checkins=[logged]))

    assert {f.subject for f in findings} == {"chest_or_heart", "hallucinations_or_paranoia"}


def test_common_side_effects_raise_nothing():
    assert (
        raised(CODE, journal(checkins=[checkin(ago(hours=1), "nausea", "constipation", "drowsiness")])) == []
    )


def test_mild_itching_alone_is_a_common_side_effect_not_a_red_flag():
    assert raised(CODE, journal(checkins=[checkin(ago(hours=1), ("itching", "mild"))])) == []
    assert raised(CODE, journal(checkins=[checkin(ago(hours=1), ("itching", "moderate"))])) == []


def test_severe_itching_raises_the_liver_red_flag():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), ("itching", "severe"))]))

    assert finding.subject == "liver_injury_signs"


def test_mild_itching_with_dark_urine_raises_the_liver_flag_naming_both():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), ("itching", "mild"), "dark_urine")]))

    assert "itching" in finding.meaning and "dark urine" in finding.meaning


def test_newborn_withdrawal_signs_are_same_day_care():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), "newborn_withdrawal_signs")]))

    assert finding.severity is Severity.URGENT
    assert "seen today" in finding.action and "urine drug screens" in finding.action


def test_suicidal_thoughts_point_to_a_crisis_line():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), "suicidal_thoughts")]))

    assert finding.severity is Severity.URGENT
    assert "crisis line" in finding.action


@pytest.mark.parametrize("red_flag", [f for f in red_flags() if f.triggers], ids=lambda f: f.code)
def test_every_red_flag_in_the_reference_data_is_raised_by_its_triggers_with_its_sources(red_flag):
    trigger = next(t for t in red_flag.triggers if t not in red_flag.also_common)

    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), (trigger, "moderate"))]))

    assert finding.subject == red_flag.code
    assert finding.severity is SEVERITY_FOR_ACTION[red_flag.action]
    assert finding.action == flag_words(red_flag.what_to_do, ZoneInfo(ZONE))
    assert finding.sources == red_flag.sources
    assert finding.grade == max(sources()[s].grade for s in red_flag.sources if s != "speciosa-design")


def test_care_now_is_urgent_and_telling_the_care_team_is_a_warning():
    assert SEVERITY_FOR_ACTION == {
        "emergency": Severity.URGENT,
        "urgent": Severity.URGENT,
        "same_day": Severity.URGENT,
        "tell_care_team": Severity.WARNING,
    }


def test_a_red_flag_logged_exactly_seven_days_ago_still_shows():
    assert timedelta(days=7) == LOOKBACK
    assert len(raised(CODE, journal(checkins=[checkin(NOW - LOOKBACK, "seizure")]))) == 1


def test_a_red_flag_logged_more_than_seven_days_ago_no_longer_shows():
    assert raised(CODE, journal(checkins=[checkin(NOW - LOOKBACK - timedelta(minutes=1), "seizure")])) == []


def test_a_check_in_after_now_is_not_read():
    assert raised(CODE, journal(checkins=[checkin(NOW + timedelta(minutes=1), "seizure")])) == []


# --- gating: a single mild sign, and common effects ------------------------------------------------


@pytest.mark.parametrize("sign", ["dark_urine", "right_upper_belly_pain"])
def test_a_single_mild_liver_sign_is_a_warning_to_watch_not_an_urgent_banner(sign):
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), (sign, "mild"))]))

    assert finding.severity is Severity.WARNING
    assert "(mild)" in finding.meaning
    assert finding.action == flag("liver_injury_signs").mild_words


def test_the_same_sign_moderate_or_with_another_sign_is_same_day_care():
    moderate = raised(CODE, journal(checkins=[checkin(ago(hours=1), ("dark_urine", "moderate"))]))
    together = raised(CODE, journal(checkins=[checkin(ago(hours=1), "dark_urine", "pale_stools")]))

    assert [f.severity for f in moderate + together] == [Severity.URGENT, Severity.URGENT]


def test_mild_confusion_alone_is_a_warning_and_a_seizure_is_an_emergency():
    [confused] = raised(CODE, journal(checkins=[checkin(ago(hours=1), ("confusion", "mild"))]))
    [seizure] = raised(CODE, journal(checkins=[checkin(ago(hours=1), ("seizure", "mild"))]))

    assert confused.severity is Severity.WARNING and "emergency help now" in confused.action
    assert seizure.severity is Severity.URGENT


def test_severe_constipation_or_a_blocked_bowel_is_same_day_care_but_mild_constipation_is_not():
    assert raised(CODE, journal(checkins=[checkin(ago(hours=1), ("constipation", "mild"))])) == []
    [severe] = raised(CODE, journal(checkins=[checkin(ago(hours=1), ("constipation", "severe"))]))
    [blocked] = raised(CODE, journal(checkins=[checkin(ago(hours=1), "bowel_obstruction_signs")]))

    assert severe.subject == blocked.subject == "bowel_obstruction"
    assert severe.severity is blocked.severity is Severity.URGENT


def test_dizziness_on_standing_alone_is_not_dehydration_but_with_little_urine_it_is():
    assert raised(CODE, journal(checkins=[checkin(ago(hours=1), "dizzy_on_standing")])) == []
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), "dizzy_on_standing", "little_urine")]))

    assert finding.subject == "severe_dehydration" and "little urine" in finding.meaning


# --- a child who swallowed kratom: poison control by country -----------------------------------------


def test_a_child_who_swallowed_kratom_calls_poison_control_with_the_number_for_the_persons_country():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), "child_swallowed_kratom")]))

    assert finding.severity is Severity.URGENT
    assert "1-800-222-1222" in finding.action and "{poison_control}" not in finding.action


def test_poison_control_is_chosen_by_time_zone_and_every_line_is_listed_when_the_country_is_unknown():
    assert "13 11 26" in poison_control_words("Australia/Sydney")
    assert "1-844-764-7669" in poison_control_words("America/Toronto")
    assert "1-800-222-1222" in poison_control_words("America/Indiana/Indianapolis")
    listed = poison_control_words("Asia/Tokyo")
    assert "1-800-222-1222" in listed and "13 11 26" in listed and "local poison centre" in listed


# --- words in notes ----------------------------------------------------------------------------------


def test_a_red_flag_written_in_a_check_in_note_raises_the_same_finding_and_offers_the_coded_symptom():
    written = checkin(ago(hours=1), note="couldnt wake him up for 10 min, lips looked blue")

    [finding] = raised(CODE, journal(checkins=[written]))

    assert finding.subject == "breathing_or_unresponsive" and finding.severity is Severity.URGENT
    assert 'you wrote "' in finding.meaning and "We read this as a red flag" in finding.meaning
    assert set(finding.symptoms_to_log) == {"very_hard_to_wake", "blue_lips"}
    assert finding.entries == (fmt_ref("checkins", written.uid),)
    assert finding.key == f"{CODE}:breathing_or_unresponsive:{written.uid}"


def fmt_ref(kind, entry_uid):
    from speciosa.core.safety import EntryRef

    return EntryRef(kind, entry_uid)


def test_a_negated_or_hypothetical_note_raises_nothing():
    notes = ["no seizure this time", "read that kratom can cause seizures", "this pain is killing me"]

    assert raised(CODE, journal(checkins=[checkin(ago(hours=1), note=n) for n in notes])) == []


def test_a_side_effects_own_words_are_read_too():
    effect = fmt.SideEffectRecord(code="other", text="had a fit in the kitchen")
    written = fmt.CheckInRecord(uid=uid(), at=ago(hours=1), side_effects=[effect])

    [finding] = raised(CODE, journal(checkins=[written]))

    assert finding.subject == "seizure_or_confusion"


def test_a_dose_note_and_a_substance_note_are_read():
    noted = dose(ago(hours=2), note="then i was so hard to wake my daughter was screaming")
    drank = substance(ago(hours=3), "vodka", note="pee is dark like cola, yellow eyes")

    findings = raised(CODE, journal(doses=[noted], substances=[drank]))

    assert {(f.subject, f.entries[0].kind) for f in findings} == {
        ("breathing_or_unresponsive", "doses"),
        ("liver_injury_signs", "substances"),
    }
    assert any("note on vodka" in f.meaning for f in findings)


def test_a_check_in_whose_codes_raise_a_flag_raises_it_once_even_when_its_note_says_so_too():
    both = checkin(ago(hours=1), "seizure", note="had a seizure after lunch")

    [finding] = raised(CODE, journal(checkins=[both]))

    assert "you logged seizure" in finding.meaning and not finding.symptoms_to_log


def test_a_dose_note_near_a_check_in_with_the_same_flag_is_the_same_event():
    coded = checkin(ago(hours=10), "seizure")
    near = dose(ago(hours=10) + TEXT_SAME_EVENT - timedelta(minutes=1), note="seizure after this one")
    far = dose(ago(hours=10) + TEXT_SAME_EVENT + timedelta(minutes=1), note="another seizure")

    findings = raised(CODE, journal(checkins=[coded], doses=[near, far]))

    assert sorted(f.entries[0].kind for f in findings) == ["checkins", "doses"]
    assert [f.entries[0].uid for f in findings if f.entries[0].kind == "doses"] == [far.uid]


def test_a_note_that_reads_only_a_mild_alone_sign_is_a_warning():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), note="my pee is really dark today")]))

    assert finding.severity is Severity.WARNING


def test_itching_written_alone_raises_nothing():
    assert (
        raised(CODE, journal(checkins=[checkin(ago(hours=1), note="itchy all over from the detergent")]))
        == []
    )


def test_a_note_about_stopping_a_benzodiazepine_raises_that_red_flag():
    [finding] = raised(
        CODE, journal(checkins=[checkin(ago(hours=1), note="stopped my xanax cold turkey monday")])
    )

    assert finding.subject == "stopping_alcohol_or_benzos"
    assert finding.severity is Severity.WARNING and "withdrawal seizures" in finding.action
    assert finding.symptoms_to_log == ()


def test_notes_older_than_the_look_back_are_not_read():
    old = checkin(NOW - LOOKBACK - timedelta(minutes=1), note="had a seizure")

    assert raised(CODE, journal(checkins=[old])) == []
