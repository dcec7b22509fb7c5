"""Check-ins: pain now, PEG-3, sleep, mood, energy and side effects, with labelled controls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services
from speciosa.refdata import side_effects


def check_in(client, url=None, **fields):
    return client.post(url or reverse("web:checkin_new"), {"at": ""} | fields, follow=True)


def test_the_form_labels_every_question_and_groups_side_effects(alice, alice_client, frozen_now):
    page = alice_client.get(reverse("web:checkin_new")).text
    for legend in (
        "Pain right now",
        "PEG-3: pain over the past week",
        "Pain on average (past week)",
        "How much pain got in the way of enjoying life",
        "How much pain got in the way of your general activity",
        "Sleep quality last night",
        "Mood",
        "Energy",
    ):
        assert f"<legend>{legend}</legend>" in page
    assert "<span>Signs that need medical help</span></summary>" in page
    assert "<summary>Side effects and withdrawal symptoms <small>(none filled)</small></summary>" in page
    for legend in ("Side effects", "Withdrawal symptoms"):
        assert f"<legend>{legend}</legend>" in page
    for code, effect in side_effects().items():
        if effect.group == "serious":  # a list beside what to do
            assert f'<label for="id_effect_{code}">{effect.label}</label>' in page
        else:  # one tap on a row: No, Mild, Moderate, Severe
            assert f"<legend>{effect.label}</legend>" in page
            assert page.count(f'type="radio" name="effect_{code}"') == 4
    assert page.count('type="radio" name="pain_now"') == 12  # Skip, 0 … 10
    assert '<label for="id_pain_now_6" class=""><input type="radio" name="pain_now" value="5"' in page


def test_a_check_in_stores_its_answers_and_side_effects(alice, alice_client, frozen_now):
    response = check_in(
        alice_client,
        pain_now="6",
        peg_pain="4",
        peg_enjoyment="5",
        peg_activity="7",
        sleep_quality="3",
        mood="",
        effect_nausea="moderate",
        effect_dizziness="mild",
        other_text="ringing ears",
        note="rough night",
    )
    checkin = m.CheckIn.objects.get(user=alice)
    assert (checkin.at, checkin.pain_now, checkin.peg_score, checkin.sleep_quality, checkin.mood) == (
        frozen_now,
        6,
        pytest.approx(5.33),
        3,
        None,
    )
    effects = {(s.code, s.severity, s.text) for s in checkin.side_effects.all()}
    assert effects == {
        ("nausea", "moderate", ""),
        ("dizziness", "mild", ""),
        ("other", "mild", "ringing ears"),
    }
    assert checkin.note == "rough night"
    assert "Checked in: Pain 6 · PEG 5.3" in response.text
    assert "5.33" not in response.text, "PEG reads to one decimal"


def test_the_peg_score_shows_on_today_and_history(alice, alice_client, frozen_now):
    check_in(alice_client, pain_now="5", peg_pain="6", peg_enjoyment="6", peg_activity="3")
    assert "PEG score <strong>5</strong>/10" in alice_client.get(reverse("web:today")).text
    assert "Pain 5 · PEG 5" in alice_client.get(reverse("web:history")).text


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"pain_now": "11"}, "pain_now"), ({"mood": "-1"}, "mood"), ({"at": "2026-03-07T11:00"}, "at")],
)
def test_bad_answers_are_shown_at_their_question_and_nothing_is_stored(
    alice, alice_client, frozen_now, fields, field
):
    response = check_in(alice_client, **fields)
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.text
    assert not m.CheckIn.objects.exists()


def test_editing_a_check_in_changes_its_answers_and_keeps_its_time(alice, alice_client, frozen_now):
    at = datetime(2026, 3, 7, 12, 0, 30, tzinfo=UTC)
    checkin = services.entry_create(
        user=alice, kind="checkins", values={"at": at, "pain_now": 6, "side_effects": [{"code": "itching"}]}
    )
    url = reverse("web:checkin_edit", kwargs={"uid": checkin.uid})
    form = alice_client.get(url).context["form"]
    assert form.initial["pain_now"] == 6 and form.initial["effect_itching"] == "mild"
    response = check_in(alice_client, url, at="2026-03-07T07:00", pain_now="4", effect_itching="severe")
    checkin.refresh_from_db()
    assert (checkin.at, checkin.pain_now) == (at, 4)
    assert [(s.code, s.severity) for s in checkin.side_effects.all()] == [("itching", "severe")]
    assert "Saved the check-in" in response.text


def test_deleting_a_check_in_and_undoing_it_brings_it_back_whole(alice, alice_client, frozen_now):
    checkin = services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "pain_now": 6, "side_effects": [{"code": "nausea", "severity": "severe"}]},
    )
    url = reverse("web:checkin_delete", kwargs={"uid": checkin.uid})
    assert "Delete this check-in?" in alice_client.get(url).text
    alice_client.post(url)
    assert not m.CheckIn.objects.exists()
    alice_client.post(reverse("web:undo"))
    restored = m.CheckIn.objects.get(uid=checkin.uid)
    assert [(s.code, s.severity) for s in restored.side_effects.all()] == [("nausea", "severe")]


def test_something_is_wrong_comes_first_then_pain_now_and_side_effects_fold_away_with_a_count(
    alice, alice_client, frozen_now
):
    page = alice_client.get(reverse("web:checkin_new")).text
    something_wrong = page.index("Something is wrong?")
    assert something_wrong < page.index('name="pain_now"') < page.index('name="peg_pain"')
    assert (
        page.index('name="peg_pain"')
        < page.index('name="sleep_quality"')
        < page.index('name="effect_nausea"')
    )
    assert '<details class="effects side-effects">' in page, "side effects are folded away by default"

    checkin = services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": frozen_now,
            "side_effects": [
                {"code": "nausea", "severity": "mild"},
                {"code": "itching", "severity": "moderate"},
            ],
        },
    )
    edit = alice_client.get(reverse("web:checkin_edit", kwargs={"uid": checkin.uid})).text
    assert "Side effects and withdrawal symptoms <small>(2 filled)</small>" in edit
    assert '<details class="effects side-effects" open>' in edit
