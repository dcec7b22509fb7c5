"""Logging with no connection: a dose from the dose form, a pain rating from Today's quick check-in
and "Repeat last dose" wait on the device (IndexedDB), each with its own uid and the moment it was
saved; the page says how many are waiting; when the connection returns each is sent once, keeps its
original time, and reloading or sending again adds nothing. An entry the server refuses is shown,
not dropped."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from speciosa.journal import models as m
from speciosa.journal import services

pytestmark = pytest.mark.browser

#: The queue's entries, as offline.js stores them.
QUEUED = """() => new Promise((resolve, reject) => {
  const opening = indexedDB.open("speciosa-offline", 1);
  opening.onsuccess = () => {
    const read = opening.result.transaction("entries").objectStore("entries").getAll();
    read.onsuccess = () => resolve(read.result);
    read.onerror = () => reject(read.error);
  };
  opening.onerror = () => reject(opening.error);
})"""
#: Puts an entry back in the queue, as if a sync had sent it but its answer was lost.
REQUEUE = """(entry) => new Promise((resolve) => {
  const opening = indexedDB.open("speciosa-offline", 1);
  opening.onsuccess = () => {
    const writing = opening.result.transaction("entries", "readwrite");
    writing.objectStore("entries").put(entry);
    writing.oncomplete = () => resolve(true);
  };
})"""


def moment(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


@pytest.fixture
def journal(alice_account: Any) -> Any:
    services.dose_create(user=alice_account, amount=4, unit="g", taken_at=timezone.now() - timedelta(hours=5))
    return alice_account


def status_of(page: Page):
    return page.locator("#offline-queue .offline-count")


def test_three_entries_logged_offline_are_synced_once_each_with_the_time_they_were_logged(
    open_context, sign_in, journal
):
    context = open_context(viewport={"width": 390, "height": 844})
    today = sign_in(context.new_page(), journal)
    today.goto(reverse("web:today"))
    dose_form = context.new_page()
    dose_form.goto(reverse("web:dose_new"))

    context.set_offline(True)
    dose_form.get_by_label("Amount", exact=False).first.fill("2.5")
    dose_form.get_by_role("button", name="Log dose").click()
    expect(status_of(dose_form)).to_contain_text("1 entry waiting to sync")
    expect(status_of(dose_form)).to_contain_text(
        "Safety findings for doses logged offline appear once they are synced"
    )
    today.get_by_role("button", name="Repeat last dose").click()
    expect(status_of(today)).to_contain_text("2 entries waiting to sync")
    today.get_by_role("button", name="Pain now 6 out of 10, save").click()
    expect(status_of(today)).to_contain_text("3 entries waiting to sync")
    assert m.Dose.objects.filter(user=journal).count() == 1, "nothing reached the server"

    queued = {entry["uid"]: entry for entry in today.evaluate(QUEUED)}
    assert len(queued) == 3 and all(entry["owner"] == journal.username for entry in queued.values())
    sent_after = timezone.now()

    context.set_offline(False)
    today.evaluate(
        "window.dispatchEvent(new Event('online'))"
    )  # as the browser does when the network returns
    expect(status_of(today)).to_contain_text("All entries logged offline are synced (3 sent)")
    assert today.evaluate(QUEUED) == []

    doses = {str(d.uid): d for d in m.Dose.objects.filter(user=journal)}
    checkins = {str(c.uid): c for c in m.CheckIn.objects.filter(user=journal)}
    assert len(doses) == 3 and len(checkins) == 1, "each entry once, beside the earlier dose"
    for uid, entry in queued.items():
        stored = doses.get(uid) or checkins[uid]
        stored_at = stored.taken_at if isinstance(stored, m.Dose) else stored.at
        assert abs(stored_at - moment(entry["pressed"])) < timedelta(milliseconds=1), "the time it was logged"
        assert stored_at < sent_after, "not the time it was sent"
    typed = next(d for uid, d in doses.items() if uid in queued and d.amount == 2.5)
    repeated = next(d for uid, d in doses.items() if uid in queued and d.amount == 4)
    assert typed.unit == repeated.unit == "g"
    assert next(iter(checkins.values())).pain_now == 6

    # The answer to one of them was lost: it is sent again, and the server answers the entry it has.
    today.evaluate(REQUEUE, next(iter(queued.values())))
    today.reload()
    expect(status_of(today)).to_contain_text("All entries logged offline are synced (1 sent)")
    today.reload()
    assert m.Dose.objects.filter(user=journal).count() == 3
    assert m.CheckIn.objects.filter(user=journal).count() == 1


def test_a_dose_the_server_refuses_is_shown_with_the_reason_until_discarded(open_context, sign_in, journal):
    page = sign_in(open_context(viewport={"width": 390, "height": 844}).new_page(), journal)
    page.goto(reverse("web:dose_new"))
    page.context.set_offline(True)
    page.get_by_label("Amount", exact=False).first.fill("900")
    page.get_by_role("button", name="Log dose").click()
    expect(status_of(page)).to_contain_text("1 entry waiting to sync")

    page.context.set_offline(False)
    page.goto(reverse("web:today"))
    problem = page.locator("#offline-queue .offline-problems li")
    expect(problem).to_contain_text("Dose of 900 g at")
    expect(problem).to_contain_text("was not saved: amount")
    assert m.Dose.objects.filter(user=journal).count() == 1
    page.reload()
    expect(problem).to_be_visible()
    problem.get_by_role("button", name="Discard it").click()
    expect(problem).to_have_count(0)
    assert page.evaluate(QUEUED) == []


def test_when_the_server_is_out_of_reach_but_the_network_is_up_the_entry_is_queued(
    open_context, sign_in, journal
):
    """A phone on mobile data away from home: the browser is online, the server does not answer."""
    page = sign_in(open_context(viewport={"width": 390, "height": 844}).new_page(), journal)
    page.goto(reverse("web:today"))
    page.route("**/health", lambda route: route.abort("connectionrefused"))
    page.get_by_role("button", name="Pain now 3 out of 10, save").click()
    expect(status_of(page)).to_contain_text("1 entry waiting to sync")
    page.unroute("**/health")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status_of(page)).to_contain_text("All entries logged offline are synced (1 sent)")
    assert m.CheckIn.objects.get(user=journal).pain_now == 3


def test_online_the_forms_are_sent_as_before(alice_desktop: Page, journal):
    alice_desktop.goto(reverse("web:today"))
    alice_desktop.get_by_role("button", name="Pain now 2 out of 10, save").click()
    expect(alice_desktop.get_by_text("Checked in:")).to_be_visible()
    assert m.CheckIn.objects.get(user=journal).pain_now == 2
    assert alice_desktop.locator("#offline-queue").is_hidden()
