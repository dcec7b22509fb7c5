"""Cutting down: planning a taper from the form (filled from the journal, a preview of the whole
schedule, then Start), field errors, following a plan (pause, resume, a bad day, hold, slow, end),
the taper card on Today, the plan on Trends, and nobody else reaching a plan."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from speciosa.journal import selectors, selfchecks, services, taper


def _usual(user, now, grams: float = 4, doses: int = 2) -> None:
    """Fourteen days of the same daily amount, in `doses` doses."""
    for back in range(1, 15):
        for n in range(doses):
            services.dose_create(
                user=user, amount=grams / doses, taken_at=now - timedelta(days=back, hours=n * 5), now=now
            )


def _form(now, **changes) -> dict[str, str]:
    data = {
        "start_grams": "4",
        "doses_per_day": "2",
        "measure": "g",
        "measure_grams": "0.25",
        "pace": "standard",
        "target_grams": "0",
        "start_on": now.date().isoformat(),
    }
    data.update(changes)
    return data


def _plan(user, now, **choices):
    return taper.taper_plan(user=user, start_grams=4, doses_per_day=2, now=now, **choices)


def page(response) -> str:
    return response.content.decode()


def test_the_form_is_filled_from_the_journal(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    html = page(alice_client.get(reverse("web:taper")))
    assert "Plan a gradual taper" in html
    assert 'name="start_grams" value="4.0"' in html or 'name="start_grams" value="4"' in html
    assert 'name="doses_per_day" value="2"' in html
    assert "From your journal: 4.0 g a day" in html or "From your journal: 4 g a day" in html
    assert "Stopping suddenly is not part of any plan here" in html


def test_preview_shows_the_whole_schedule_and_stores_nothing(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    html = page(alice_client.post(reverse("web:taper"), {**_form(frozen_now), "preview": "1"}))
    assert "Your plan, step by step" in html
    assert "3.5 g" in html and "1.75 g + 1.75 g" in html  # step 1: about 10% lower, in two doses
    assert 'class="chart staircase"' in html
    assert "Start this plan" in html
    assert taper.taper_list(user=alice) == []


def test_start_stores_the_plan_and_shows_todays_target(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    response = alice_client.post(reverse("web:taper"), {**_form(frozen_now), "start": "1"}, follow=True)
    html = page(response)
    assert len(taper.taper_list(user=alice)) == 1
    assert "Under way" in html and "Your plan's target today" in html
    assert "Hold this step 7 more days" in html and "Pause" in html and "End this plan" in html
    assert "withdrawal may start within about a day".lower() in html.lower() and "Low certainty" in html


def test_errors_name_the_field(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    html = page(
        alice_client.post(reverse("web:taper"), {**_form(frozen_now, start_grams="9"), "preview": "1"})
    )
    assert "Nothing was planned." in html
    assert 'href="#id_start_grams">Grams a day now</a>: is more than your recent daily amount' in html
    html = page(
        alice_client.post(reverse("web:taper"), {**_form(frozen_now, start_on="2020-01-01"), "start": "1"})
    )
    assert "First day</a>: is in the past" in html
    assert taper.taper_list(user=alice) == []


def test_pause_resume_bad_day_hold_slow_and_end_change_the_plan(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    plan = _plan(alice, frozen_now, measure_grams=0.1)
    act = reverse("web:taper_act", kwargs={"uid": plan.uid})
    html = page(alice_client.post(act, {"action": "pause", "note": "a busy week"}, follow=True))
    assert "since 7 Mar: You paused the plan: a busy week" in html
    assert taper.taper_view(user=alice, uid=plan.uid).state == "paused"
    alice_client.post(act, {"action": "resume"})
    assert taper.taper_view(user=alice, uid=plan.uid).state == "running"
    alice_client.post(act, {"action": "hold", "days": "7"})
    assert taper.taper_view(user=alice, uid=plan.uid).progress.current.step.hold_days == 14
    before = len(taper.taper_view(user=alice, uid=plan.uid).progress.steps)
    alice_client.post(act, {"action": "slow"})
    assert len(taper.taper_view(user=alice, uid=plan.uid).progress.steps) > before
    html = page(alice_client.post(act, {"action": "bad_day"}, follow=True))
    assert "a bad day" in html and taper.taper_view(user=alice, uid=plan.uid).state == "paused"
    end = reverse("web:taper_end", kwargs={"uid": plan.uid})
    assert "End this plan?" in page(alice_client.get(end))
    assert taper.taper_view(user=alice, uid=plan.uid).state == "paused"  # asking changes nothing
    html = page(alice_client.post(end, follow=True))
    assert taper.taper_view(user=alice, uid=plan.uid).state == "ended"
    assert "Past plans" in html and "Plan a gradual taper" in html


def test_an_action_the_plan_cannot_take_changes_nothing(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    plan = _plan(alice, frozen_now)
    html = page(
        alice_client.post(
            reverse("web:taper_act", kwargs={"uid": plan.uid}), {"action": "resume"}, follow=True
        )
    )
    assert "Nothing changed" in html and "under way" in html
    assert taper.taper_view(user=alice, uid=plan.uid).state == "running"


def test_a_past_plan_is_deleted_after_a_confirm_page(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    plan = _plan(alice, frozen_now)
    taper.taper_act(user=alice, uid=plan.uid, action="end", now=frozen_now)
    delete = reverse("web:taper_delete", kwargs={"uid": plan.uid})
    assert "Delete this plan?" in page(alice_client.get(delete))
    assert len(taper.taper_list(user=alice)) == 1
    alice_client.post(delete)
    assert taper.taper_list(user=alice) == []
    assert selectors.entry_list(user=alice, kind="doses").count() == 28  # the doses stay


def test_the_plan_page_draws_the_staircase_and_the_withdrawal_scores(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    _plan(alice, frozen_now)
    selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[1] * 16, now=frozen_now)
    html = page(alice_client.get(reverse("web:taper")))
    assert 'id="taper-stairs-card"' in html and 'class="line tread target"' in html
    assert 'id="taper-sows-card"' in html and "the latest 16 of 64" in html


def test_today_shows_the_taper_card_only_with_an_active_plan(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    assert "Taper plan" not in page(alice_client.get(reverse("web:today")))
    plan = _plan(alice, frozen_now)
    services.dose_create(user=alice, amount=1.5, now=frozen_now)
    html = page(alice_client.get(reverse("web:today")))
    assert "Taper plan" in html
    assert "Today's target <strong>3.5 g</strong> · logged <strong>1.5 g</strong>" in html
    assert "<progress" in html and "Step 1 of" in html
    assert reverse("web:selfcheck_sows") in html
    taper.taper_act(user=alice, uid=plan.uid, action="pause", note="travel", now=frozen_now)
    html = page(alice_client.get(reverse("web:today")))
    assert "Paused" in html and "travel" in html and "Resume the plan" in html
    taper.taper_act(user=alice, uid=plan.uid, action="end", now=frozen_now)
    assert "Taper plan" not in page(alice_client.get(reverse("web:today")))


def test_trends_shows_the_plan(alice, alice_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    assert "Your taper plan" not in page(alice_client.get(reverse("web:trends")))
    _plan(alice, frozen_now)
    html = page(alice_client.get(reverse("web:trends")))
    assert "Your taper plan" in html
    assert 'id="trends-taper-stairs-card"' in html and 'id="trends-taper-sows-card"' in html


def test_another_person_gets_404_for_a_plan(alice, bob_client, frozen_now) -> None:
    _usual(alice, frozen_now)
    plan = _plan(alice, frozen_now)
    for name in ("taper_plan", "taper_end", "taper_delete"):
        assert bob_client.get(reverse(f"web:{name}", kwargs={"uid": plan.uid})).status_code == 404
    for name in ("taper_act", "taper_end", "taper_delete"):
        url = reverse(f"web:{name}", kwargs={"uid": plan.uid})
        assert bob_client.post(url, {"action": "pause"}).status_code == 404
    assert taper.taper_view(user=alice, uid=plan.uid).state == "running"


def test_every_plan_page_says_when_withdrawal_may_come_and_what_to_do_with_thoughts_of_suicide(
    alice, alice_client, frozen_now
) -> None:
    _plan(alice, frozen_now)
    html = page(alice_client.get(reverse("web:taper")))
    assert "Withdrawal may start within about a day of the last dose" in html
    assert "Low certainty" in html
    assert "Thoughts of suicide?" in html and "988" in html


def test_today_says_when_the_product_logged_is_not_the_plans(alice, alice_client, frozen_now) -> None:
    old = services.entry_create(user=alice, kind="products", values={"name": "Red Bali"})
    new = services.entry_create(user=alice, kind="products", values={"name": "White Borneo"})
    for back in range(1, 15):
        services.dose_create(
            user=alice,
            amount=4,
            product_uid=old.uid,
            taken_at=frozen_now - timedelta(days=back),
            now=frozen_now,
        )
    _plan(alice, frozen_now)
    assert "You are now logging" not in page(alice_client.get(reverse("web:today")))
    services.dose_create(user=alice, amount=1, product_uid=new.uid, now=frozen_now)
    html = page(alice_client.get(reverse("web:today")))
    assert "You are now logging White Borneo, not Red Bali" in html
