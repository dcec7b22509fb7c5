"""The person's calendar settings: the time of the daily check-in reminder (a profile setting, carried in
the journal export), and the private feed address a calendar app subscribes to (speciosa.reports.calendar
writes what is in it), and the taper steps the calendar shows (`taper_step_days`).

The feed's token is the credential: whoever holds the address reads the feed, without signing in,
so it is long and random, shown once, stored only as its SHA-256 (as API tokens are), and can be
replaced (the old address stops working at once) or revoked.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone as dj_timezone

from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.selectors import profile_get, token_hash
from speciosa.journal.services import profile_update
from speciosa.journal.taper import taper_active

#: What every feed token starts with, so that one found in a log is recognised for what it is.
TOKEN_PREFIX = "spcal_"


@dataclass(frozen=True)
class CalendarSettings:
    #: The profile's check-in reminder time; None: no reminder.
    reminder_time: time | None
    has_feed: bool
    prefix: str
    token_created_at: datetime | None


def calendar_get(*, user: User) -> CalendarSettings:
    """The person's calendar settings: the reminder time from the profile, and whether there is a feed."""
    feed = m.CalendarFeed.objects.filter(user=user).first() or m.CalendarFeed(user=user)
    return CalendarSettings(
        reminder_time=profile_get(user=user).checkin_reminder,
        has_feed=bool(feed.token_hash),
        prefix=feed.prefix,
        token_created_at=feed.token_created_at,
    )


def _locked(user: User) -> m.CalendarFeed:
    feed, _ = m.CalendarFeed.objects.select_for_update().get_or_create(user=user)
    return feed


def reminder_set(*, user: User, at: time | None) -> time | None:
    """Set the local time of the daily check-in reminder (seconds dropped), or None for no reminder:
    the profile's setting, changed as any other profile setting is."""
    return profile_update(user=user, checkin_reminder=at).checkin_reminder


def feed_token_create(*, user: User) -> str:
    """A new feed token for the person, returned once and never stored in clear; any earlier token
    stops working at once (this both creates and replaces the address)."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        feed = _locked(user)
        feed.token_hash, feed.prefix, feed.token_created_at = token_hash(raw), raw[:10], dj_timezone.now()
        feed.save(update_fields=["token_hash", "prefix", "token_created_at"])
    return raw


def feed_revoke(*, user: User) -> bool:
    """Revoke the person's feed address; whether there was one to revoke."""
    return bool(
        m.CalendarFeed.objects.filter(user=user, token_hash__isnull=False).update(
            token_hash=None, prefix="", token_created_at=None
        )
    )


def feed_user(*, raw: str) -> User | None:
    """Whose feed a raw token opens: the person whose current token it is, if their account is active;
    None for an unknown, replaced or revoked token."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    feed = m.CalendarFeed.objects.filter(token_hash=token_hash(raw)).only("user_id").first()
    if feed is None:
        return None
    return get_user_model().objects.filter(pk=feed.user_id, is_active=True).first()


@dataclass(frozen=True)
class TaperStepDay:
    """The first day of a step of the person's active taper plan (projected: a pause or a held step moves
    it)."""

    plan_uid: UUID
    number: int
    steps: int
    start: date
    grams: float
    amount: str  # the daily target as the person measures it: "12.25 g", or "1¾ tsp (4.4 g)"
    doses: int
    status: str  # "done", "current" or "ahead"


def taper_step_days(*, user: User, now: datetime | None = None) -> list[TaperStepDay]:
    """Each step's first day of the active plan (planned, under way or paused); [] without one. A
    finished or ended plan leaves the calendar."""
    view = taper_active(user=user, now=now or dj_timezone.now())
    if view is None:
        return []
    steps = view.progress.steps
    return [
        TaperStepDay(
            plan_uid=view.plan.uid,
            number=s.step.number,
            steps=len(steps),
            start=s.start,
            grams=s.step.grams,
            amount=view.in_measure(s.step.grams),
            doses=len(s.step.doses),
            status=s.status,
        )
        for s in steps
    ]
