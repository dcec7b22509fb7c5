"""Self-checks: the SOWS (withdrawal now) and the DSM-5 dependence self-check, stored as journal
entries (kind "selfchecks": export, import, undo, delete like any entry) and read with their scores
(speciosa.core.taper.scales)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone as dj_timezone

from speciosa.core.errors import InvalidInput
from speciosa.core.taper import scales
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.selectors import user_zone
from speciosa.journal.services import entry_create
from speciosa.refdata.taper import Questionnaire, questionnaire


@dataclass(frozen=True)
class ScoredCheck:
    entry: m.SelfCheck
    result: scales.Result

    @property
    def at(self) -> datetime:
        return self.entry.at


def selfcheck_create(
    *,
    user: User,
    instrument: str,
    answers: list[Any],
    at: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
    uid: str | None = None,
) -> ScoredCheck:
    """Store one questionnaire as answered (all answers, in order); InvalidInput names the answer."""
    now = now or dj_timezone.now()
    errors = scales.answer_errors(instrument, answers if isinstance(answers, list) else [])
    if errors:  # each answer named by its place (answers[3]), before the generic entry checks
        raise InvalidInput(errors)
    entry = entry_create(
        user=user,
        kind="selfchecks",
        values={"at": at or now, "instrument": instrument, "answers": answers, "note": note},
        now=now,
        uid=uid,
    )
    assert isinstance(entry, m.SelfCheck)
    return scored(entry)


def scored(entry: m.SelfCheck) -> ScoredCheck:
    return ScoredCheck(entry=entry, result=scales.score(entry.instrument, list(entry.answers)))


def selfcheck_list(
    *, user: User, instrument: str, since: datetime | None = None, limit: int | None = None
) -> list[ScoredCheck]:
    """The person's answers to one questionnaire, newest first."""
    rows = m.SelfCheck.objects.filter(user=user, instrument=instrument).order_by("-at", "-id")
    if since is not None:
        rows = rows.filter(at__gte=since)
    if limit is not None:
        rows = rows[:limit]
    return [scored(row) for row in rows]


def selfcheck_latest(*, user: User, instrument: str) -> ScoredCheck | None:
    found = selfcheck_list(user=user, instrument=instrument, limit=1)
    return found[0] if found else None


def sows_by_day(
    *, user: User, since: datetime | None = None, zone: ZoneInfo | None = None
) -> list[tuple[datetime, int]]:
    """Every SOWS total (oldest first) with its moment in the person's time zone (`zone`, when the
    caller has it). Read as two columns: the answers were checked when stored, so the total is their sum."""
    zone = zone or user_zone(user=user)
    rows = m.SelfCheck.objects.filter(user=user, instrument="sows")
    if since is not None:
        rows = rows.filter(at__gte=since)
    return [
        (at.astimezone(zone), sum(answers))
        for at, answers in rows.order_by("at", "id").values_list("at", "answers")
    ]


def form_of(instrument: str) -> Questionnaire:
    """The questionnaire's items, answers and sources (for forms and the CLI)."""
    return questionnaire(instrument)
