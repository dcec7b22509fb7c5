import csv
import io
import json
from datetime import timedelta

from speciosa.journal import services


def test_today_shows_todays_doses_with_a_running_total(alice, speciosa, frozen_now):
    services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(hours=20))  # yesterday, local
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=2))
    services.dose_create(user=alice, amount=1.5, note="with tea")
    services.entry_create(user=alice, kind="checkins", values={"at": frozen_now, "pain_now": 4})
    result = speciosa("today")
    assert result.exit_code == 0, result.stderr
    assert "Today, Saturday 7 March 2026 (America/New_York)" in result.stdout
    assert "08:00" in result.stdout and "10:00" in result.stdout and "with tea" in result.stdout
    assert "Today so far: 4.5 g in 2 doses." in result.stdout
    assert "Last 24 hours: 6.5 g in 3 doses." in result.stdout
    assert "Last check-in: 2026-03-07 10:00, pain 4." in result.stdout


def test_today_as_json_and_csv(alice, speciosa, frozen_now):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=2))
    services.dose_create(user=alice, amount=1)
    today = json.loads(speciosa("today", "--format", "json").stdout)
    assert today["day"] == "2026-03-07" and today["timezone"] == "America/New_York"
    assert [d["total_today"] for d in today["doses"]] == [3.0, 4.0]
    assert today["last_checkin"] is None
    rows = list(csv.DictReader(io.StringIO(speciosa("today", "--format", "csv").stdout)))
    assert [(r["grams"], r["total_today"]) for r in rows] == [("3.0", "3.0"), ("1.0", "4.0")]


def test_csv_output_guards_a_note_a_spreadsheet_would_run_and_leaves_numbers_alone(
    alice, speciosa, frozen_now
):
    earlier, later = frozen_now - timedelta(hours=2), frozen_now - timedelta(hours=1)
    services.dose_create(user=alice, amount=1, taken_at=earlier, note='=HYPERLINK("http://evil.example","c")')
    services.dose_create(user=alice, amount=2, taken_at=later, note="-2 g less than usual")
    rows = list(csv.DictReader(io.StringIO(speciosa("today", "--format", "csv").stdout)))
    assert [r["note"] for r in rows] == ['\'=HYPERLINK("http://evil.example","c")', "'-2 g less than usual"]
    assert [r["grams"] for r in rows] == ["1.0", "2.0"]


def test_today_draws_the_dose_timeline_in_words_and_as_json(alice, speciosa, frozen_now):
    dose = services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=1))
    result = speciosa("today", env={"COLUMNS": "200"})
    assert "Dose timeline, the last 24 hours" in result.stdout
    assert "09:00 3 g (effects expected now): felt effects start" in result.stdout
    assert "mitragynine stays in the blood for days" in result.stdout
    [placed] = json.loads(speciosa("today", "--format", "json").stdout)["timeline"]["doses"]
    assert placed["uid"] == str(dose.uid) and placed["active_now"] is True and placed["sources"]


def test_today_with_nothing_logged_says_so(alice, speciosa, frozen_now):
    result = speciosa("today")
    assert result.exit_code == 0
    assert "No doses today." in result.stdout


def test_history_lists_every_kind_day_by_day_within_the_window(alice, speciosa, frozen_now):
    services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(days=3), note="old batch")
    services.entry_create(
        user=alice, kind="therapies", values={"at": frozen_now, "kind": "exercise", "minutes": 30}
    )
    services.entry_create(
        user=alice,
        kind="substances",
        values={"at": frozen_now, "kind": "alcohol", "substance": "beer", "standard_drinks": 2},
    )
    services.dose_create(user=alice, amount=9, taken_at=frozen_now - timedelta(days=40))
    result = speciosa("history")
    assert result.exit_code == 0, result.stderr
    assert "2026-03-04" in result.stdout and "old batch" in result.stdout
    assert "Exercise, 30 min" in result.stdout and "Alcohol: beer, 2 standard drinks" in result.stdout
    assert "9 g" not in result.stdout
    assert "2026-02-06 to 2026-03-07: 3 entries on 2 days." in result.stdout


def test_history_between_dates_as_json_groups_entries_by_day(alice, speciosa, frozen_now):
    services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(days=40))
    services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(days=40, hours=1))
    services.dose_create(user=alice, amount=1)
    days = json.loads(
        speciosa("history", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "json").stdout
    )
    assert [(d["day"], d["grams"], len(d["entries"])) for d in days] == [("2026-01-26", 6.0, 2)]
    assert days[0]["entries"][0]["record"]["grams"] == 2.0


def test_history_search_finds_notes(alice, speciosa, frozen_now):
    services.dose_create(user=alice, amount=4, note="felt nauseous")
    services.dose_create(user=alice, amount=2, note="fine")
    rows = list(
        csv.DictReader(io.StringIO(speciosa("history", "--search", "nause", "--format", "csv").stdout))
    )
    assert [r["note"] for r in rows] == ["felt nauseous"]


def test_history_refuses_a_backwards_or_malformed_range(alice, speciosa, frozen_now):
    result = speciosa("history", "--from", "2026-03-05", "--to", "2026-03-01")
    assert result.exit_code == 1 and "from: 2026-03-05 is after --to 2026-03-01" in result.stderr
    result = speciosa("history", "--from", "March")
    assert result.exit_code == 1 and "from: 'March' is not a date" in result.stderr
    result = speciosa("history", "--days", "0")
    assert result.exit_code == 1 and "days: must be 1 or more" in result.stderr


def test_history_spans_at_most_the_days_the_history_page_and_the_api_allow(alice, speciosa, frozen_now):
    assert speciosa("history", "--days", "366").exit_code == 0
    result = speciosa("history", "--from", "2025-03-06", "--to", "2026-03-07")
    assert result.exit_code == 1 and "days: at most 366 days at a time" in result.stderr
    assert "speciosa export" in result.stderr


def test_history_shows_nobody_elses_entries(alice, bob, speciosa, frozen_now):
    services.dose_create(user=bob, amount=4, note="bob's secret")
    result = speciosa("history", "--user", "alice", "--format", "json")
    assert json.loads(result.stdout) == []


def test_products_lists_active_products_and_archived_ones_on_request(alice, speciosa, frozen_now):
    services.entry_create(
        user=alice, kind="products", values={"name": "Maeng Da", "vendor": "Acme", "form": "capsules"}
    )
    services.entry_create(user=alice, kind="products", values={"name": "Old Red", "archived": True})
    result = speciosa("products")
    assert result.exit_code == 0, result.stderr
    assert "Maeng Da" in result.stdout and "Acme" in result.stdout and "Old Red" not in result.stdout
    products = json.loads(speciosa("products", "--archived", "--format", "json").stdout)
    assert sorted((p["name"], p["archived"]) for p in products) == [("Maeng Da", False), ("Old Red", True)]


def test_products_with_none_says_how_to_add_one(alice, speciosa):
    assert "No products yet" in speciosa("products").stdout
