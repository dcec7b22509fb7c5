from datetime import UTC, date, datetime

import pytest

from speciosa.journal import selectors, services


def at(*args):
    return datetime(*args, tzinfo=UTC)


def test_today_sums_the_persons_local_day_and_the_rolling_24_hours(alice, frozen_now):
    # frozen_now is 10:00 in New York on 7 March.
    services.dose_create(user=alice, amount=4, taken_at=at(2026, 3, 6, 16))  # yesterday 11:00 local, 23 h ago
    services.dose_create(user=alice, amount=3, taken_at=at(2026, 3, 7, 4, 30))  # 23:30 local on 6 March
    services.dose_create(user=alice, amount=2, taken_at=at(2026, 3, 7, 13))  # 08:00 local today
    today = selectors.today_get(user=alice, now=frozen_now)
    assert today.day == date(2026, 3, 7)
    assert [d.grams for d in today.doses] == [2]
    assert today.grams_today == 2
    assert today.grams_last_24h == 9 and today.doses_last_24h == 3
    assert today.last_dose.grams == 2


def test_history_groups_entries_by_local_day_across_the_dst_change(alice, frozen_now):
    with_dst = at(2026, 3, 9, 3, 59)  # 23:59 EDT on Sunday 8 March, the spring-forward day
    services.dose_create(user=alice, amount=3, taken_at=with_dst, now=with_dst)
    services.dose_create(
        user=alice, amount=2, taken_at=at(2026, 3, 8, 5, 30), now=with_dst
    )  # 00:30 EST same day
    services.entry_create(
        user=alice, kind="checkins", values={"at": at(2026, 3, 9, 4, 1), "pain_now": 5}, now=with_dst
    )
    days = selectors.history_days(user=alice, first=date(2026, 3, 7), last=date(2026, 3, 9))
    assert [(d.day, len(d.entries), d.grams) for d in days] == [
        (date(2026, 3, 9), 1, 0),
        (date(2026, 3, 8), 2, 5),
    ]


def test_history_search_finds_notes_and_product_names(alice, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Red Bali"})
    services.dose_create(user=alice, amount=3, product_uid=product.uid)
    services.dose_create(user=alice, amount=2, note="before physio")
    days = selectors.history_days(user=alice, first=date(2026, 3, 1), last=date(2026, 3, 7), search="bali")
    assert [e.grams for _, _, e in days[0].entries] == [3]
    days = selectors.history_days(user=alice, first=date(2026, 3, 1), last=date(2026, 3, 7), search="PHYSIO")
    assert [e.grams for _, _, e in days[0].entries] == [2]


def test_the_peg_score_is_the_mean_of_its_three_items_and_needs_all_three(alice, frozen_now):
    full = services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "peg_pain": 7, "peg_enjoyment": 6, "peg_activity": 4},
    )
    partial = services.entry_create(user=alice, kind="checkins", values={"at": frozen_now, "peg_pain": 7})
    assert full.peg_score == pytest.approx(5.67, abs=0.01)
    assert partial.peg_score is None


def test_medications_are_active_between_their_start_and_stop_dates(alice):
    services.entry_create(
        user=alice,
        kind="medications",
        values={"name": "oxycodone", "started_on": date(2026, 1, 1), "stopped_on": date(2026, 2, 1)},
    )
    services.entry_create(user=alice, kind="medications", values={"name": "duloxetine"})
    assert {m.name for m in selectors.medication_active(user=alice, on=date(2026, 1, 15))} == {
        "oxycodone",
        "duloxetine",
    }
    assert {m.name for m in selectors.medication_active(user=alice, on=date(2026, 2, 2))} == {"duloxetine"}


def test_lists_never_include_another_persons_entries(alice, bob, frozen_now):
    services.dose_create(user=alice, amount=3, note="alice's")
    services.dose_create(user=bob, amount=5, note="bob's")
    assert [d.note for d in selectors.entry_list(user=bob, kind="doses")] == ["bob's"]
    assert selectors.today_get(user=bob, now=frozen_now).grams_last_24h == 5
