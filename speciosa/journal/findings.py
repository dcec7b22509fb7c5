"""Findings for one person: keeping them current as the journal changes, reading them, and what an
assessment covered.

The engine (`speciosa.core.safety.assess`) is pure; it reads the window of `speciosa.journal.window`.
The journal's write path calls `findings_after_write` after every write: it assesses the journal and
keeps a `FindingState` per finding (first and last raised, acknowledged) for history and for
acknowledgement. Pages and GETs only read (`findings_current`): when the stored states have not seen
the newest change yet (writes a moment apart share one assessment) or are older than
`STORED_FINDINGS_LAST`, the read assesses in memory, writes nothing, and shows that.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone as dj_timezone

from speciosa.core import journal_format as fmt
from speciosa.core.days import local_day
from speciosa.core.errors import NotFound
from speciosa.core.safety import EntryRef, Finding, Rule, Severity, all_rules, assess, rule_for
from speciosa.core.safety.scope import AssessmentScope, NewestEntry, assessment_scope, scope_from
from speciosa.core.safety.windows import TIMED_KINDS, lab_window, window_start
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.records import KINDS
from speciosa.journal.selectors import profile_get, user_zone
from speciosa.journal.window import journal_window

#: The engine's types and registry, for the interfaces (which never import speciosa.core.safety).
__all__ = ["AssessmentScope", "Finding", "Rule", "Severity", "all_rules", "rule_for"]

#: Writes closer together than this share one stored assessment (a burst of logging from a program);
#: reads in between assess in memory, so what they show is never behind.
ASSESS_AT_MOST_EVERY = timedelta(seconds=2)
#: Stored findings older than this are assessed again in memory when read (findings can lapse as
#: time passes: a red flag leaves its seven days).
STORED_FINDINGS_LAST = timedelta(hours=1)
#: Findings at or above this severity count in the nav badge and are shown open on Today.
NOTABLE = Severity.CAUTION


@dataclass(frozen=True)
class CurrentFinding:
    """A finding as shown to the person: the engine's finding, and when it was first and last raised
    and acknowledged (`first_seen_at` is now for a finding no stored assessment has seen yet)."""

    finding: Finding
    first_seen_at: datetime
    last_seen_at: datetime
    acknowledged_at: datetime | None = None
    active: bool = True

    @property
    def key(self) -> str:
        return self.finding.key

    @property
    def code(self) -> str:
        return self.finding.code

    @property
    def title(self) -> str:
        return self.finding.title

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def notable(self) -> bool:
        return self.finding.severity.rank >= NOTABLE.rank

    @classmethod
    def of(cls, state: m.FindingState) -> CurrentFinding:
        return cls(
            finding_from_json(state.finding),
            state.first_seen_at,
            state.last_seen_at,
            state.acknowledged_at,
            state.active,
        )


def findings_scope(*, user: User, now: datetime) -> AssessmentScope:
    """What an assessment of the person's journal at `now` covers (speciosa.core.safety.scope).

    Its `message` is the sentence to show beside the findings, e.g. "Your newest entry is from 3 March
    2023; findings look at the last 90 days (lab results: the last 365 days)." or "Your journal has
    no entries yet."; `window_empty` says the windows held no entry at all, `stale` that the newest
    entry is older than the timed window. A few indexed aggregate queries, whatever the history.
    """
    tz = user_zone(user=user)
    start = window_start(now)
    first, last = lab_window(now, tz)
    newest: list[NewestEntry] = []
    count = 0
    # The newest moment and the count in the window are two queries, not one: each then reads only its
    # end of the (user, time) index, where one COUNT(...) FILTER would visit every row of the history.
    for name, time_field in TIMED_KINDS.items():
        rows = KINDS[name].model.objects.filter(user=user)
        found = rows.aggregate(newest=Max(time_field))["newest"]
        if found is not None:
            newest.append(NewestEntry(name, local_day(found, tz)))
            count += rows.filter(**{f"{time_field}__gte": start, f"{time_field}__lte": now}).count()
    labs = m.LabResult.objects.filter(user=user)
    found_on = labs.aggregate(newest=Max("taken_on"))["newest"]
    if found_on is not None:
        newest.append(NewestEntry("labs", found_on))
        count += labs.filter(taken_on__gte=first, taken_on__lte=last).count()
    has_entries = bool(newest) or any(
        KINDS[name].model.objects.filter(user=user).exists() for name in ("products", "medications")
    )
    return scope_from(now=now, tz=tz, newest=newest, entries_in_window=count, has_entries=has_entries)


def findings_of_document(
    *, document: fmt.JournalDocument, now: datetime
) -> tuple[list[Finding], AssessmentScope]:
    """A journal document (an exported file) assessed on its own and stored nowhere: its findings,
    urgent first, and what they covered. Read with the same windows as the stored journal."""
    return assess(document, now), assessment_scope(document, now)


def finding_as_json(finding: Finding) -> dict[str, Any]:
    """A finding as the JSON a FindingState keeps (field by field: no deep copies on the write path)."""
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "title": finding.title,
        "meaning": finding.meaning,
        "action": finding.action,
        "grade": finding.grade,
        "sources": list(finding.sources),
        "entries": [{"kind": e.kind, "uid": str(e.uid)} for e in finding.entries],
        "subject": finding.subject,
        "at": finding.at.isoformat() if finding.at else None,
        "key": finding.key,
        "symptoms_to_log": list(finding.symptoms_to_log),
    }


def finding_from_json(data: dict[str, Any]) -> Finding:
    return Finding(
        code=data["code"],
        severity=Severity(data["severity"]),
        title=data["title"],
        meaning=data["meaning"],
        action=data["action"],
        grade=data["grade"],
        sources=tuple(data["sources"]),
        entries=tuple(EntryRef(e["kind"], UUID(e["uid"])) for e in data["entries"]),
        subject=data.get("subject", ""),
        at=datetime.fromisoformat(data["at"]) if data.get("at") else None,
        key=data["key"],
        symptoms_to_log=tuple(data.get("symptoms_to_log", ())),
    )


def findings_refresh(*, user: User, now: datetime) -> list[Finding]:
    """Assess the person's window and record what was raised; returns the current findings.

    A finding raised again after it had lapsed asks to be read again (its acknowledgement is
    cleared). An urgent finding nobody has acknowledged stays on show even after its rule stops
    raising it (a red flag's check-in leaves the 7-day window): urgent means until read.
    """
    findings = assess(journal_window(user=user, now=now), now)
    profile_get(user=user)  # made if missing, so that the lock and the mark below land
    with transaction.atomic():
        # One assessment is stored at a time per person (two imports at once both assess): the second
        # waits here, then reads the states the first stored.
        list(m.Profile.objects.select_for_update().filter(user=user).values_list("id", flat=True))
        latest = _latest_change(user)
        states = {s.key: s for s in m.FindingState.objects.select_for_update().filter(user=user, active=True)}
        seen = set()
        unchanged = []
        raised: dict[str, dict[str, Any]] = {}
        for finding in findings:
            seen.add(finding.key)
            values: dict[str, Any] = {
                "code": finding.code,
                "severity": finding.severity.value,
                "title": finding.title[:200],
                "finding": finding_as_json(finding),
                "active": True,
                "last_seen_at": now,
            }
            state = states.get(finding.key)
            if state is None:  # new, or back after it lapsed: to be read (again)
                raised[finding.key] = {**values, "acknowledged_at": None}
            elif state.finding == values["finding"]:
                unchanged.append(finding.key)
            else:
                m.FindingState.objects.filter(pk=state.pk).update(**values)
        lapsed = set(m.FindingState.objects.filter(user=user, key__in=raised).values_list("key", flat=True))
        for key in lapsed:
            m.FindingState.objects.filter(user=user, key=key).update(**raised[key])
        m.FindingState.objects.bulk_create(  # the first assessment of an imported journal raises many
            m.FindingState(user=user, key=key, first_seen_at=now, **values)
            for key, values in raised.items()
            if key not in lapsed
        )
        if unchanged:
            m.FindingState.objects.filter(user=user, key__in=unchanged).update(last_seen_at=now)
        gone = [key for key, state in states.items() if key not in seen and not _still_urgent(user, state)]
        if gone:
            m.FindingState.objects.filter(user=user, key__in=gone).update(active=False)
        m.Profile.objects.filter(user=user).update(findings_assessed_at=now, findings_assessed_change=latest)
    return findings


def findings_after_write(*, user: User, now: datetime, force: bool = False) -> None:
    """Bring the stored findings up to date after a write; the journal's write path calls this after
    every write, and nothing else does. Writes less than `ASSESS_AT_MOST_EVERY` after the last stored
    assessment leave it to the next one (`force`: never), and reads assess in memory meanwhile."""
    last = _assessed_at(user)
    if not force and last is not None and timedelta(0) <= now - last < ASSESS_AT_MOST_EVERY:
        return
    findings_refresh(user=user, now=now)


def _assessed_at(user: User) -> datetime | None:
    """When the stored findings were last brought up to date: one plain SELECT, as it runs on every
    write (the ORM's query building would cost a dose logged through the API a third of its time)."""
    table = connection.ops.quote_name(m.Profile._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT findings_assessed_at FROM {table} WHERE user_id = %s", [user.pk])
        row = cursor.fetchone()
    at = row[0] if row else None
    if isinstance(at, str):  # SQLite without the declared type's converter
        at = datetime.fromisoformat(at)
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


def _latest_change(user: User) -> int:
    """The id of the person's newest change still in the undo log (0 when none): it moves on every
    create, edit and delete; undo, import and profile changes store an assessment at once."""
    return m.Change.objects.filter(user=user, undone=False).values_list("id", flat=True).first() or 0


def _stored_are_current(user: User, now: datetime) -> bool:
    profile = profile_get(user=user)
    at = profile.findings_assessed_at
    return (
        at is not None
        and now - at <= STORED_FINDINGS_LAST
        and profile.findings_assessed_change == _latest_change(user)
    )


def _still_urgent(user: User, state: m.FindingState) -> bool:
    """An urgent finding not yet read whose entries are all still in the journal."""
    if state.severity != Severity.URGENT.value or state.acknowledged_at is not None:
        return False
    entries = state.finding.get("entries") or []
    return bool(entries) and all(
        KINDS[e["kind"]].model.objects.filter(user=user, uid=e["uid"]).exists()
        for e in entries
        if e["kind"] in KINDS
    )


def findings_current(*, user: User, now: datetime | None = None) -> list[CurrentFinding]:
    """The findings of the journal at `now` (default: now), urgent first, each with when it was first
    raised and acknowledged. Reads only: the stored findings when they are current, else an
    assessment in memory joined with the stored acknowledgements."""
    now = now or dj_timezone.now()
    states = {s.key: s for s in m.FindingState.objects.filter(user=user, active=True)}
    if _stored_are_current(user, now):
        shown = [CurrentFinding.of(state) for state in states.values()]
    else:
        shown = []
        for finding in assess(journal_window(user=user, now=now), now):
            state = states.pop(finding.key, None)
            shown.append(
                CurrentFinding(
                    finding,
                    first_seen_at=state.first_seen_at if state else now,
                    last_seen_at=now,
                    acknowledged_at=state.acknowledged_at if state else None,
                )
            )
        shown += [CurrentFinding.of(state) for state in states.values() if _still_urgent(user, state)]
    return sorted(shown, key=lambda current: current.finding.sort_key())


def findings_history(*, user: User, limit: int = 200, now: datetime | None = None) -> list[CurrentFinding]:
    """Every finding ever raised for the person, the most recently seen first (as of `now`: the
    stored history, with the current findings laid over it while the stored ones are behind)."""
    now = now or dj_timezone.now()
    states = m.FindingState.objects.filter(user=user).order_by("-last_seen_at", "key")[:limit]
    stored = [CurrentFinding.of(state) for state in states]
    if _stored_are_current(user, now):
        return stored
    current = {c.key: c for c in findings_current(user=user, now=now)}
    rows = [current.pop(c.key, replace(c, active=False)) for c in stored]
    return sorted([*current.values(), *rows], key=lambda c: c.last_seen_at, reverse=True)[:limit]


def findings_urgent_unacknowledged(
    *, user: User, current: list[CurrentFinding] | None = None
) -> list[Finding]:
    """Urgent findings not yet acknowledged: shown above everything else on every page."""
    found = findings_current(user=user) if current is None else current
    return [c.finding for c in found if c.finding.severity is Severity.URGENT and c.acknowledged_at is None]


def finding_acknowledge(*, user: User, key: str, now: datetime) -> CurrentFinding:
    """Mark a finding as read (stored first if no stored assessment had raised it yet)."""
    state = m.FindingState.objects.filter(user=user, key=key).first()
    if state is None:
        findings_after_write(user=user, now=now, force=True)
        state = m.FindingState.objects.filter(user=user, key=key).first()
    if state is None:
        raise NotFound("no such finding")
    if state.acknowledged_at is None:
        state.acknowledged_at = now
        state.save(update_fields=["acknowledged_at"])
    return CurrentFinding.of(state)


def finding_stored(*, user: User, key: str) -> CurrentFinding | None:
    state = m.FindingState.objects.filter(user=user, key=key).first()
    return CurrentFinding.of(state) if state else None


def findings_acknowledge_all(*, user: User, now: datetime, code: str | None = None) -> int:
    """Mark every current finding of the person as read ("Mark all read"), or only those of one rule
    (`code`: a repeated finding's card). Stores the current assessment first, so that what the page
    showed is what gets marked. Harmless: findings stay listed while they apply, an urgent one leaves
    the banner only, and one raised again asks to be read again. Returns how many were marked."""
    if not _stored_are_current(user, now):
        findings_after_write(user=user, now=now, force=True)
    unread = m.FindingState.objects.filter(user=user, active=True, acknowledged_at__isnull=True)
    if code is not None:
        unread = unread.filter(code=code)
    return unread.update(acknowledged_at=now)
