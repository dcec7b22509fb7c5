"""Red flags: each symptom with its action level and plain words on what to do now."""

from speciosa.refdata import ACTION_LEVELS, red_flags, red_flags_for, side_effects


def flag(code):
    return next(f for f in red_flags() if f.code == code)


def test_every_trigger_is_a_side_effect_a_check_in_can_record():
    vocabulary = side_effects()
    for red_flag in red_flags():
        assert set(red_flag.triggers) <= set(vocabulary), red_flag.code


def test_action_levels_run_from_emergency_to_telling_the_care_team():
    ordered = sorted(ACTION_LEVELS.values(), key=lambda level: level.order)
    assert [level.code for level in ordered] == ["emergency", "urgent", "same_day", "tell_care_team"]
    assert all(level.label and level.text for level in ordered)


def test_red_flags_come_most_urgent_first():
    orders = [ACTION_LEVELS[f.action].order for f in red_flags()]
    assert orders == sorted(orders)


def test_breathing_problems_mean_emergency_naloxone_recovery_position_and_staying():
    breathing = flag("breathing_or_unresponsive")
    assert breathing.action == "emergency"
    assert {"breathing_problems", "very_hard_to_wake", "blue_lips"} <= set(breathing.triggers)
    words = breathing.what_to_do.lower()
    for needed in ("emergency services", "naloxone", "recovery position", "stay with them", "only partly"):
        assert needed in words, needed
    assert "cdph-2025" in breathing.sources


def test_liver_signs_mean_stopping_kratom_and_being_seen_today():
    liver = flag("liver_injury_signs")
    assert liver.action == "same_day"
    assert {"yellow_skin_or_eyes", "dark_urine", "pale_stools", "itching", "right_upper_belly_pain"} <= set(
        liver.triggers
    )
    assert "Stop taking kratom" in liver.what_to_do and "today" in liver.what_to_do
    assert liver.also_common == ("itching",)


def test_each_listed_danger_has_its_flag_and_level():
    assert flag("seizure_or_confusion").action == "emergency"
    assert flag("chest_or_heart").action == "emergency"
    assert flag("serotonin_toxicity").action == "emergency"
    assert flag("hallucinations_or_paranoia").action == "urgent"
    assert "988" in flag("suicidal_thoughts").what_to_do
    assert flag("newborn_withdrawal").action == "same_day"
    assert (
        flag("child_ingestion").action == "emergency"
        and "{poison_control}" in flag("child_ingestion").what_to_do
    )
    assert flag("severe_dehydration").action == flag("bowel_obstruction").action == "same_day"
    assert flag("stopping_alcohol_or_benzos").action == "tell_care_team"


def test_what_to_do_speaks_to_the_person():
    for red_flag in red_flags():
        assert " you" in f" {red_flag.what_to_do.lower()}" or red_flag.what_to_do.startswith("Call"), (
            red_flag.code
        )


def test_logged_symptoms_find_their_flags_most_urgent_first():
    found = red_flags_for(["dark_urine", "blue_lips", "nausea"])
    assert [f.code for f in found] == ["breathing_or_unresponsive", "liver_injury_signs"]
    assert red_flags_for(["nausea", "headache"]) == []
