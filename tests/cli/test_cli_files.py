import csv
import io
import json
import stat
from pathlib import Path

from speciosa.core.journal_format import ENTRY_KINDS
from speciosa.journal import models as m
from speciosa.journal import services, transfer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def alice_journal(alice, now):
    product = services.entry_create(
        user=alice, kind="products", values={"name": "Maeng Da", "grams_per_capsule": 0.5}
    )
    services.dose_create(user=alice, amount=6, unit="capsule", product_uid=product.uid, note="ünïcode ✓")
    services.dose_create(user=alice, amount=2)
    services.entry_create(
        user=alice, kind="checkins", values={"at": now, "pain_now": 5, "side_effects": [{"code": "nausea"}]}
    )


def test_import_shows_progress_and_a_summary_and_adds_nothing_the_second_time(
    alice, bob, speciosa, frozen_now, tmp_path
):
    alice_journal(alice, frozen_now)
    exported = tmp_path / "alice.json"
    exported.write_bytes(transfer.journal_export_json(user=alice))
    result = speciosa("import", str(exported), "--user", "bob")
    assert result.exit_code == 0, result.stderr
    assert "Importing alice.json" in result.stderr and "4/4" in result.stderr
    assert "Read a speciosa JSON export: added 4 entries, 0 already in your journal." in result.stdout
    assert m.Dose.objects.filter(user=bob).count() == 2
    again = json.loads(speciosa("import", str(exported), "--user", "bob", "--format", "json").stdout)
    assert sum(again["added"].values()) == 0 and again["already_present"]["doses"] == 2
    assert m.Dose.objects.filter(user=bob).count() == 2


def test_import_lists_every_bad_row_and_imports_nothing(alice, speciosa, frozen_now, tmp_path):
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
                "taken_at": "2026-03-01T10:00:00",
                "grams": 3,
                "amount": 3,
            },
        ],
    }
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    result = speciosa("import", str(bad))
    assert result.exit_code == 1
    assert "doses[1].grams: Input should be greater than 0" in result.stderr
    assert "doses[2].taken_at: " in result.stderr
    assert "Nothing was imported." in result.stderr
    assert not m.Dose.objects.exists()


def test_import_says_what_is_wrong_with_a_file_that_is_not_a_journal(alice, speciosa, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "speciosa-journal", ')
    result = speciosa("import", str(broken))
    assert result.exit_code == 1
    assert "file: is not valid JSON" in result.stderr and "Nothing was imported." in result.stderr
    result = speciosa("import", str(tmp_path / "missing.json"))
    assert result.exit_code == 1 and "file: there is no file at" in result.stderr


def test_import_refuses_a_file_over_the_size_limit(alice, speciosa, tmp_path, settings):
    settings.MAX_IMPORT_BYTES = 10
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"format": "speciosa-journal", "version": 1}))
    result = speciosa("import", str(big))
    assert result.exit_code == 1 and "file: " in result.stderr and "Nothing was imported." in result.stderr


def test_import_reads_a_psychonautwiki_journal_export(alice, speciosa, frozen_now):
    result = speciosa("import", str(FIXTURES / "psychonautwiki-journal.json"))
    assert result.exit_code == 0, result.stderr
    assert "Read a PsychonautWiki Journal export" in result.stdout
    assert "Skipped: " in result.stdout and "unknown dose" in result.stdout
    assert "logged for Alex (consumerName), not imported" in result.stdout
    assert m.Dose.objects.filter(user=alice).count() == 2
    assert m.SubstanceUse.objects.filter(user=alice).exists()


def test_import_reads_a_speciosa_csv_file(alice, bob, speciosa, frozen_now, tmp_path):
    services.dose_create(user=alice, amount=2, note="from the CSV")
    doses = tmp_path / "doses.csv"
    doses.write_text(transfer.journal_export_csv(user=alice, kind="doses"))
    result = speciosa("import", str(doses), "--user", "bob")
    assert result.exit_code == 0, result.stderr
    assert "Read a speciosa CSV file: added 1 entry" in result.stdout
    assert m.Dose.objects.get(user=bob).note == "from the CSV"


def test_import_refuses_doses_naming_a_product_the_journal_lacks(alice, bob, speciosa, frozen_now, tmp_path):
    alice_journal(alice, frozen_now)
    doses = tmp_path / "doses.csv"
    doses.write_text(transfer.journal_export_csv(user=alice, kind="doses"))
    result = speciosa("import", str(doses), "--user", "bob")
    assert result.exit_code == 1
    assert (
        "doses[0].product_uid: names a product that is in neither this file nor your journal" in result.stderr
    )
    assert not m.Dose.objects.filter(user=bob).exists()


def test_export_writes_the_journal_as_json_to_stdout(alice, speciosa, frozen_now):
    alice_journal(alice, frozen_now)
    result = speciosa("export")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "speciosa-journal" and len(document["doses"]) == 2
    assert document["doses"][0]["note"] == "ünïcode ✓"


def test_export_to_a_file_is_readable_by_its_owner_only_and_not_overwritten(
    alice, speciosa, frozen_now, tmp_path
):
    alice_journal(alice, frozen_now)
    target = tmp_path / "journal.json"
    assert speciosa("export", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["profile"]["timezone"] == "America/New_York"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = speciosa("export", "-o", str(target))
    assert again.exit_code == 1 and "output: " in again.stderr and "--overwrite" in again.stderr
    assert speciosa("export", "-o", str(target), "--overwrite").exit_code == 0


def test_export_csv_of_one_kind(alice, speciosa, frozen_now):
    alice_journal(alice, frozen_now)
    rows = list(
        csv.DictReader(io.StringIO(speciosa("export", "--format", "csv", "--kind", "checkins").stdout))
    )
    assert [(r["pain_now"], json.loads(r["side_effects"])) for r in rows] == [
        ("5", [{"code": "nausea", "severity": "mild", "text": ""}])
    ]


def test_export_csv_without_kind_writes_one_file_per_kind_into_a_directory(
    alice, speciosa, frozen_now, tmp_path
):
    alice_journal(alice, frozen_now)
    result = speciosa("export", "--format", "csv", "-o", str(tmp_path / "csv"))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{k}.csv" for k in ENTRY_KINDS)
    assert len(list(csv.DictReader((tmp_path / "csv" / "doses.csv").open()))) == 2


def test_export_explains_options_that_do_not_fit_together(alice, speciosa):
    result = speciosa("export", "--format", "csv")
    assert (
        result.exit_code == 1
        and "output: CSV needs --kind KIND for one file, or -o DIRECTORY" in result.stderr
    )
    result = speciosa("export", "--kind", "doses")
    assert result.exit_code == 1 and "kind: JSON holds the whole journal" in result.stderr
    result = speciosa("export", "--format", "csv", "--kind", "pills")
    assert result.exit_code == 1 and "kind: unknown kind 'pills'; use one of products, doses" in result.stderr


def test_export_holds_nobody_elses_entries(alice, bob, speciosa, frozen_now):
    alice_journal(alice, frozen_now)
    document = json.loads(speciosa("export", "--user", "bob").stdout)
    assert all(document[kind] == [] for kind in ENTRY_KINDS)


def test_import_refuses_a_dose_whose_grams_contradict_its_amount_naming_the_row(
    alice, speciosa, frozen_now, tmp_path
):
    good = {
        "uid": "00000000-0000-4000-8000-000000000001",
        "taken_at": "2026-03-01T08:00:00Z",
        "grams": 3,
        "amount": 3,
    }
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "doses": [
                    good,
                    {
                        **good,
                        "uid": "00000000-0000-4000-8000-000000000002",
                        "grams": 200,
                        "amount": 200,
                        "unit": "mg",
                    },
                ]
            }
        )
    )
    result = speciosa("import", str(bad))
    assert result.exit_code == 1
    assert "doses[1].grams: 200 g contradicts the amount: 200 mg is 0.2 g" in result.stderr
    assert "Nothing was imported." in result.stderr and not m.Dose.objects.exists()


def test_import_refuses_a_file_nested_a_hundred_thousand_deep_with_a_clear_error(alice, speciosa, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "speciosa-journal", "doses": ' + "[" * 100_000)
    result = speciosa("import", str(deep))
    assert result.exit_code == 1
    assert "file: nests arrays and objects more than 200 levels deep" in result.stderr
    assert "Nothing was imported." in result.stderr and "Traceback" not in result.stderr
    assert not m.Dose.objects.exists()
