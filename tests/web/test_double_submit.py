"""A form that creates an entry carries the uid it will be stored under, so a double tap or a resent
request stores the entry once: the dose form and Today's one-tap buttons, the check-in form, and the
record forms."""

from __future__ import annotations

import re
from uuid import UUID

from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services

UID = re.compile(r'name="uid" value="([0-9a-f-]{36})"')


def the_uid_in(html: str) -> str:
    found = UID.findall(html)
    assert found, "the form carries no uid"
    return found[0]


def test_the_dose_form_sent_twice_logs_one_dose(alice, alice_client, frozen_now):
    uid = the_uid_in(alice_client.get(reverse("web:dose_new")).content.decode())
    for _ in range(2):
        response = alice_client.post(reverse("web:dose_new"), {"amount": "3", "unit": "g", "uid": uid})
        assert response.status_code == 302
    assert list(m.Dose.objects.filter(user=alice).values_list("uid", flat=True)) == [UUID(uid)]


def test_a_dose_form_that_comes_back_with_a_problem_keeps_its_uid(alice, alice_client, frozen_now):
    uid = the_uid_in(alice_client.get(reverse("web:dose_new")).content.decode())
    again = alice_client.post(reverse("web:dose_new"), {"amount": "-1", "unit": "g", "uid": uid})
    assert the_uid_in(again.content.decode()) == uid


def test_two_forms_give_two_doses(alice, alice_client, frozen_now):
    for _ in range(2):
        uid = the_uid_in(alice_client.get(reverse("web:dose_new")).content.decode())
        alice_client.post(reverse("web:dose_new"), {"amount": "3", "unit": "g", "uid": uid})
    assert m.Dose.objects.filter(user=alice).count() == 2


def test_repeat_last_dose_tapped_twice_logs_it_once(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=3)
    uid = the_uid_in(alice_client.get(reverse("web:today")).content.decode())
    for _ in range(2):
        alice_client.post(reverse("web:dose_repeat"), {"uid": uid})
    assert m.Dose.objects.filter(user=alice).count() == 2


def test_the_check_in_form_sent_twice_stores_one_check_in(alice, alice_client, frozen_now):
    uid = the_uid_in(alice_client.get(reverse("web:checkin_new")).content.decode())
    for _ in range(2):
        alice_client.post(reverse("web:checkin_new"), {"pain_now": "4", "uid": uid})
    assert m.CheckIn.objects.filter(user=alice).count() == 1


def test_a_record_form_sent_twice_stores_one_entry(alice, alice_client, frozen_now):
    uid = the_uid_in(alice_client.get(reverse("web:therapy_new")).content.decode())
    body = {"kind": "exercise", "minutes": "30", "at": "2026-03-07T09:00", "uid": uid}
    for _ in range(2):
        alice_client.post(reverse("web:therapy_new"), body)
    assert m.Therapy.objects.filter(user=alice).count() == 1
