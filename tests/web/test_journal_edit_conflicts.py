"""An edit form saved after its entry changed elsewhere (another tab, another device) overwrites
nothing: the form comes back filled from the entry as it is now, saying so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services

CHANGED_ELSEWHERE = "was changed elsewhere (in another tab or on another device)"


def hidden_version(response) -> str:
    page = response.content.decode()
    start = page.index('name="version" value="') + len('name="version" value="')
    return page[start : page.index('"', start)]


def filled(response) -> dict[str, str]:
    """What the browser would send back: the form's values as shown."""
    form = response.context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    for name, value in data.items():
        if hasattr(value, "strftime"):
            data[name] = value.strftime("%Y-%m-%dT%H:%M" if hasattr(value, "hour") else "%Y-%m-%d")
        elif isinstance(value, bool):
            data[name] = "on" if value else ""
    data["version"] = hidden_version(response)
    return data


def test_a_dose_changed_elsewhere_is_not_overwritten_and_the_form_shows_it_as_it_is_now(
    alice, alice_client, frozen_now
):
    dose = services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=1), note="logged")
    url = reverse("web:dose_edit", kwargs={"uid": dose.uid})
    opened = alice_client.get(url)
    assert hidden_version(opened) == "1"
    services.dose_update(user=alice, uid=dose.uid, note="changed on the phone")

    saved = alice_client.post(url, {**filled(opened), "amount": "5"})
    assert saved.status_code == 200
    assert CHANGED_ELSEWHERE in saved.content.decode()
    assert saved.context["form"]["note"].value() == "changed on the phone"
    assert hidden_version(saved) == "2"
    dose.refresh_from_db()
    assert (dose.amount, dose.note, dose.version) == (3, "changed on the phone", 2)

    again = alice_client.post(url, {**filled(saved), "amount": "5"})
    assert again.status_code == 302
    dose.refresh_from_db()
    assert (dose.amount, dose.note, dose.version) == (5, "changed on the phone", 3)


def test_a_dose_form_shown_again_for_a_mistake_keeps_the_version_it_was_filled_from(
    alice, alice_client, frozen_now
):
    dose = services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=1))
    url = reverse("web:dose_edit", kwargs={"uid": dose.uid})
    opened = alice_client.get(url)
    services.dose_update(user=alice, uid=dose.uid, note="changed on the phone")
    mistake = alice_client.post(url, {**filled(opened), "amount": ""})
    assert "Nothing was saved" in mistake.content.decode()
    assert CHANGED_ELSEWHERE not in mistake.content.decode()
    assert hidden_version(mistake) == "1"
    refused = alice_client.post(url, {**filled(opened), "amount": "5"})
    assert CHANGED_ELSEWHERE in refused.content.decode()
    dose.refresh_from_db()
    assert (dose.amount, dose.note) == (3, "changed on the phone")


def test_a_checkin_changed_elsewhere_is_not_overwritten(alice, alice_client, frozen_now):
    checkin = services.entry_create(
        user=alice, kind="checkins", values={"at": frozen_now - timedelta(hours=1), "pain_now": 6}
    )
    url = reverse("web:checkin_edit", kwargs={"uid": checkin.uid})
    opened = alice_client.get(url)
    services.entry_update(user=alice, kind="checkins", uid=checkin.uid, values={"mood": 7})

    saved = alice_client.post(url, {**filled(opened), "pain_now": "3"})
    assert CHANGED_ELSEWHERE in saved.content.decode()
    assert saved.context["form"]["mood"].value() == 7
    checkin.refresh_from_db()
    assert (checkin.pain_now, checkin.mood) == (6, 7)
    assert alice_client.post(url, {**filled(saved), "pain_now": "3"}).status_code == 302
    checkin.refresh_from_db()
    assert (checkin.pain_now, checkin.mood) == (3, 7)


@pytest.mark.parametrize(
    ("kind", "singular", "values", "elsewhere", "edit"),
    [
        (
            "medications",
            "medication",
            {"name": "Gabapentin"},
            {"schedule": "at night"},
            {"purpose": "nerve pain"},
        ),
        ("labs", "lab", {"test": "ALT", "value": 30, "unit": "U/L"}, {"value": 41}, {"note": "fasting"}),
    ],
)
def test_a_record_changed_elsewhere_is_not_overwritten(
    alice, alice_client, frozen_now, kind, singular, values, elsewhere, edit
):
    if kind == "labs":
        values = {**values, "taken_on": frozen_now.date()}
    entry = services.entry_create(user=alice, kind=kind, values=values)
    url = reverse(f"web:{singular}_edit", kwargs={"uid": entry.uid})
    opened = alice_client.get(url)
    services.entry_update(user=alice, kind=kind, uid=entry.uid, values=elsewhere)

    saved = alice_client.post(url, {**filled(opened), **edit})
    assert saved.status_code == 409
    assert CHANGED_ELSEWHERE in saved.content.decode()
    (name, value), (edited, _) = next(iter(elsewhere.items())), next(iter(edit.items()))
    assert saved.context["form"][name].value() == value
    stored = type(entry).objects.get(pk=entry.pk)
    assert (getattr(stored, name), getattr(stored, edited), stored.version) == (
        value,
        getattr(entry, edited),
        2,
    )

    assert alice_client.post(url, {**filled(saved), **edit}).status_code == 302
    stored.refresh_from_db()
    assert (getattr(stored, name), getattr(stored, edited)) == (value, next(iter(edit.values())))
    assert m.Change.objects.filter(user=alice, uid=entry.uid).count() == 3
