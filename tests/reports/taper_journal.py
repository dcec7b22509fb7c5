"""A journal with a taper plan for the report tests: 30 days of 3 doses of 4 g a day (12 g), a plan
made 10 days before NOW from 12 g at the standard pace, three SOWS self-checks and a DSM-5 self-check."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from speciosa.journal import services
from speciosa.journal.selfchecks import selfcheck_create
from speciosa.journal.taper import taper_plan

NEW_YORK = ZoneInfo("America/New_York")
SOWS_TOTALS = (18, 9, 24)  # 9, 5 and 3 days before NOW
SOWS_DAYS = (9, 5, 3)
DSM5_YES = 4  # criteria answered yes, 2 days before NOW


def sows_answers(total: int) -> list[int]:
    return [min(4, max(0, total - 4 * i)) for i in range(16)]


def build_taper_journal(user, now: datetime):
    today = now.astimezone(NEW_YORK).date()
    for back in range(30, -1, -1):
        day = today - timedelta(days=back)
        for hour in (7, 12, 17):
            at = datetime(day.year, day.month, day.day, hour, tzinfo=NEW_YORK)
            if at <= now:
                services.dose_create(user=user, amount=4, taken_at=at, now=now)
    made = now - timedelta(days=10)
    plan = taper_plan(user=user, start_grams=12, pace="standard", doses_per_day=3, now=made)
    for back, total in zip(SOWS_DAYS, SOWS_TOTALS, strict=True):
        selfcheck_create(
            user=user, instrument="sows", answers=sows_answers(total), at=now - timedelta(days=back), now=now
        )
    selfcheck_create(
        user=user,
        instrument="dsm5",
        answers=[1] * DSM5_YES + [0] * (11 - DSM5_YES),
        at=now - timedelta(days=2),
        now=now,
    )
    return plan
