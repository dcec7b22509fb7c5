"""Sources and the side-effect vocabulary: the two files everything else cites."""

from speciosa.refdata import side_effects, source, sources
from speciosa.refdata.base import RefdataError


def test_every_side_effect_cites_at_least_one_known_source():
    known = sources()
    for effect in side_effects().values():
        assert effect.sources and all(s in known for s in effect.sources), effect.code


def test_the_vocabulary_holds_what_people_need_to_log():
    codes = set(side_effects())
    expected = {
        "nausea",
        "constipation",
        "dizziness",
        "drowsiness",
        "itching",
        "sweating",
        "dry_mouth",
        "loss_of_appetite",
        "insomnia",
        "irritability",
        "headache",
        "other",
    }
    assert expected <= codes


def test_the_vocabulary_holds_the_red_flag_symptoms():
    serious = {code for code, effect in side_effects().items() if effect.group == "serious"}
    assert {
        "breathing_problems",
        "very_hard_to_wake",
        "blue_lips",
        "seizure",
        "confusion",
        "chest_pain",
        "irregular_heartbeat",
        "fever_with_agitation",
        "yellow_skin_or_eyes",
        "dark_urine",
        "pale_stools",
        "right_upper_belly_pain",
        "hallucinations",
        "paranoia",
        "suicidal_thoughts",
        "newborn_withdrawal_signs",
    } <= serious


def test_every_source_has_a_citation_a_link_and_a_grade():
    for item in sources().values():
        assert item.citation and item.grade in "ABCD"
        assert item.link.startswith("https://") or item.in_project, item.id


def test_our_own_design_sources_name_a_file_that_exists_in_this_project():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    own = [item for item in sources().values() if item.in_project]
    assert {item.id for item in own} >= {"speciosa-design", "journal-vocabulary"}
    for item in own:
        assert (root / item.link.removeprefix("project:")).is_file(), item.id


def test_a_source_read_through_a_secondary_copy_shows_it_beside_its_grade():
    assert source("usp-2232").grade_label.startswith("A, read via ")
    assert source("tanna-2023-cpt").grade_label == "A"


def test_conflicts_of_interest_are_noted_on_the_source():
    assert "industry-funded" in source("huestis-2024").note.lower()
    assert "advocacy" in source("grundmann-2017").note.lower()
    assert "vendor" in source("vendor-claims").note.lower()


def test_secondary_copies_say_so():
    for source_id in ("cdph-2025", "eggleston-2019", "usp-2232", "dea-7oh-2026"):
        assert "secondary" in source(source_id).note.lower(), source_id


def test_laws_and_notices_carry_an_as_of_date():
    for source_id in ("oklahoma-kcpa", "florida-7oh-2025", "dea-7oh-2026", "usp-2232", "tripsit-drugs"):
        assert source(source_id).as_of is not None, source_id


def test_asking_for_a_source_that_does_not_exist_names_it():
    try:
        source("no-such-source")
    except RefdataError as error:
        assert "no-such-source" in str(error)
    else:
        raise AssertionError("expected RefdataError")
