"""Planning a taper from the person's own journal, acting on it, and reading where it stands: the
defaults come from the journal, a start above the recent amount or a teaspoon without its weight is
refused naming the field, one plan at a time, actions only in the right state, a note when the product
changes, and every read scoped to its owner."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from speciosa.core.errors import InvalidInput, NotFound
from speciosa.journal import models as m
from speciosa.journal import selfchecks, services, taper

TODAY = date(2026, 3, 7)  # the frozen now's day in New York


def _days(user, now, *, grams=4.0, doses=3, days=14, product=None):
    """`doses` doses of `grams` on each of the `days` days before today."""
    rows = [
        m.Dose(
            user=user,
            taken_at=now - timedelta(days=back, hours=2 * i),
            grams=grams,
            amount=grams,
            unit="g",
            product=product,
        )
        for back in range(1, days + 1)
        for i in range(doses)
    ]
    m.Dose.objects.bulk_create(rows)


def _errors(excinfo) -> dict[str, str]:
    return {e.field: e.message for e in excinfo.value.errors}


@pytest.fixture
def planned(alice, frozen_now):
    _days(alice, frozen_now)
    return taper.taper_plan(user=alice, now=frozen_now)


def test_defaults_come_from_the_journal_the_recent_median_the_doses_a_day_and_long_term_use(
    alice, frozen_now
):
    _days(alice, frozen_now, grams=4.0, doses=3, days=400)
    defaults = taper.taper_defaults(user=alice, now=frozen_now)
    assert defaults.recent_grams == 12.0
    assert defaults.doses_per_day == 3
    assert defaults.long_term and defaults.dosed_share >= 0.8
    assert defaults.today == TODAY


def test_a_few_months_of_use_is_not_long_term_and_an_empty_journal_has_no_recent_amount(
    alice, bob, frozen_now
):
    _days(alice, frozen_now, days=100)
    assert not taper.taper_defaults(user=alice, now=frozen_now).long_term
    empty = taper.taper_defaults(user=bob, now=frozen_now)
    assert empty.recent_grams is None and empty.doses_per_day == 1
    with pytest.raises(InvalidInput) as excinfo:
        taper.taper_preview(user=bob, now=frozen_now)
    assert "start_grams" in _errors(excinfo)


def test_a_preview_starts_from_the_recent_amount_split_into_the_usual_doses(alice, frozen_now):
    _days(alice, frozen_now, grams=5.0, doses=3)
    draft = taper.taper_preview(user=alice, now=frozen_now)
    assert draft.spec.start_grams == 15.0 and draft.spec.doses_per_day == 3
    assert [s.grams for s in draft.steps[:4]] == [13.5, 12.25, 11.0, 10.0]
    assert draft.steps[1].doses == (4.25, 4.0, 4.0)
    assert draft.finish_on == TODAY + timedelta(days=draft.total_days - 1)
    assert not m.TaperPlan.objects.exists()


def test_a_start_above_the_recent_amount_is_refused_naming_the_field(alice, frozen_now):
    _days(alice, frozen_now)  # 12 g a day
    with pytest.raises(InvalidInput) as excinfo:
        taper.taper_plan(user=alice, start_grams=14.0, now=frozen_now)
    assert "never above it" in _errors(excinfo)["start_grams"]
    assert taper.taper_plan(user=alice, start_grams=13.0, now=frozen_now)  # within the 10% margin


def test_bad_choices_are_refused_each_naming_its_field(alice, frozen_now):
    _days(alice, frozen_now)
    with pytest.raises(InvalidInput) as excinfo:
        taper.taper_preview(
            user=alice,
            pace="fast",
            measure_grams=0.3,
            doses_per_day=0,
            target_grams=20,
            start_on=TODAY - timedelta(days=1),
            now=frozen_now,
        )
    assert set(_errors(excinfo)) == {"pace", "measure_grams", "doses_per_day", "target_grams", "start_on"}


def test_a_teaspoon_plan_needs_the_teaspoons_weight_and_then_counts_quarter_teaspoons(alice, frozen_now):
    _days(alice, frozen_now)
    with pytest.raises(InvalidInput) as excinfo:
        taper.taper_preview(user=alice, measure="tsp", now=frozen_now)
    assert "teaspoon" in _errors(excinfo)["measure"]
    services.profile_update(user=alice, teaspoon_grams=2.0)
    draft = taper.taper_preview(user=alice, measure="tsp", now=frozen_now)
    assert draft.spec.measure_grams == 0.5 and draft.spec.start_grams == 12.0


def test_one_active_plan_at_a_time(alice, planned, frozen_now):
    with pytest.raises(InvalidInput) as excinfo:
        taper.taper_plan(user=alice, now=frozen_now)
    assert "end it before planning another" in _errors(excinfo)["start_on"]
    taper.taper_act(user=alice, uid=planned.uid, action="end", now=frozen_now)
    assert taper.taper_plan(user=alice, now=frozen_now + timedelta(days=1))


def test_a_plan_is_read_back_day_by_day_with_todays_target_and_logged_grams(alice, planned, frozen_now):
    view = taper.taper_view(user=alice, uid=planned.uid, now=frozen_now)
    assert view.state == "running" and view.target_today == 10.75  # 12 g less about a tenth: 43 units
    services.dose_create(user=alice, amount=12.5, now=frozen_now)
    later = taper.taper_view(user=alice, uid=planned.uid, now=frozen_now + timedelta(days=1))
    assert later.progress.days[0].logged == 12.5 and later.progress.days[0].over
    assert "above the day's target" in later.over_words
    assert taper.taper_active(user=alice, now=frozen_now).plan == planned
    assert taper.taper_latest(user=alice, now=frozen_now).plan == planned


def test_actions_are_refused_when_the_plan_is_not_in_their_state(alice, planned, frozen_now):
    with pytest.raises(InvalidInput) as excinfo:
        taper.taper_act(user=alice, uid=planned.uid, action="resume", now=frozen_now)
    assert "cannot resume a plan that is under way" in _errors(excinfo)["action"]
    with pytest.raises(InvalidInput) as excinfo:
        taper.taper_act(user=alice, uid=planned.uid, action="jump", now=frozen_now)
    assert "action" in _errors(excinfo)
    paused = taper.taper_act(user=alice, uid=planned.uid, action="pause", note="a hard week", now=frozen_now)
    assert paused.state == "paused" and paused.progress.pause_reason.endswith("a hard week")
    with pytest.raises(InvalidInput) as excinfo:
        taper.taper_act(user=alice, uid=planned.uid, action="pause", now=frozen_now)
    assert "action" in _errors(excinfo)
    held = taper.taper_act(user=alice, uid=planned.uid, action="hold", now=frozen_now)
    assert held.progress.current.step.hold_days == 14
    assert taper.taper_act(user=alice, uid=planned.uid, action="resume", now=frozen_now).state == "running"
    ended = taper.taper_act(user=alice, uid=planned.uid, action="end", now=frozen_now + timedelta(days=2))
    assert ended.state == "ended"
    with pytest.raises(InvalidInput) as excinfo:
        taper.taper_act(user=alice, uid=planned.uid, action="end", now=frozen_now + timedelta(days=2))
    assert "action" in _errors(excinfo)
    assert taper.taper_active(user=alice, now=frozen_now + timedelta(days=2)) is None


def test_a_sharp_rise_in_the_withdrawal_score_pauses_the_plan_read_from_the_journal(
    alice, planned, frozen_now
):
    day2 = frozen_now + timedelta(days=2)
    selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[0] * 16, now=frozen_now)
    selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[1] * 16, now=day2)
    view = taper.taper_view(user=alice, uid=planned.uid, now=day2)
    assert view.state == "paused" and "rose from 0 to 16" in view.progress.pause_reason
    assert view.latest_sows.result.total == 16


def _product(user, name, percent=None):
    values = {"name": name, "mitragynine_percent": percent} if percent else {"name": name}
    return services.entry_create(user=user, kind="products", values=values)


def test_a_note_on_potency_when_the_product_changes_with_lab_figures(alice, frozen_now):
    old, new = _product(alice, "Red Bali", 1.6), _product(alice, "Green Malay", 2.0)
    _days(alice, frozen_now, product=old)
    plan = taper.taper_plan(user=alice, now=frozen_now)
    assert taper.taper_view(user=alice, uid=plan.uid, now=frozen_now).potency is None
    services.dose_create(user=alice, amount=3, product_uid=new.uid, now=frozen_now)
    potency = taper.taper_view(user=alice, uid=plan.uid, now=frozen_now).potency
    assert potency.product == "Green Malay"
    assert potency.grams == 8.5  # 10.75 g at 1.6% is 172 mg: 8.6 g at 2.0%, to the nearest 0.25 g
    assert "172 mg of mitragynine" in potency.words


def test_a_note_on_potency_without_lab_figures_says_the_grams_may_differ(alice, frozen_now):
    old, new = _product(alice, "Red Bali"), _product(alice, "White Borneo")
    _days(alice, frozen_now, product=old)
    plan = taper.taper_plan(user=alice, now=frozen_now)
    services.dose_create(user=alice, amount=3, product_uid=new.uid, now=frozen_now)
    potency = taper.taper_view(user=alice, uid=plan.uid, now=frozen_now).potency
    assert potency.grams is None and "may not be the same amount" in potency.words


def test_another_persons_plan_is_not_found(alice, bob, planned, frozen_now):
    with pytest.raises(NotFound):
        taper.taper_view(user=bob, uid=planned.uid, now=frozen_now)
    with pytest.raises(NotFound):
        taper.taper_act(user=bob, uid=planned.uid, action="end", now=frozen_now)
    with pytest.raises(NotFound):
        taper.taper_delete(user=bob, uid=planned.uid)
    with pytest.raises(NotFound):
        taper.taper_get(user=alice, uid="not-a-uid")
    assert taper.taper_list(user=bob) == [] and taper.taper_active(user=bob, now=frozen_now) is None
    assert taper.taper_delete(user=alice, uid=planned.uid).uid == planned.uid
    assert not m.TaperEvent.objects.exists() and m.Dose.objects.filter(user=alice).count() == 42


def test_a_plan_starting_later_is_planned_and_active(alice, frozen_now):
    _days(alice, frozen_now)
    plan = taper.taper_plan(user=alice, start_on=TODAY + timedelta(days=3), now=frozen_now)
    view = taper.taper_active(user=alice, now=frozen_now)
    assert view.plan == plan and view.state == "planned" and view.target_today is None
    assert taper.taper_act(user=alice, uid=plan.uid, action="end", now=frozen_now).state == "ended"


def test_the_view_says_amounts_as_the_person_measures_them(alice, frozen_now):
    _days(alice, frozen_now)
    services.profile_update(user=alice, teaspoon_grams=2.0)
    plan = taper.taper_plan(user=alice, measure="tsp", now=frozen_now)
    view = taper.taper_view(user=alice, uid=plan.uid, now=frozen_now)
    assert view.in_measure(5.0) == "2½ tsp (5.0 g)"
    assert view.in_measure(0.5) == "¼ tsp (0.5 g)"
    assert view.measure_label == "quarter teaspoons (0.5 g each)"


def test_the_plans_day_is_the_persons_local_day(alice, planned):
    late_evening = datetime(2026, 3, 8, 3, 30, tzinfo=UTC)  # 22:30 on 7 March in New York
    assert taper.taper_view(user=alice, uid=planned.uid, now=late_evening).today == TODAY
