"""`speciosa log med|med-stop|substance|drink|therapy|lab`: every kind of entry from the command line,
checked by the same services as the pages and the API, and followed by what it raised."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from speciosa.journal import models as m
from speciosa.journal import services


@pytest.fixture
def a_kratom_dose_two_hours_ago(alice, frozen_now):
    return services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(hours=2))


# --- medications ---------------------------------------------------------------------------------


def test_log_med_stores_every_field(alice, speciosa, frozen_now):
    result = speciosa(
        "log", "med", "Gabapentin 300 mg", "--purpose", "nerve pain", "--dose", "300 mg",
        "--schedule", "three times a day", "--started", "2026-01-10", "--note", "from Dr Lee",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    medication = m.Medication.objects.get(user=alice)
    assert (medication.name, medication.purpose, medication.dose_text, medication.schedule) == (
        "Gabapentin 300 mg",
        "nerve pain",
        "300 mg",
        "three times a day",
    )
    assert (medication.started_on, medication.stopped_on, medication.note) == (
        date(2026, 1, 10),
        None,
        "from Dr Lee",
    )
    assert "Added a medication" in result.stdout


def test_log_medication_is_still_the_same_command(alice, speciosa, frozen_now):
    result = speciosa("log", "medication", "Sertraline 50mg", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "Sertraline 50mg"
    assert m.Medication.objects.filter(user=alice).count() == 1


def test_an_opioid_medication_with_kratom_in_the_journal_shows_the_interaction(
    alice, speciosa, a_kratom_dose_two_hours_ago
):
    result = speciosa("log", "med", "oxycodone 5mg", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "oxycodone 5mg"  # the findings stay off standard output
    assert "WARNING: oxycodone 5mg and kratom (Opioid pain medicines" in result.stderr
    assert "naloxone" in result.stderr and "`speciosa assess` shows" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["oxycodone", "--started", "2026-03-01", "--stopped", "2026-02-01"],
            "stopped: is before the start date",
        ),
        (["oxycodone", "--started", "March"], "started: 'March' is not a date"),
        (["", "--confirm"], "NAME: String should have at least 1 character"),
        (["oxycodone", "--dose", "x" * 201], "dose: String should have at most 200 characters"),
    ],
)
def test_log_med_refuses_bad_input_naming_the_field(alice, speciosa, frozen_now, args, message):
    result = speciosa("log", "med", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert not m.Medication.objects.exists()


def gabapentin(user, **values):
    return services.entry_create(
        user=user,
        kind="medications",
        values={"name": "Gabapentin 300 mg", "started_on": date(2026, 1, 10), **values},
        confirmed=True,
    )


def test_med_stop_finds_the_medication_by_part_of_its_name_and_stops_it_today(alice, speciosa, frozen_now):
    medication = gabapentin(alice)
    result = speciosa("log", "med-stop", "gabapentin")
    assert result.exit_code == 0, result.stderr
    medication.refresh_from_db()
    assert medication.stopped_on == date(2026, 3, 7)  # alice's day in New York
    assert "Stopped a medication" in result.stdout


def test_med_stop_on_a_day_by_uid(alice, speciosa, frozen_now):
    medication = gabapentin(alice)
    result = speciosa("log", "med-stop", str(medication.uid), "--on", "2026-02-14", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["stopped_on"] == "2026-02-14"
    medication.refresh_from_db()
    assert medication.stopped_on == date(2026, 2, 14)


def test_stopping_a_benzodiazepine_while_using_kratom_warns_about_withdrawal(
    alice, speciosa, a_kratom_dose_two_hours_ago
):
    services.entry_create(
        user=alice, kind="medications", values={"name": "Xanax 1mg", "started_on": date(2025, 6, 1)}
    )
    result = speciosa("log", "med-stop", "xanax", "--on", "2026-03-06")
    assert result.exit_code == 0, result.stderr
    assert "WARNING:" in result.stderr and "Xanax 1mg" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["gabapentin", "--on", "2026-01-01"],
            "MEDICATION: your journal has no medication you take on 2026-01-01",
        ),
        (["ibuprofen"], "MEDICATION: none of the medications you take on 2026-03-07 is called 'ibuprofen'"),
        (["gabapentin", "--on", "soon"], "on: 'soon' is not a date"),
    ],
)
def test_med_stop_refuses_what_it_cannot_stop_and_changes_nothing(alice, speciosa, frozen_now, args, message):
    medication = gabapentin(alice)
    result = speciosa("log", "med-stop", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    medication.refresh_from_db()
    assert medication.stopped_on is None


def test_med_stop_before_the_start_by_uid_is_refused_by_the_journal(alice, speciosa, frozen_now):
    medication = gabapentin(alice)
    result = speciosa("log", "med-stop", str(medication.uid), "--on", "2026-01-01")
    assert result.exit_code == 1
    assert "on: is before the start date" in result.stderr
    medication.refresh_from_db()
    assert medication.stopped_on is None


def test_med_stop_with_two_matching_names_lists_them_and_changes_nothing(alice, speciosa, frozen_now):
    first, second = gabapentin(alice), gabapentin(alice, name="Gabapentin 600 mg")
    result = speciosa("log", "med-stop", "gabapentin")
    assert result.exit_code == 1
    assert "MEDICATION: 2 of your medications match 'gabapentin'; give one by uid" in result.stderr
    assert str(first.uid) in result.stderr and str(second.uid) in result.stderr
    assert not m.Medication.objects.filter(stopped_on__isnull=False).exists()


def test_med_stop_cannot_stop_another_persons_medication(alice, bob, speciosa, frozen_now):
    bobs = gabapentin(bob)
    result = speciosa("log", "med-stop", str(bobs.uid), "--user", "alice")
    assert result.exit_code == 1
    assert "MEDICATION: your journal has no medication you take on 2026-03-07" in result.stderr
    bobs.refresh_from_db()
    assert bobs.stopped_on is None


# --- substances and alcohol -------------------------------------------------------------------------


def test_log_drink_stores_alcohol_in_standard_drinks(alice, speciosa, frozen_now):
    result = speciosa(
        "log", "drink", "2", "wine", "--at", "08:30", "--amount", "two glasses", "--note", "dinner"
    )
    assert result.exit_code == 0, result.stderr
    drink = m.SubstanceUse.objects.get(user=alice)
    assert (drink.kind, drink.substance, drink.standard_drinks) == ("alcohol", "wine", 2)
    assert (drink.amount_text, drink.note, drink.at) == (
        "two glasses",
        "dinner",
        datetime(2026, 3, 7, 13, 30, tzinfo=UTC),
    )
    assert "Logged a drink" in result.stdout


def test_log_drink_without_saying_what_is_alcohol(alice, speciosa, frozen_now):
    assert speciosa("log", "drink", "1.5").exit_code == 0
    assert m.SubstanceUse.objects.get(user=alice).substance == "alcohol"


def test_a_drink_near_a_kratom_dose_shows_the_interaction(alice, speciosa, a_kratom_dose_two_hours_ago):
    result = speciosa("log", "drink", "3", "beer")
    assert result.exit_code == 0, result.stderr
    assert "and kratom on " in result.stderr and "Alcohol" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["0"], "DRINKS: Input should be greater than 0"),
        (["61"], "DRINKS: Input should be less than or equal to 60"),
        (["two"], "DRINKS: Input should be a valid number"),
        (["2", ""], "WHAT: String should have at least 1 character"),
        (["2", "--at", "2026-03-07 11:00"], "at: is more than 5 minutes in the future"),
    ],
)
def test_log_drink_refuses_bad_input_naming_the_field(alice, speciosa, frozen_now, args, message):
    result = speciosa("log", "drink", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert not m.SubstanceUse.objects.exists()


def test_log_substance_stores_the_amount_and_time(alice, speciosa, frozen_now):
    result = speciosa("log", "substance", "kava", "--amount", "2 cups", "--at", "2026-03-06 21:00")
    assert result.exit_code == 0, result.stderr
    kava = m.SubstanceUse.objects.get(user=alice)
    assert (kava.kind, kava.substance, kava.amount_text, kava.standard_drinks) == (
        "other",
        "kava",
        "2 cups",
        None,
    )
    assert kava.at == datetime(2026, 3, 7, 2, 0, tzinfo=UTC)


def test_a_misspelt_substance_asks_did_you_mean_and_confirm_keeps_it(alice, speciosa, frozen_now):
    asked = speciosa("log", "substance", "tramadl")
    assert asked.exit_code == 1
    assert "NAME: did you mean tramadol?" in asked.stderr and "Nothing was stored" in asked.stderr
    assert not m.SubstanceUse.objects.exists()
    assert speciosa("log", "substance", "tramadl", "--confirm").exit_code == 0
    assert m.SubstanceUse.objects.get(user=alice).substance == "tramadl"


def test_log_substance_refuses_a_bad_number_of_drinks(alice, speciosa, frozen_now):
    result = speciosa("log", "substance", "wine", "--drinks", "-1")
    assert result.exit_code == 1
    assert "drinks: Input should be greater than 0" in result.stderr
    assert not m.SubstanceUse.objects.exists()


# --- therapies ------------------------------------------------------------------------------------


def test_log_therapy_stores_its_kind_and_minutes(alice, speciosa, frozen_now):
    result = speciosa(
        "log", "therapy", "Physical-Therapy", "45", "--at", "2026-03-06 17:00", "--note", "knee"
    )
    assert result.exit_code == 0, result.stderr
    therapy = m.Therapy.objects.get(user=alice)
    assert (therapy.kind, therapy.minutes, therapy.note) == ("physical_therapy", 45, "knee")
    assert therapy.at == datetime(2026, 3, 6, 22, 0, tzinfo=UTC)
    assert "Physical therapy" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["yoga", "30"],
            "KIND: Input should be 'physical_therapy', 'exercise', 'mindfulness', 'heat_cold' or 'other'",
        ),
        (["exercise", "0"], "MINUTES: Input should be greater than 0"),
        (["exercise", "1441"], "MINUTES: Input should be less than or equal to 1440"),
        (["exercise", "half an hour"], "MINUTES: Input should be a valid integer"),
        (["exercise", "30", "--at", "noon"], "at: 'noon' is not a time"),
    ],
)
def test_log_therapy_refuses_bad_input_naming_the_field(alice, speciosa, frozen_now, args, message):
    result = speciosa("log", "therapy", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert not m.Therapy.objects.exists()


# --- lab results ------------------------------------------------------------------------------------


def test_log_lab_stores_the_result_with_its_range(alice, speciosa, frozen_now):
    result = speciosa(
        "log", "lab", "alt", "48", "--on", "2026-02-20", "--upper-limit", "56", "--lower-limit", "7",
        "--note", "fasting",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lab = m.LabResult.objects.get(user=alice)
    assert (lab.test, lab.value, lab.unit, lab.taken_on) == ("ALT", 48, "U/L", date(2026, 2, 20))
    assert (lab.reference_low, lab.reference_high, lab.note) == (7, 56, "fasting")
    assert "7–56" in result.stdout


def test_log_lab_of_bilirubin_is_in_mg_per_dl_unless_told_and_taken_today(alice, speciosa, frozen_now):
    assert speciosa("log", "lab", "Bilirubin", "0.8").exit_code == 0
    assert speciosa("log", "lab", "bilirubin", "14", "--unit", "µmol/L").exit_code == 0
    labs = m.LabResult.objects.filter(user=alice).order_by("id")
    assert [(lab.test, lab.unit, lab.taken_on) for lab in labs] == [
        ("bilirubin", "mg/dL", date(2026, 3, 7)),
        ("bilirubin", "µmol/L", date(2026, 3, 7)),
    ]


def test_a_lab_far_above_its_upper_limit_shows_the_liver_finding(alice, speciosa, frozen_now):
    result = speciosa("log", "lab", "ALT", "300", "--upper-limit", "56")
    assert result.exit_code == 0, result.stderr
    assert "WARNING: ALT at a level that meets a liver-injury criterion" in result.stderr


def test_a_lab_without_its_range_says_it_cannot_be_judged(alice, speciosa, frozen_now):
    result = speciosa("log", "lab", "AST", "30")
    assert result.exit_code == 0, result.stderr
    assert "add your lab's range" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["GGT", "30"], "TEST: Input should be 'ALT', 'AST', 'ALP' or 'bilirubin'"),
        (["ALT", "high"], "VALUE: Input should be a valid number"),
        (["ALT", "--", "-3"], "VALUE: Input should be greater than or equal to 0"),
        (["ALT", "30", "--on", "2026-03-08"], "on: is in the future"),
        (["ALT", "30", "--on", "08/03/2026"], "on: '08/03/2026' is not a date"),
        (["ALT", "30", "--upper-limit", "0"], "upper-limit: Input should be greater than 0"),
        (["ALT", "30", "--lower-limit", "60", "--upper-limit", "56"], "upper-limit: is below the low end"),
    ],
)
def test_log_lab_refuses_bad_input_naming_the_field(alice, speciosa, frozen_now, args, message):
    result = speciosa("log", "lab", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert not m.LabResult.objects.exists()


# --- every kind: whose journal -------------------------------------------------------------------------

EVERY_KIND = [
    (["med", "Metformin 500mg"], m.Medication),
    (["substance", "kava"], m.SubstanceUse),
    (["drink", "1"], m.SubstanceUse),
    (["therapy", "exercise", "20"], m.Therapy),
    (["lab", "ALT", "20"], m.LabResult),
]


@pytest.mark.parametrize(("args", "model"), EVERY_KIND)
def test_every_kind_is_logged_for_the_account_chosen(alice, bob, speciosa, frozen_now, args, model):
    refused = speciosa("log", *args)
    assert refused.exit_code == 1 and "user: there are 2 accounts" in refused.stderr
    assert not model.objects.exists()
    assert speciosa("log", *args, "--user", "bob").exit_code == 0
    assert model.objects.get().user == bob


def test_log_help_lists_every_kind_of_entry(speciosa):
    listed = [line.strip("│ ").split(" ")[0] for line in speciosa("log", "--help").stdout.splitlines()]
    assert {"dose", "checkin", "med", "med-stop", "substance", "drink", "therapy", "lab"} <= set(listed)
    assert "medication" not in listed  # the older name still works, unlisted
