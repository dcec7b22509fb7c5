"""Findings for one person: the journal window the engine reads, refreshing, and acknowledging.

The engine (`speciosa.core.safety.assess`) is pure; this module loads the window it needs (the
windows of speciosa.core.safety.windows, which an exported file is assessed with too: the last
`WINDOW_DAYS` of timed entries, every product and medication, a year of lab results), says what an
assessment covered (`findings_scope`), and keeps a `FindingState` per finding so pages can show
history and acknowledgement.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet

from speciosa.core import journal_format as fmt
from speciosa.core.days import local_day
from speciosa.core.errors import InvalidInput, NotFound
from speciosa.core.safety import EntryRef, Finding, Severity, assess
from speciosa.core.safety.scope import AssessmentScope, NewestEntry, assessment_scope, scope_from
from speciosa.core.safety.windows import LAB_WINDOW_DAYS as LAB_WINDOW_DAYS  # named here as before
from speciosa.core.safety.windows import TIMED_KINDS, WINDOW_DAYS, lab_window, window_start
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.records import KINDS, profile_record, to_record
from speciosa.journal.selectors import profile_get, user_zone
from speciosa.refdata import red_flags


def journal_window(*, user: User, now: datetime, days: int = WINDOW_DAYS) -> fmt.JournalDocument:
    """The part of the journal the safety rules read, as a journal document."""
    profile = profile_get(user=user)
    start = window_start(now, days)
    product_uids = dict(m.Product.objects.filter(user=user).values_list("id", "uid"))
    lists: dict[str, list[fmt.Record]] = {}
    for name, kind in KINDS.items():
        rows = kind.model.objects.filter(user=user)
        if name in TIMED_KINDS:
            rows = rows.filter(**{f"{kind.time_field}__gte": start, f"{kind.time_field}__lte": now})
        elif name == "labs":
            first, last = lab_window(now, user_zone(user=user))
            rows = rows.filter(taken_on__gte=first, taken_on__lte=last)
        if name == "checkins":
            rows = rows.prefetch_related("side_effects")
        lists[name] = [to_record(row, product_uids=product_uids) for row in rows]
    return fmt.JournalDocument(
        profile=profile_record(profile),
        **lists,
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
    for name, time_field in TIMED_KINDS.items():
        found = (
            KINDS[name]
            .model.objects.filter(user=user)
            .aggregate(
                newest=Max(time_field),
                recent=Count("id", filter=Q(**{f"{time_field}__gte": start, f"{time_field}__lte": now})),
            )
        )
        if found["newest"] is not None:
            newest.append(NewestEntry(name, local_day(found["newest"], tz)))
        count += found["recent"]
    labs = m.LabResult.objects.filter(user=user).aggregate(
        newest=Max("taken_on"), recent=Count("id", filter=Q(taken_on__gte=first, taken_on__lte=last))
    )
    if labs["newest"] is not None:
        newest.append(NewestEntry("labs", labs["newest"]))
    count += labs["recent"]
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
    data = asdict(finding)
    data["severity"] = finding.severity.value
    data["entries"] = [{"kind": e.kind, "uid": str(e.uid)} for e in finding.entries]
    data["sources"] = list(finding.sources)
    data["symptoms_to_log"] = list(finding.symptoms_to_log)
    data["at"] = finding.at.isoformat() if finding.at else None
    return data


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
    with transaction.atomic():
        states = {s.key: s for s in m.FindingState.objects.select_for_update().filter(user=user, active=True)}
        seen = set()
        unchanged = []
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
            if state is not None and state.finding == values["finding"]:
                unchanged.append(finding.key)
                continue
            if state is None:  # new, or back after it lapsed: to be read (again)
                values["acknowledged_at"] = None
            m.FindingState.objects.update_or_create(
                user=user, key=finding.key, defaults=values, create_defaults={**values, "first_seen_at": now}
            )
        if unchanged:
            m.FindingState.objects.filter(user=user, key__in=unchanged).update(last_seen_at=now)
        gone = [key for key, state in states.items() if key not in seen and not _still_urgent(user, state)]
        if gone:
            m.FindingState.objects.filter(user=user, key__in=gone).update(active=False)
    return findings


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


def findings_current(*, user: User) -> list[tuple[Finding, m.FindingState]]:
    """The findings the latest assessment raised, urgent first, with their state."""
    states = m.FindingState.objects.filter(user=user, active=True)
    pairs = [(finding_from_json(s.finding), s) for s in states]
    return sorted(pairs, key=lambda pair: pair[0].sort_key())


def findings_history(*, user: User, limit: int = 200) -> QuerySet[m.FindingState]:
    """Every finding ever raised for the person, the most recently seen first."""
    return m.FindingState.objects.filter(user=user).order_by("-last_seen_at", "key")[:limit]


def findings_urgent_unacknowledged(*, user: User) -> list[Finding]:
    """Urgent findings not yet acknowledged: shown above everything else on every page."""
    states = m.FindingState.objects.filter(
        user=user, active=True, severity=Severity.URGENT.value, acknowledged_at__isnull=True
    )
    return sorted((finding_from_json(s.finding) for s in states), key=Finding.sort_key)


def finding_acknowledge(*, user: User, key: str, now: datetime) -> m.FindingState:
    state = m.FindingState.objects.filter(user=user, key=key).first()
    if state is None:
        raise NotFound("no such finding")
    if state.acknowledged_at is None:
        state.acknowledged_at = now
        state.save(update_fields=["acknowledged_at"])
    return state


def finding_log_symptoms(*, user: User, key: str, now: datetime) -> m.CheckIn:
    """Log, with one tap, the symptoms a red flag read from a note describes, as coded side effects.

    A note in a check-in gets them added to that check-in; a note on a dose or substance gets a new
    check-in at the same time. The coded red flag then takes the place of the one read from words (one
    event, one finding). Severity: moderate, or mild for a sign the flag treats as a warning when mild
    and alone (so logging it changes nothing but the record)."""
    from speciosa.journal import services  # services refresh findings after writes: import when used

    state = m.FindingState.objects.filter(user=user, key=key).first()
    if state is None:
        raise NotFound("no such finding")
    finding = finding_from_json(state.finding)
    if not finding.symptoms_to_log or not finding.entries:
        raise InvalidInput("this finding has no symptom to log", field="key")
    flag = next((f for f in red_flags() if f.code == finding.subject), None)
    mild = flag is not None and finding.severity is Severity.WARNING and flag.mild_alone
    severity = "mild" if mild else "moderate"
    entry = finding.entries[0]
    if entry.kind == "checkins":
        checkin = m.CheckIn.objects.get(user=user, uid=entry.uid)
        effects = [
            {"code": e.code, "severity": e.severity, "text": e.text} for e in checkin.side_effects.all()
        ]
        present = {e["code"] for e in effects}
        effects += [{"code": c, "severity": severity} for c in finding.symptoms_to_log if c not in present]
        updated = services.entry_update(
            user=user, kind="checkins", uid=entry.uid, values={"side_effects": effects}, now=now
        )
    else:
        source = KINDS[entry.kind].model.objects.get(user=user, uid=entry.uid)
        moment = getattr(source, KINDS[entry.kind].time_field)
        updated = services.entry_create(
            user=user,
            kind="checkins",
            values={
                "at": moment,
                "side_effects": [{"code": c, "severity": severity} for c in finding.symptoms_to_log],
                "note": "Logged from a red flag read in a note.",
            },
            now=now,
        )
    finding_acknowledge(user=user, key=key, now=now)  # the coded red flag takes its place
    findings_refresh(user=user, now=now)
    assert isinstance(updated, m.CheckIn)
    return updated
