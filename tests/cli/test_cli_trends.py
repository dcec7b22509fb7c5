"""`speciosa trends`: the Trends page's numbers and sentences in a terminal (alice: New York, 7 March 2026)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from speciosa.journal import services


def test_trends_print_the_mean_grams_per_dose_and_the_same_sentences_as_the_api(alice, speciosa, frozen_now):
    services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(days=1, hours=2))
    services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(days=1))
    services.entry_create(
        user=alice,
        kind="medications",
        values={"name": "Oxycodone", "started_on": date(2026, 3, 1), "stopped_on": date(2026, 3, 6)},
    )
    result = speciosa("trends", "--from", "2026-03-01", "--to", "2026-03-07", "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert (found["first"], found["last"], found["range"]) == ("2026-03-01", "2026-03-07", "custom")
    march_6 = found["series"][-2]
    assert (march_6["grams"], march_6["doses"], march_6["grams_per_dose"], march_6["rolling_grams"]) == (
        6,
        2,
        3,
        6,
    )
    oxycodone = next(lane for lane in found["lanes"] if lane["group"] == "medication")
    assert oxycodone["intervals"][0]["dose_days"] == 1
    table = speciosa("trends", "--from", "2026-03-01", "--to", "2026-03-07").stdout
    assert "Oxycodone (1 Mar 2026 to 6 Mar 2026): kratom on 1 of its 6 days here." in " ".join(table.split())


def test_trends_refuse_a_window_that_is_not_offered_and_a_backwards_span(alice, speciosa, frozen_now):
    result = speciosa("trends", "--days", "7")
    assert result.exit_code == 1 and "30, 90 or 365" in result.stderr
    result = speciosa("trends", "--from", "2026-03-05", "--to", "2026-03-01")
    assert result.exit_code == 1 and "--from" in result.stderr and "on or before" in result.stderr
