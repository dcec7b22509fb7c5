"""Day-by-day values (local days) that tolerance, PEG and factors share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from speciosa.core.insights.data import JournalRecords


@dataclass(frozen=True)
class Days:
    grams: dict[date, float]
    pain: dict[date, float]  # mean pain now of the day's check-ins
    peg: dict[date, float]  # mean PEG-3 of the day's check-ins
    sleep: dict[date, float]  # sleep quality (rated in the morning: the night before)
    therapies: dict[str, set[date]]
    substances: dict[str, set[date]]
    logged: set[date]  # days with any entry


def _mean(values: dict[date, list[float]]) -> dict[date, float]:
    return {day: sum(v) / len(v) for day, v in values.items()}


def days_of(records: JournalRecords) -> Days:
    grams: dict[date, float] = defaultdict(float)
    pain: dict[date, list[float]] = defaultdict(list)
    peg: dict[date, list[float]] = defaultdict(list)
    sleep: dict[date, list[float]] = defaultdict(list)
    for d in records.doses:
        grams[records.day(d.at)] += d.grams
    for c in records.checkins:
        day = records.day(c.at)
        if c.pain_now is not None:
            pain[day].append(c.pain_now)
        if (score := c.peg) is not None:
            peg[day].append(score)
        if c.sleep_quality is not None:
            sleep[day].append(c.sleep_quality)
    therapies: dict[str, set[date]] = defaultdict(set)
    for t in records.therapies:
        therapies[t.kind].add(records.day(t.at))
    substances: dict[str, set[date]] = defaultdict(set)
    for s in records.substances:
        substances[s.kind].add(records.day(s.at))
    logged = set(grams) | set(pain) | set(peg)
    return Days(dict(grams), _mean(pain), _mean(peg), _mean(sleep), dict(therapies), dict(substances), logged)
