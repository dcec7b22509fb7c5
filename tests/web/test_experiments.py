"""The experiment pages: planning with field errors, today's assignment on Today, the locked result,
ending early, the finished result with its chart, and deleting one after a confirm page."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import time_machine
from django.urls import reverse

from speciosa.journal import experiments, selectors, services

TODAY = date(2026, 3, 7)


def _usual(user, now) -> None:
    for back in range(1, 15):
        services.dose_create(user=user, amount=4, taken_at=now - timedelta(days=back), now=now)


def _plan_posted(**changes) -> dict[str, str]:
    data = {
        "question": "Does 3 g ease my back more than physical therapy?",
        "a_kind": "kratom",
        "a_label": "Green Malay",
        "a_grams": "3",
        "b_kind": "therapy",
        "b_label": "Physical therapy",
        "b_grams": "",
        "start_on": TODAY.isoformat(),
        "block_days": "7",
        "pairs": "4",
        "washout_days": "3",
    }
    data.update(changes)
    return data


def test_planning_an_experiment_shows_its_schedule_and_todays_option_on_today(
    alice, alice_client, frozen_now
) -> None:
    _usual(alice, frozen_now)
    response = alice_client.post(reverse("web:experiment_new"), _plan_posted(), follow=True)
    page = response.content.decode()
    assert "Does 3 g ease my back more than physical therapy?" in page
    assert "Schedule" in page and "Locked until 1 May 2026" in page
    today = alice_client.get(reverse("web:today")).content.decode()
    assert "Your experiment today" in today
    assert "Day 1 of 56" in today and "a settling day, not counted" in today
    assert "answer the PEG questions" in today


def test_today_shows_no_experiment_block_without_a_running_experiment(alice_client, frozen_now) -> None:
    assert "Your experiment today" not in alice_client.get(reverse("web:today")).content.decode()


def test_a_plan_above_the_usual_amount_is_refused_with_the_field_named(
    alice, alice_client, frozen_now
) -> None:
    _usual(alice, frozen_now)
    response = alice_client.post(reverse("web:experiment_new"), _plan_posted(a_grams="8"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved." in page and "more than your recent usual amount (4 g a day" in page
    assert experiments.experiment_list(user=alice) == []


def _finished(alice, frozen_now, effect_b: float = -4.0):
    experiment = experiments.experiment_plan(
        user=alice,
        question="Kratom or no kratom on my back?",
        a_kind="none",
        a_label="No kratom",
        b_kind="therapy",
        b_label="Walking",
        start_on=TODAY,
        seed=9,
        now=frozen_now,
    )
    view = experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now)
    rng = np.random.default_rng(1)
    for offset in range(view.schedule.total_days):
        plan = experiments.ex.day_plan(view.schedule, TODAY + timedelta(days=offset))
        score = 6 + (effect_b if plan.block.option == "B" else 0) + rng.normal(0, 0.8)
        value = int(min(10, max(0, round(score))))
        at = frozen_now + timedelta(days=offset)
        services.entry_create(
            user=alice,
            kind="checkins",
            values={"at": at, "peg_pain": value, "peg_enjoyment": value, "peg_activity": value},
            now=at,
        )
    return experiment


def test_the_result_is_locked_while_running_then_shown_with_a_chart_at_the_end(
    alice, alice_client, frozen_now
) -> None:
    experiment = _finished(alice, frozen_now)
    url = reverse("web:experiment", kwargs={"uid": experiment.uid})
    assert "Locked until" in alice_client.get(url).content.decode()
    with time_machine.travel(frozen_now + timedelta(days=60), tick=False):
        page = alice_client.get(url).content.decode()
    assert "Finished" in page and "Locked until" not in page
    assert "B likely lowered the score by a clinically important amount" in page
    assert "95% credible interval" in page
    assert 'class="chart interval"' in page and 'id="experiment-peg-summary"' in page


def test_ending_early_marks_the_result_as_ended_early(alice, alice_client, frozen_now) -> None:
    experiment = _finished(alice, frozen_now)
    with time_machine.travel(frozen_now + timedelta(days=30), tick=False):
        response = alice_client.post(
            reverse("web:experiment_end", kwargs={"uid": experiment.uid}), follow=True
        )
    page = " ".join(response.content.decode().split())
    assert "Ended early" in page and "covers the days up to 6 Apr 2026 only" in page


def test_a_red_flag_stops_the_experiment_on_today_and_its_page(alice, alice_client, frozen_now) -> None:
    experiment = _finished(alice, frozen_now)
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "side_effects": [{"code": "seizure", "severity": "severe"}]},
        now=frozen_now,
    )
    assert "Experiment stopped" in alice_client.get(reverse("web:today")).content.decode()
    page = alice_client.get(reverse("web:experiment", kwargs={"uid": experiment.uid})).content.decode()
    assert "Stopped because of a red flag" in page


def test_another_persons_experiment_is_not_found(alice, bob_client, frozen_now) -> None:
    experiment = _finished(alice, frozen_now)
    assert bob_client.get(reverse("web:experiment", kwargs={"uid": experiment.uid})).status_code == 404
    assert "Experiments" in bob_client.get(reverse("web:experiments")).content.decode()


def test_deleting_an_experiment_asks_first_then_keeps_the_check_ins(alice, alice_client, frozen_now) -> None:
    experiment = _finished(alice, frozen_now)
    checkins = selectors.entry_list(user=alice, kind="checkins").count()
    page = alice_client.get(reverse("web:experiment", kwargs={"uid": experiment.uid})).content.decode()
    url = reverse("web:experiment_delete", kwargs={"uid": experiment.uid})
    assert url in page
    confirm = alice_client.get(url).content.decode()
    assert "Delete this experiment?" in confirm and "cannot be undone" in confirm
    assert experiments.experiment_list(user=alice) == [experiment]
    response = alice_client.post(url, follow=True)
    assert "Deleted the experiment “Kratom or no kratom on my back?”" in response.content.decode()
    assert experiments.experiment_list(user=alice) == []
    assert selectors.entry_list(user=alice, kind="checkins").count() == checkins == 56


def test_another_person_cannot_delete_an_experiment(alice, bob_client, frozen_now) -> None:
    experiment = _finished(alice, frozen_now)
    url = reverse("web:experiment_delete", kwargs={"uid": experiment.uid})
    assert bob_client.get(url).status_code == 404 and bob_client.post(url).status_code == 404
    assert experiments.experiment_list(user=alice) == [experiment]


def test_the_page_shows_how_closely_the_days_kept_to_the_plan_while_locked_and_at_the_end(
    alice, alice_client, frozen_now
) -> None:
    experiment = _finished(alice, frozen_now)
    at = frozen_now + timedelta(days=10)  # a counted day of a plan without kratom
    services.dose_create(user=alice, amount=1, taken_at=at, now=at)
    url = reverse("web:experiment", kwargs={"uid": experiment.uid})
    with time_machine.travel(frozen_now + timedelta(days=20), tick=False):
        running = " ".join(alice_client.get(url).content.decode().split())
    assert "Locked until" in running and "Kept to the plan on 10 of 11 counted days so far" in running
    with time_machine.travel(frozen_now + timedelta(days=60), tick=False):
        page = " ".join(alice_client.get(url).content.decode().split())
    assert "Kept to the plan on 31 of 32 counted days (by the doses logged)." in page
    assert "days off the plan pull the difference towards zero" in page
    assert '<th scope="col">Logged</th>' in page and "<td>1 g ✗</td>" in page and "<td>0 g ✓</td>" in page
