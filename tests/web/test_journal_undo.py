"""Undo: every change made on a page can be taken back from its message, or from the Undo page."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services


def undo_button_change(page: str) -> str:
    """The change id carried by the Undo button of the page's message."""
    match = re.search(
        r'<input type="hidden" name="change" value="(\d+)">\s*(?:<input type="hidden"[^>]*>\s*)*'
        r'<button type="submit"[^>]*>Undo</button>',
        page,
    )
    assert match, "the message has no Undo button"
    return match.group(1)


def test_undo_removes_a_dose_just_logged(alice, alice_client, frozen_now):
    response = alice_client.post(reverse("web:dose_new"), {"amount": "3", "unit": "g"}, follow=True)
    change = undo_button_change(response.text)
    response = alice_client.post(reverse("web:undo"), {"change": change}, follow=True)
    assert not m.Dose.objects.exists()
    assert "Undone: removed the dose you added." in response.text


def test_undo_restores_a_deleted_dose_exactly(alice, alice_client, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Bali"})
    dose = services.dose_create(
        user=alice,
        amount=2,
        unit="tsp",
        product_uid=product.uid,
        note="with tea",
        taken_at=frozen_now - timedelta(hours=2),
    )
    response = alice_client.post(reverse("web:dose_delete", kwargs={"uid": dose.uid}), follow=True)
    alice_client.post(reverse("web:undo"), {"change": undo_button_change(response.text)})
    restored = m.Dose.objects.get(uid=dose.uid)
    assert (
        restored.grams,
        restored.unit,
        restored.product,
        restored.note,
        restored.taken_at,
        restored.is_estimate,
    ) == (
        dose.grams,
        "tsp",
        product,
        "with tea",
        dose.taken_at,
        True,
    )


def test_undo_puts_back_an_edited_dose(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=4, taken_at=frozen_now)
    data = {"amount": "6", "unit": "g", "taken_at": "2026-03-07T10:00"}
    response = alice_client.post(reverse("web:dose_edit", kwargs={"uid": dose.uid}), data, follow=True)
    alice_client.post(reverse("web:undo"), {"change": undo_button_change(response.text)})
    dose.refresh_from_db()
    assert dose.amount == 4


def test_the_undo_page_says_what_would_be_undone(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=4, taken_at=frozen_now)
    page = alice_client.get(reverse("web:undo")).text
    assert "Your last change was <strong>adding a dose: 4 g</strong>" in page
    assert ">Undo adding a dose: 4 g</button>" in page
    assert m.Dose.objects.count() == 1  # looking changes nothing


def test_the_undo_page_describes_a_deletion_from_what_was_deleted(alice, alice_client, frozen_now):
    checkin = services.entry_create(user=alice, kind="checkins", values={"at": frozen_now, "pain_now": 8})
    services.entry_delete(user=alice, kind="checkins", uid=checkin.uid)
    assert "deleting a check-in: Pain 8 · PEG –" in alice_client.get(reverse("web:undo")).text


def test_undo_without_a_named_change_undoes_the_latest(alice, alice_client, frozen_now):
    first = services.dose_create(user=alice, amount=1, taken_at=frozen_now)
    services.dose_create(user=alice, amount=2, taken_at=frozen_now)
    alice_client.post(reverse("web:undo"))
    assert list(m.Dose.objects.values_list("uid", flat=True)) == [first.uid]


def test_with_nothing_to_undo_it_says_so(alice, alice_client, frozen_now):
    assert "There is nothing to undo." in alice_client.get(reverse("web:undo")).text
    response = alice_client.post(reverse("web:undo"), {"change": "12345"}, follow=True)
    assert "nothing to undo" in response.text


def test_undo_cannot_reach_another_persons_change(alice, bob_client, frozen_now):
    dose = services.dose_create(user=alice, amount=3, taken_at=frozen_now)
    change = m.Change.objects.get(user=alice)
    bob_client.post(reverse("web:undo"), {"change": change.id})
    assert m.Dose.objects.filter(uid=dose.uid).exists()
    assert not m.Change.objects.get(id=change.id).undone


def test_undo_goes_back_where_it_was_asked_from_but_never_off_site(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=1, taken_at=frozen_now)
    services.dose_create(user=alice, amount=2, taken_at=frozen_now)
    response = alice_client.post(reverse("web:undo"), {"next": reverse("web:history")})
    assert response["Location"] == reverse("web:history")
    response = alice_client.post(reverse("web:undo"), {"next": "https://elsewhere.example/"})
    assert response["Location"] == reverse("web:today")
