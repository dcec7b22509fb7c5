"""The Calendar page: the reminder time, a feed address shown once that a calendar app subscribes to
without signing in, replaced or revoked at will, and a one-off download."""

from __future__ import annotations

import re
from datetime import time, timedelta

from django.urls import reverse
from icalendar import Calendar

from speciosa.journal import calendar_feeds, experiments, services

SECRET = "alicesecret7f3a"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def new_feed_url(client) -> str:
    page = client.post(reverse("web:calendar_feed_create")).content.decode()
    return re.search(r'id="new-feed-url"[^>]*value="([^"]+)"', page).group(1)


def words_in(response) -> str:
    """Every event's summary and description (the file folds long lines, so read it parsed)."""
    events = Calendar.from_ical(body(response)).walk("VEVENT")
    return " ".join(f"{e['summary']} {e.get('description', '')}" for e in events)


def plan_walks(user, now, question: str = f"Walking or not {SECRET}"):
    return experiments.experiment_plan(
        user=user,
        question=question,
        a_kind="therapy",
        a_label="Walking",
        b_kind="none",
        b_label="No walking",
        start_on=now.date(),
        seed=1,
        now=now,
    )


def test_the_reminder_time_is_saved_and_removed_from_the_page(alice, alice_client, frozen_now):
    saved = alice_client.post(reverse("web:calendar_reminder"), {"reminder_time": "20:30"}, follow=True)
    assert "daily check-in reminder is at 20:30" in saved.content.decode()
    assert calendar_feeds.calendar_get(user=alice).reminder_time == time(20, 30)
    alice_client.post(reverse("web:calendar_reminder"), {"clear": "1", "reminder_time": "20:30"})
    assert calendar_feeds.calendar_get(user=alice).reminder_time is None


def test_a_time_that_is_not_a_time_is_refused_by_name(alice, alice_client):
    refused = alice_client.post(reverse("web:calendar_reminder"), {"reminder_time": "half past"})
    assert refused.status_code == 400
    assert "Time of the reminder: Enter a valid time." in refused.content.decode()
    assert calendar_feeds.calendar_get(user=alice).reminder_time is None


def test_the_feed_address_is_shown_once_and_opens_without_signing_in(
    alice, alice_client, anonymous, frozen_now
):
    calendar_feeds.reminder_set(user=alice, at=time(8, 0))
    plan_walks(alice, frozen_now)
    url = new_feed_url(alice_client)
    assert "new-feed-url" not in alice_client.get(reverse("web:calendar")).content.decode()
    response = anonymous.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(body(response))
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert any(s.startswith("Check in") for s in summaries)
    assert any(s.startswith("Your plan: ") for s in summaries)


def test_a_replaced_or_revoked_address_is_a_404(alice, alice_client, anonymous):
    first = new_feed_url(alice_client)
    second = new_feed_url(alice_client)
    assert anonymous.get(first).status_code == 404
    assert anonymous.get(second).status_code == 200
    alice_client.post(reverse("web:calendar_feed_revoke"))
    assert anonymous.get(second).status_code == 404


def test_a_feed_is_only_ever_its_owners(alice, bob, alice_client, bob_client, anonymous, frozen_now):
    plan_walks(alice, frozen_now)
    plan_walks(bob, frozen_now, question="Bob's own question")
    bobs = words_in(anonymous.get(new_feed_url(bob_client)))
    assert "Bob's own question" in bobs
    assert SECRET not in bobs
    alices = new_feed_url(alice_client)
    assert SECRET in words_in(bob_client.get(alices)), "the token, not the session, says whose it is"
    assert anonymous.get(alices.replace(".ics", "x.ics")).status_code == 404


def test_the_download_is_the_signed_in_persons_calendar(alice, alice_client, frozen_now):
    services.profile_update(user=alice, timezone="Europe/Lisbon")
    calendar_feeds.reminder_set(user=alice, at=time(21, 0))
    response = alice_client.get(reverse("web:calendar_download"))
    assert response["Content-Disposition"].startswith('attachment; filename="speciosa-calendar-')
    (reminder,) = Calendar.from_ical(body(response)).walk("VEVENT")
    start = reminder.decoded("dtstart")
    assert (start.time(), str(start.tzinfo)) == (time(21, 0), "Europe/Lisbon")
    assert start.date() == frozen_now.date() - timedelta(days=89)
