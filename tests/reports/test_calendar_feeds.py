"""The private feed address: its token is stored only as a hash, opens only its owner's calendar, and
stops working once replaced or revoked."""

from __future__ import annotations

from datetime import time

from speciosa.journal import calendar_feeds
from speciosa.journal import models as m
from speciosa.journal.selectors import token_hash


def test_the_token_is_stored_only_as_its_hash(alice):
    raw = calendar_feeds.feed_token_create(user=alice)
    stored = m.CalendarFeed.objects.get(user=alice)
    assert stored.token_hash == token_hash(raw)
    assert raw not in str(m.CalendarFeed.objects.filter(user=alice).values().first())
    assert raw.startswith(calendar_feeds.TOKEN_PREFIX) and len(raw) > 40


def test_a_token_opens_its_owners_feed_and_no_one_elses(alice, bob):
    alices, bobs = calendar_feeds.feed_token_create(user=alice), calendar_feeds.feed_token_create(user=bob)
    assert calendar_feeds.feed_user(raw=alices) == alice
    assert calendar_feeds.feed_user(raw=bobs) == bob
    assert calendar_feeds.feed_user(raw=alices + "x") is None
    assert calendar_feeds.feed_user(raw="") is None


def test_a_new_token_replaces_the_old_one_and_a_revoked_one_opens_nothing(alice):
    old = calendar_feeds.feed_token_create(user=alice)
    new = calendar_feeds.feed_token_create(user=alice)
    assert calendar_feeds.feed_user(raw=old) is None
    assert calendar_feeds.feed_user(raw=new) == alice
    assert calendar_feeds.feed_revoke(user=alice) is True
    assert calendar_feeds.feed_user(raw=new) is None
    assert calendar_feeds.feed_revoke(user=alice) is False


def test_a_deactivated_account_has_no_feed(alice):
    raw = calendar_feeds.feed_token_create(user=alice)
    alice.is_active = False
    alice.save()
    assert calendar_feeds.feed_user(raw=raw) is None


def test_the_reminder_time_is_the_profiles_setting_kept_apart_from_the_token(alice):
    raw = calendar_feeds.feed_token_create(user=alice)
    calendar_feeds.reminder_set(user=alice, at=time(21, 5, 33))
    assert calendar_feeds.calendar_get(user=alice).reminder_time == time(21, 5)
    assert m.Profile.objects.get(user=alice).checkin_reminder == time(21, 5)
    assert calendar_feeds.feed_user(raw=raw) == alice
    calendar_feeds.reminder_set(user=alice, at=None)
    assert calendar_feeds.calendar_get(user=alice).reminder_time is None
