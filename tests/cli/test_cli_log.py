import json
from datetime import UTC, datetime

import pytest

from speciosa.journal import models as m
from speciosa.journal import services


def test_log_dose_stores_grams_and_prints_the_dose(alice, speciosa, frozen_now):
    result = speciosa("log", "dose", "3.5", "--note", "after lunch")
    assert result.exit_code == 0, result.stderr
    dose = m.Dose.objects.get(user=alice)
    assert (dose.grams, dose.unit, dose.note, dose.taken_at) == (3.5, "g", "after lunch", frozen_now)
    assert "Logged a dose" in result.stdout and "after lunch" in result.stdout
    assert "Today so far: 3.5 g in 1 dose." in result.stdout


def test_log_dose_in_teaspoons_says_it_assumes_a_teaspoon_and_cites_it(alice, speciosa, frozen_now):
    result = speciosa("log", "dose", "2", "tsp")
    assert result.exit_code == 0, result.stderr
    assert "assumed teaspoon" in result.stdout and "Erowid" in result.stdout
    assert "Marked as an estimate." in result.stdout
    assert m.Dose.objects.get().grams == pytest.approx(3.5)


def test_log_dose_as_json_parses_and_names_the_product(alice, speciosa, frozen_now):
    services.entry_create(user=alice, kind="products", values={"name": "Red Bali", "grams_per_capsule": 0.5})
    result = speciosa(
        "log", "dose", "6", "capsule", "--product", "red bali", "--estimate", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    dose = json.loads(result.stdout)
    assert (dose["grams"], dose["amount"], dose["unit"], dose["product"]) == (3.0, 6.0, "capsule", "Red Bali")
    assert dose["is_estimate"] is True
    assert dose["time"] == "2026-03-07T10:00:00-05:00"


def test_log_dose_at_a_local_time_uses_the_persons_time_zone(alice, speciosa, frozen_now):
    assert speciosa("log", "dose", "2", "--at", "2026-03-01 08:30").exit_code == 0
    assert speciosa("log", "dose", "1", "--at", "07:15").exit_code == 0
    times = sorted(m.Dose.objects.values_list("taken_at", flat=True))
    assert times == [datetime(2026, 3, 1, 13, 30, tzinfo=UTC), datetime(2026, 3, 7, 12, 15, tzinfo=UTC)]


def test_log_dose_over_100_g_asks_for_confirm_and_stores_nothing(alice, speciosa, frozen_now):
    result = speciosa("log", "dose", "120")
    assert result.exit_code == 1
    assert "amount: 120 g in one dose is unusually large" in result.stderr
    assert "Nothing was stored" in result.stderr and "--confirm" in result.stderr
    assert not m.Dose.objects.exists()
    assert speciosa("log", "dose", "120", "--confirm").exit_code == 0
    assert m.Dose.objects.get().grams == 120


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["abc"], "amount: must be a number, not 'abc'"),
        (["0"], "amount: must be more than 0"),
        (["--", "-2"], "amount: must be more than 0"),
        (["nan"], "amount: must be a finite number"),
        (["300", "--confirm"], "amount: 300 g in one dose is over the 250 g limit"),
        (["3", "spoons"], "unit: unknown unit 'spoons'"),
        (["3", "--at", "2026-03-07 11:00"], "at: is more than 5 minutes in the future"),
        (["3", "--at", "yesterday"], "at: 'yesterday' is not a time; use the form 2026-03-01 08:30"),
        (["3", "--at", "2026-03-08 02:30"], "at: 2026-03-08 02:30 does not exist in America/New_York"),
        (["3", "--product", "Nope"], "product: no product called 'Nope'"),
        (["2", "capsule"], "product: choose a product with its grams per capsule"),
        (["250", "ml"], "tea-grams: give the grams of leaf brewed"),
    ],
)
def test_log_dose_refuses_bad_input_naming_the_field(alice, speciosa, frozen_now, args, message):
    result = speciosa("log", "dose", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert not m.Dose.objects.exists()


def test_log_dose_of_tea_converts_with_the_grams_brewed(alice, speciosa, frozen_now):
    result = speciosa("log", "dose", "250", "ml", "--tea-grams", "10", "--tea-ml", "500")
    assert result.exit_code == 0, result.stderr
    assert m.Dose.objects.get().grams == pytest.approx(5)


def test_log_dose_cannot_use_another_persons_product(alice, bob, speciosa, frozen_now):
    product = services.entry_create(user=bob, kind="products", values={"name": "Bob's Green"})
    result = speciosa("log", "dose", "3", "--product", str(product.uid), "--user", "alice")
    assert result.exit_code == 1
    assert "product: no product called" in result.stderr
    assert not m.Dose.objects.exists()


def test_log_checkin_stores_every_answer(alice, speciosa, frozen_now):
    result = speciosa(
        "log", "checkin", "--pain", "6", "--peg", "6", "5", "7", "--sleep", "4", "--mood", "5", "--energy", "3",
        "--side-effect", "nausea:moderate", "--side-effect", "dizziness", "--note", "rough night",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    checkin = m.CheckIn.objects.get(user=alice)
    assert (checkin.pain_now, checkin.peg_score, checkin.sleep_quality, checkin.mood, checkin.energy) == (
        6,
        6,
        4,
        5,
        3,
    )
    assert [(s.code, s.severity) for s in checkin.side_effects.all()] == [
        ("nausea", "moderate"),
        ("dizziness", "mild"),
    ]
    assert "nausea:moderate" in result.stdout


def test_log_checkin_as_json_gives_the_peg_score(alice, speciosa, frozen_now):
    result = speciosa("log", "checkin", "--peg", "4", "5", "6", "--format", "json")
    assert json.loads(result.stdout)["peg_score"] == 5.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pain", "11"], "pain: Input should be less than or equal to 10"),
        (["--peg", "4", "12", "5"], "peg (enjoyment of life): Input should be less than or equal to 10"),
        (["--side-effect", "hiccups"], "side-effect[0].code: unknown side effect 'hiccups'"),
        (
            ["--side-effect", "nausea:awful"],
            "side-effect[0].severity: Input should be 'mild', 'moderate' or 'severe'",
        ),
        ([], "checkin: answer at least one question, pick a side effect or write a note"),
    ],
)
def test_log_checkin_refuses_bad_input_naming_the_field(alice, speciosa, frozen_now, args, message):
    result = speciosa("log", "checkin", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert not m.CheckIn.objects.exists()


def test_an_unknown_side_effect_lists_the_known_ones(alice, speciosa, frozen_now):
    result = speciosa("log", "checkin", "--side-effect", "hiccups")
    assert result.exit_code == 1
    assert "Known side effects: " in result.stderr and "nausea" in result.stderr


def test_a_red_flag_checkin_prints_what_to_do_now(alice, speciosa, frozen_now):
    result = speciosa("log", "checkin", "--side-effect", "breathing_problems:severe")
    assert result.exit_code == 0, result.stderr
    assert "URGENT:" in result.stderr and "emergency" in result.stderr.lower()


def test_a_misspelt_medication_stops_with_did_you_mean_and_confirm_keeps_it_as_typed(alice, speciosa):
    asked = speciosa("log", "medication", "oxycodn 5mg")
    assert asked.exit_code == 1
    assert "did you mean oxycodone?" in asked.stderr and "Nothing was stored" in asked.stderr
    assert not m.Medication.objects.filter(user=alice).exists()

    kept = speciosa("log", "medication", "oxycodn 5mg", "--confirm", "--started", "2026-01-10")
    assert kept.exit_code == 0 and "Opioid pain medicines" in kept.stdout
    assert m.Medication.objects.get(user=alice).name == "oxycodn 5mg"


def test_a_medication_in_no_class_says_that_is_not_a_sign_it_is_harmless(alice, speciosa):
    result = speciosa("log", "medication", "Metformin 500mg")

    assert result.exit_code == 0 and "not a sign it is harmless" in result.stdout


def test_logging_alcohol_and_a_substance(alice, speciosa, frozen_now):
    drink = speciosa("log", "substance", "wine", "--drinks", "2", "--format", "json")
    kava = speciosa("log", "substance", "kava tea", "--amount", "2 cups")

    assert drink.exit_code == 0 and '"kind": "alcohol"' in drink.stdout
    assert kava.exit_code == 0 and "Kava" in kava.stdout
    assert m.SubstanceUse.objects.filter(user=alice).count() == 2


def test_a_dry_run_shows_the_sources_figures_and_what_logging_would_raise_and_stores_nothing(
    alice, speciosa, frozen_now
):
    services.entry_create(user=alice, kind="medications", values={"name": "oxycodone"})
    result = speciosa("log", "dose", "4", "g", "--dry-run", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "Before you log 4 g" in result.stdout and "→ common: 3–5 g" in result.stdout
    assert "What logging it would raise:" in result.stdout and "oxycodone" in result.stdout.lower()
    assert "Nothing was stored (--dry-run)." in result.stdout
    assert not m.Dose.objects.filter(user=alice).exists()


def test_a_dry_run_refuses_what_logging_would_refuse(alice, speciosa, frozen_now):
    result = speciosa("log", "dose", "400", "g", "--dry-run")
    assert result.exit_code == 1 and "amount: 400 g in one dose is over the 250 g limit" in result.stderr
