import json
from datetime import time
from pathlib import Path

import pytest

from speciosa.core.errors import InvalidInput, TooLarge
from speciosa.journal import models as m
from speciosa.journal import services, transfer


def test_round_trip_loses_nothing_and_reimport_adds_nothing(alice, bob, frozen_now):
    product = services.entry_create(
        user=alice, kind="products", values={"name": "Maeng Da", "grams_per_capsule": 0.5, "form": "capsules"}
    )
    services.dose_create(user=alice, amount=4, unit="capsule", product_uid=product.uid, note="ünïcode ✓")
    services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": frozen_now,
            "peg_pain": 5,
            "peg_enjoyment": 4,
            "peg_activity": 6,
            "side_effects": [{"code": "nausea"}],
        },
    )
    exported = transfer.journal_export_json(user=alice, now=frozen_now)
    report = transfer.import_file(user=bob, content=exported, now=frozen_now)
    assert report.added["doses"] == 1 and report.added["products"] == 1
    again = transfer.import_file(user=bob, content=exported, now=frozen_now)
    assert again.total_added == 0
    a = json.loads(exported)
    b = json.loads(transfer.journal_export_json(user=bob, now=frozen_now))
    a.pop("profile"), b.pop("profile")
    assert a == b
    assert m.Dose.objects.filter(user=bob).get().product.name == "Maeng Da"


def test_a_file_with_bad_rows_reports_every_one_and_imports_nothing(alice, frozen_now):
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "doses": [
            {
                "uid": "00000000-0000-4000-8000-000000000001",
                "taken_at": "2026-03-01T08:00:00Z",
                "grams": 3,
                "amount": 3,
            },
            {
                "uid": "00000000-0000-4000-8000-000000000002",
                "taken_at": "2026-03-01T09:00:00Z",
                "grams": -1,
                "amount": 3,
            },
            {
                "uid": "00000000-0000-4000-8000-000000000003",
                "taken_at": "2026-03-01T10:00:00Z",
                "grams": "x",
                "amount": 3,
            },
        ],
        "checkins": [
            {"uid": "00000000-0000-4000-8000-000000000004", "at": "2026-03-01T10:00:00Z", "pain_now": 11},
        ],
    }
    with pytest.raises(InvalidInput) as caught:
        transfer.import_file(user=alice, content=json.dumps(document).encode(), now=frozen_now)
    places = [e.field for e in caught.value.errors]
    assert places == ["doses[1].grams", "doses[2].grams", "checkins[0].pain_now"]
    assert not m.Dose.objects.exists()


def test_references_vocabulary_duplicates_and_future_times_are_checked_before_writing(alice, frozen_now):
    uid = "00000000-0000-4000-8000-000000000009"
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "doses": [
            {"uid": uid, "taken_at": "2026-03-01T08:00:00Z", "grams": 3, "amount": 3},
            {"uid": uid, "taken_at": "2026-03-01T08:00:00Z", "grams": 3, "amount": 3},
            {
                "uid": "00000000-0000-4000-8000-00000000000a",
                "taken_at": "2026-03-01T08:00:00Z",
                "grams": 3,
                "amount": 3,
                "product_uid": "00000000-0000-4000-8000-0000000000ff",
            },
            {
                "uid": "00000000-0000-4000-8000-00000000000b",
                "taken_at": "2027-01-01T08:00:00Z",
                "grams": 3,
                "amount": 3,
            },
        ],
        "checkins": [
            {
                "uid": "00000000-0000-4000-8000-00000000000c",
                "at": "2026-03-01T10:00:00Z",
                "side_effects": [{"code": "feeling_great"}],
            },
        ],
    }
    with pytest.raises(InvalidInput) as caught:
        transfer.import_file(user=alice, content=json.dumps(document).encode(), now=frozen_now)
    assert [e.field for e in caught.value.errors] == [
        "doses[1].uid",
        "doses[2].product_uid",
        "doses[3].taken_at",
        "checkins[0].side_effects[0].code",
    ]
    assert not m.Dose.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"{not json", "not valid JSON"), (b"[1, 2]", "JSON object"), (b'{"format": "other"}', "format")],
)
def test_malformed_files_are_refused_with_a_reason(alice, content, message):
    with pytest.raises(InvalidInput, match=message):
        transfer.import_file(user=alice, content=content)


def test_files_over_the_limit_are_refused_as_too_large(alice):
    with pytest.raises(TooLarge):
        transfer.import_file(user=alice, content=b"{}" * 100, max_bytes=50)


def test_a_psychonautwiki_export_imports_once(alice, frozen_now):
    content = (Path(__file__).parents[1] / "fixtures" / "psychonautwiki-journal.json").read_bytes()
    report = transfer.import_file(user=alice, content=content, now=frozen_now)
    assert report.source == "psychonautwiki"
    assert report.added["doses"] == 2 and report.added["substances"] == 2
    assert len(report.skipped) == 3  # a dose of unknown size, and Alex's and Sam's ingestions
    assert transfer.import_file(user=alice, content=content, now=frozen_now).total_added == 0


def test_csv_export_of_every_kind_with_every_field_filled_imports_back_unchanged(alice, bob, frozen_now):
    from speciosa.core.journal_format import LAB_FIELDS

    lab_figures = {name: (True if name.endswith("detected") else 1.5) for name in LAB_FIELDS}
    product = services.entry_create(
        user=alice,
        kind="products",
        values={
            "name": "Red Bali",
            "vendor": "V",
            "form": "capsules",
            "vein": "red",
            "strain": "Bali",
            "batch": "B1",
            "grams_per_capsule": 0.5,
            "purchased_on": "2026-02-01",
            "note": "n",
            "lab_report": "Lab X",
            **lab_figures,
        },
    )
    services.dose_create(user=alice, amount=4, unit="capsule", product_uid=product.uid, note='comma, "quote"')
    services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": frozen_now,
            "pain_now": 4,
            "peg_pain": 1,
            "peg_enjoyment": 2,
            "peg_activity": 3,
            "sleep_quality": 4,
            "mood": 5,
            "energy": 6,
            "note": "x",
            "side_effects": [{"code": "nausea", "severity": "severe", "text": "tingling; then cold: hands"}],
        },
    )
    services.entry_create(
        user=alice,
        kind="medications",
        values={
            "name": "duloxetine",
            "purpose": "p",
            "dose_text": "60 mg",
            "schedule": "am",
            "started_on": "2026-01-01",
            "stopped_on": "2026-02-01",
            "note": "n",
        },
    )
    services.entry_create(
        user=alice,
        kind="substances",
        values={
            "at": frozen_now,
            "kind": "alcohol",
            "substance": "wine",
            "standard_drinks": 2,
            "amount_text": "2 glasses",
        },
    )
    services.entry_create(
        user=alice, kind="therapies", values={"at": frozen_now, "kind": "exercise", "minutes": 30}
    )
    services.entry_create(
        user=alice,
        kind="labs",
        values={
            "taken_on": "2026-03-01",
            "test": "ALT",
            "value": 30,
            "unit": "U/L",
            "reference_low": 7,
            "reference_high": 56,
        },
    )
    original = transfer.journal_export(user=alice)
    for kind in ("products", "doses", "checkins", "medications", "substances", "therapies", "labs"):
        csv_text = transfer.journal_export_csv(user=alice, kind=kind, document=original)
        report = transfer.import_file(
            user=bob, content=csv_text.encode(), filename=f"{kind}.csv", now=frozen_now
        )
        assert report.added[kind] == 1, kind
    copied = transfer.journal_export(user=bob)
    for kind in ("products", "doses", "checkins", "medications", "substances", "therapies", "labs"):
        assert getattr(copied, kind) == getattr(original, kind), kind


def test_a_large_import_reports_progress_up_to_the_total(alice, frozen_now):
    doses = [
        {
            "uid": f"00000000-0000-4000-8000-{i:012d}",
            "taken_at": "2026-03-01T08:00:00Z",
            "grams": 3,
            "amount": 3,
        }
        for i in range(2500)
    ]
    seen = []
    document = {"format": "speciosa-journal", "version": 1, "doses": doses}
    transfer.import_file(
        user=alice,
        content=json.dumps(document).encode(),
        now=frozen_now,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (2500, 2500) and len(seen) >= 3
    assert m.Dose.objects.filter(user=alice).count() == 2500


def test_an_imported_profile_is_adopted_only_by_a_profile_still_at_its_defaults(alice, frozen_now, db):
    from speciosa.journal.selectors import profile_get

    carol = services.account_create(username="carol", password="correct horse battery")
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "profile": {"timezone": "Asia/Tokyo", "teaspoon_grams": 2.0},
    }
    assert transfer.import_file(user=carol, content=json.dumps(document).encode()).profile_updated
    assert profile_get(user=carol).timezone == "Asia/Tokyo"
    assert not transfer.import_file(user=alice, content=json.dumps(document).encode()).profile_updated
    assert profile_get(user=alice).timezone == "America/New_York"


def test_the_checkin_reminder_survives_a_round_trip_and_a_bad_one_refuses_the_import(alice, frozen_now, db):
    from speciosa.journal.selectors import profile_get

    services.profile_update(user=alice, checkin_reminder="21:15")
    exported = transfer.journal_export_json(user=alice, now=frozen_now)
    assert json.loads(exported)["profile"]["checkin_reminder"] == "21:15"
    carol = services.account_create(username="carol", password="correct horse battery")
    assert transfer.import_file(user=carol, content=exported, now=frozen_now).profile_updated
    assert profile_get(user=carol).checkin_reminder == time(21, 15)
    dave = services.account_create(username="dave", password="correct horse battery")
    bad = {"format": "speciosa-journal", "version": 1, "profile": {"checkin_reminder": "9pm"}}
    with pytest.raises(InvalidInput, match="checkin_reminder"):
        transfer.import_file(user=dave, content=json.dumps(bad).encode(), now=frozen_now)
    assert profile_get(user=dave).checkin_reminder is None


def test_a_binary_file_is_refused_as_not_text(alice):
    with pytest.raises(InvalidInput, match="UTF-8"):
        transfer.import_file(user=alice, content=b"\x89PNG\r\n\x1a\n\xff\xfe\x00")


def test_lab_report_figures_and_the_pregnancy_flag_survive_a_round_trip(alice, frozen_now, db):
    services.profile_update(user=alice, pregnant=True)
    services.entry_create(
        user=alice,
        kind="products",
        values={
            "name": "Tested powder",
            "lead_ppm": 0.5,
            "tamc_cfu_per_gram": 2e4,
            "salmonella_detected": False,
            "total_alkaloids_percent": 1.4,
            "lab_report": "Lab X #123, 2026-01-10",
        },
    )
    carol = services.account_create(username="carol", password="correct horse battery")
    transfer.import_file(user=carol, content=transfer.journal_export_json(user=alice), now=frozen_now)
    product = m.Product.objects.get(user=carol)
    assert (product.lead_ppm, product.tamc_cfu_per_gram, product.salmonella_detected) == (0.5, 2e4, False)
    assert product.lab_report == "Lab X #123, 2026-01-10"
    from speciosa.journal.selectors import profile_get

    assert profile_get(user=carol).pregnant


# --- every problem in one pass, and grams that contradict their amount ------------------------


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def dose(n: int, **values) -> dict:
    return {"uid": uid(n), "taken_at": "2026-03-01T08:00:00Z", "grams": 3, "amount": 3, **values}


def test_one_import_reports_bad_records_future_times_products_contradictions_and_side_effects_together(
    alice, frozen_now
):
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "doses": [
            dose(1),
            dose(2, grams=-1),
            dose(3, taken_at="2027-01-01T08:00:00Z"),
            dose(4, product_uid=uid(99)),
            dose(5, grams=200, amount=200, unit="mg"),
        ],
        "checkins": [
            {"uid": uid(6), "at": "2026-03-01T10:00:00Z", "pain_now": 11},
            {"uid": uid(7), "at": "2026-03-01T10:00:00Z", "side_effects": [{"code": "feeling_great"}]},
        ],
    }
    with pytest.raises(InvalidInput) as caught:
        transfer.import_file(user=alice, content=json.dumps(document).encode(), now=frozen_now)
    assert [e.field for e in caught.value.errors] == [
        "doses[1].grams",
        "doses[2].taken_at",
        "doses[3].product_uid",
        "doses[4].grams",
        "checkins[0].pain_now",
        "checkins[1].side_effects[0].code",
    ]
    assert not m.Dose.objects.exists() and not m.CheckIn.objects.exists()


def test_a_dose_whose_grams_contradict_its_amount_and_unit_is_refused_naming_the_row(alice, frozen_now):
    document = {"doses": [dose(1), dose(2), dose(3), dose(4, grams=200, amount=200, unit="mg")]}
    with pytest.raises(InvalidInput) as caught:
        transfer.import_file(user=alice, content=json.dumps(document).encode(), now=frozen_now)
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("doses[3].grams", "200 g contradicts the amount: 200 mg is 0.2 g")
    ]
    assert not m.Dose.objects.exists()


def test_teaspoons_weighed_by_the_journals_owner_import_into_a_journal_that_never_weighed_one(
    alice, bob, frozen_now
):
    services.profile_update(user=alice, teaspoon_grams=6.0)  # an unusually heavy teaspoon, but hers
    services.dose_create(user=alice, amount=2, unit="tsp")
    report = transfer.import_file(user=bob, content=transfer.journal_export_json(user=alice), now=frozen_now)
    assert report.added["doses"] == 1


def test_teaspoons_far_from_any_teaspoon_are_refused(alice, frozen_now):
    document = {"doses": [dose(1, unit="tsp", amount=3, grams=30)]}
    with pytest.raises(InvalidInput, match="3 tsp would be 10 g a teaspoon") as caught:
        transfer.import_file(user=alice, content=json.dumps(document).encode(), now=frozen_now)
    assert [e.field for e in caught.value.errors] == ["doses[0].grams"]
    services.profile_update(user=alice, teaspoon_grams=10.0)  # unless the person weighed such a teaspoon
    assert (
        transfer.import_file(user=alice, content=json.dumps(document).encode(), now=frozen_now).added["doses"]
        == 1
    )


def test_capsules_that_contradict_the_product_in_the_journal_are_refused(alice, frozen_now):
    product = services.entry_create(
        user=alice, kind="products", values={"name": "Caps", "grams_per_capsule": 0.5}
    )
    document = {"doses": [dose(1, unit="capsule", amount=6, grams=30, product_uid=str(product.uid))]}
    with pytest.raises(InvalidInput) as caught:
        transfer.import_file(user=alice, content=json.dumps(document).encode(), now=frozen_now)
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("doses[0].grams", "30 g contradicts the amount: 6 capsules of 0.5 g are 3 g")
    ]


def test_a_file_with_hundreds_of_bad_rows_reports_the_first_200_in_file_order(alice, frozen_now):
    document = {
        "doses": [dose(i, grams=-1) if i % 2 else dose(i, grams=9, amount=9, unit="mg") for i in range(400)]
    }
    with pytest.raises(InvalidInput) as caught:
        transfer.import_file(user=alice, content=json.dumps(document).encode(), now=frozen_now)
    places = [e.field for e in caught.value.errors]
    assert len(places) == transfer.MAX_REPORTED_ERRORS == 200
    assert (
        places[:3] == ["doses[0].grams", "doses[1].grams", "doses[2].grams"]
        and places[-1] == "doses[199].grams"
    )
    assert not m.Dose.objects.exists()


def test_a_clean_export_is_validated_whole_and_never_record_by_record(alice, bob, frozen_now, monkeypatch):
    from speciosa.core import journal_checks

    services.dose_create(user=alice, amount=2)
    exported = transfer.journal_export_json(user=alice, now=frozen_now)

    def record_by_record(data):
        raise AssertionError("a clean export took the slow path")

    monkeypatch.setattr(journal_checks, "validate_records", record_by_record)
    assert transfer.import_file(user=bob, content=exported, now=frozen_now).added["doses"] == 1


def test_the_demo_journals_still_import(bob, frozen_now):
    from speciosa.core.journal_format import JournalDocument
    from speciosa.demo.stories import CASE_STUDIES

    for case in CASE_STUDIES:
        content = JournalDocument.model_validate(case.journal(end=frozen_now)).model_dump_json().encode()
        assert transfer.import_file(user=bob, content=content, now=frozen_now).total_added > 0, case.key


def test_a_csv_side_effects_cell_nested_deep_is_refused_with_its_line(db):
    from speciosa.journal.csv_rows import csv_columns

    header = ",".join(csv_columns("checkins"))
    cell = '"' + "[" * 100_000 + '"'
    row = ",".join(cell if name == "side_effects" else "" for name in csv_columns("checkins"))
    with pytest.raises(InvalidInput, match="line 2: side_effects must be a JSON list"):
        transfer.journal_read(f"{header}\n{row}\n", filename="checkins.csv")
