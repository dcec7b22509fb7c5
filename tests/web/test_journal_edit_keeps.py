"""Editing on a page keeps what the page does not show, and works in the hour clocks repeat."""

from datetime import UTC, datetime

import time_machine
from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services


def test_editing_a_checkins_note_keeps_the_words_of_its_side_effects(alice, alice_client, frozen_now):
    checkin = services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": frozen_now,
            "pain_now": 5,
            "side_effects": [
                {"code": "nausea", "severity": "moderate", "text": "after 6 g on an empty stomach"}
            ],
        },
    )
    url = reverse("web:checkin_edit", kwargs={"uid": checkin.uid})
    form = alice_client.get(url).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data["at"] = form.initial["at"].strftime("%Y-%m-%dT%H:%M")
    data["note"] = "changed only the note"
    response = alice_client.post(url, data)
    assert response.status_code == 302
    effect = m.CheckIn.objects.get(uid=checkin.uid).side_effects.get()
    assert (effect.code, effect.severity, effect.text) == (
        "nausea",
        "moderate",
        "after 6 g on an empty stomach",
    )


def test_a_dose_can_be_logged_and_edited_in_the_hour_that_repeats_when_clocks_go_back(alice, alice_client):
    # 1 November 2026, 01:40 in New York happens twice; the first time is 05:40 UTC.
    with time_machine.travel(datetime(2026, 11, 1, 6, 40, tzinfo=UTC), tick=False):
        response = alice_client.post(
            reverse("web:dose_new"), {"amount": "3", "unit": "g", "taken_at": "2026-11-01T01:40"}
        )
        assert response.status_code == 302
        dose = m.Dose.objects.get()
        assert dose.taken_at == datetime(2026, 11, 1, 5, 40, tzinfo=UTC)
        second = services.dose_create(user=alice, amount=2, taken_at=datetime(2026, 11, 1, 6, 40, tzinfo=UTC))
        response = alice_client.post(
            reverse("web:dose_edit", kwargs={"uid": second.uid}),
            {"amount": "2", "unit": "g", "taken_at": "2026-11-01T01:40", "note": "only the note"},
        )
        assert response.status_code == 302
        second.refresh_from_db()
        assert second.note == "only the note"
        assert second.taken_at == datetime(2026, 11, 1, 6, 40, tzinfo=UTC)
