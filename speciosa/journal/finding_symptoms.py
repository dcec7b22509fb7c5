"""One tap from a red flag read in words to the coded symptom: a write on the journal that a finding
asks for, so it sits above both the write path (services) and the findings it reads."""

from __future__ import annotations

from datetime import datetime

from speciosa.core.errors import InvalidInput, NotFound
from speciosa.core.safety import Severity
from speciosa.journal import User, services
from speciosa.journal import models as m
from speciosa.journal.findings import (
    CurrentFinding,
    finding_acknowledge,
    finding_stored,
    findings_after_write,
)
from speciosa.journal.records import KINDS
from speciosa.refdata import red_flags


def finding_log_symptoms(*, user: User, key: str, now: datetime) -> m.CheckIn:
    """Log, with one tap, the symptoms a red flag read from a note describes, as coded side effects.

    A note in a check-in gets them added to that check-in; a note on a dose or substance gets a new
    check-in at the same time. The coded red flag then takes the place of the one read from words (one
    event, one finding). Severity: moderate, or mild for a sign the flag treats as a warning when mild
    and alone (so logging it changes nothing but the record)."""
    stored = finding_stored(user=user, key=key)
    if stored is None:  # raised, but not stored yet: a write a moment before left it to this one
        findings_after_write(user=user, now=now, force=True)
        stored = finding_stored(user=user, key=key)
    if stored is None:
        raise NotFound("no such finding")
    finding = stored.finding
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
    findings_after_write(user=user, now=now, force=True)
    assert isinstance(updated, m.CheckIn)
    return updated


def finding_after_logging(*, user: User, key: str, checkin: m.CheckIn) -> CurrentFinding | None:
    """The finding that takes the place of the red flag read from words (`key`) once its symptoms were
    logged in `checkin`: the coded one, else the one read (now acknowledged)."""
    read = finding_stored(user=user, key=key)
    if read is None:
        return None
    coded = finding_stored(user=user, key=f"{read.code}:{read.finding.subject}:{checkin.uid}")
    return coded or read
