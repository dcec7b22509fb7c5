"""A read-only view of a journal window for the rules: sorted entries and the sums rules share."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from uuid import UUID
from zoneinfo import ZoneInfo

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_range, local_day, zone
from speciosa.core.errors import InvalidInput
from speciosa.core.safety.windows import lab_window, window_start


@dataclass(frozen=True)
class JournalView:
    """The entries a rule may read, sorted oldest first, with the person's zone and `now`: timed
    entries and lab results of the windows of speciosa.core.safety.windows (the stored journal's
    window, speciosa.journal.window.journal_window, reads the same ones)."""

    document: fmt.JournalDocument
    now: datetime
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))

    @classmethod
    def of(cls, document: fmt.JournalDocument, now: datetime) -> JournalView:
        try:
            tz = zone(document.profile.timezone)
        except InvalidInput:
            tz = ZoneInfo("UTC")
        return cls(document=document, now=now, tz=tz)

    # --- entries ------------------------------------------------------------------------------

    @cached_property
    def doses(self) -> list[fmt.DoseRecord]:
        start = window_start(self.now)
        return sorted(
            (d for d in self.document.doses if start <= d.taken_at <= self.now),
            key=lambda d: (d.taken_at, d.uid),
        )

    @cached_property
    def _dose_times(self) -> list[datetime]:
        return [d.taken_at for d in self.doses]

    @cached_property
    def checkins(self) -> list[fmt.CheckInRecord]:
        start = window_start(self.now)
        return sorted(
            (c for c in self.document.checkins if start <= c.at <= self.now), key=lambda c: (c.at, c.uid)
        )

    @cached_property
    def selfchecks(self) -> list[fmt.SelfCheckRecord]:
        """The SOWS and DSM-5 self-checks of the timed window, oldest first."""
        start = window_start(self.now)
        return sorted(
            (c for c in self.document.selfchecks if start <= c.at <= self.now), key=lambda c: (c.at, c.uid)
        )

    @cached_property
    def substances(self) -> list[fmt.SubstanceRecord]:
        start = window_start(self.now)
        return sorted(
            (s for s in self.document.substances if start <= s.at <= self.now), key=lambda s: (s.at, s.uid)
        )

    @cached_property
    def labs(self) -> list[fmt.LabRecord]:
        """Lab results taken in the lab window (the last 365 local days, today included)."""
        first, last = lab_window(self.now, self.tz)
        return sorted(
            (lab for lab in self.document.labs if first <= lab.taken_on <= last),
            key=lambda lab: (lab.taken_on, str(lab.uid)),
        )

    @cached_property
    def products(self) -> dict[UUID, fmt.ProductRecord]:
        return {p.uid: p for p in self.document.products}

    @property
    def medications(self) -> Sequence[fmt.MedicationRecord]:
        return self.document.medications

    @property
    def pregnant(self) -> bool:
        return bool(getattr(self.document.profile, "pregnant", False))

    @property
    def breastfeeding(self) -> bool:
        return bool(getattr(self.document.profile, "breastfeeding", False))

    @property
    def country(self) -> str:
        """The ISO 3166 code chosen in Settings ("" when not chosen: read it from the time zone)."""
        return str(getattr(self.document.profile, "country", "") or "")

    @property
    def region(self) -> str:
        """The US state (USPS code) chosen in Settings, or ""."""
        return str(getattr(self.document.profile, "region", "") or "")

    @property
    def today(self) -> date:
        return local_day(self.now, self.tz)

    # --- questions rules share ----------------------------------------------------------------

    def product_of(self, dose: fmt.DoseRecord) -> fmt.ProductRecord | None:
        return self.products.get(dose.product_uid) if dose.product_uid else None

    def doses_between(self, start: datetime, end: datetime) -> list[fmt.DoseRecord]:
        """Doses taken at or after `start` and at or before `end`."""
        return self.doses[bisect_left(self._dose_times, start) : bisect_right(self._dose_times, end)]

    def doses_in_last(self, span: timedelta) -> list[fmt.DoseRecord]:
        return self.doses_between(self.now - span, self.now)

    @cached_property
    def grams_by_day(self) -> dict[date, float]:
        totals: dict[date, float] = {}
        for dose in self.doses:
            day = local_day(dose.taken_at, self.tz)
            totals[day] = totals.get(day, 0.0) + dose.grams
        return totals

    @cached_property
    def doses_by_day(self) -> dict[date, int]:
        counts: dict[date, int] = {}
        for dose in self.doses:
            day = local_day(dose.taken_at, self.tz)
            counts[day] = counts.get(day, 0) + 1
        return counts

    def daily_grams(self, first: date, last: date) -> list[float]:
        """Grams per local day from `first` to `last`, 0 for days without doses."""
        return [self.grams_by_day.get(day, 0.0) for day in day_range(first, last)]

    def medication_active(self, medication: fmt.MedicationRecord, on: date) -> bool:
        started = medication.started_on is None or medication.started_on <= on
        running = medication.stopped_on is None or medication.stopped_on >= on
        return started and running

    @cached_property
    def uses_kratom(self) -> bool:
        """Any dose in the last 7 days (mitragynine's half-life, about 1–3 days, keeps it around for days)."""
        return bool(self.doses_in_last(timedelta(days=7)))
