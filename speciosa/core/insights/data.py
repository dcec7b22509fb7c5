"""Plain input records for the insights: what the journal layer loads, with no Django in sight.

`records_from_document` reads the same records from a journal document (the export format, and the
demo stories), so the insights can be computed and tested on the demo journals without a database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from speciosa.core.scores import peg_score


@dataclass(frozen=True)
class DoseRecord:
    at: datetime
    grams: float
    product: str = ""
    vein: str = ""


@dataclass(frozen=True)
class SideEffectRecord:
    code: str
    severity: str = "mild"
    #: "common", "serious" or "withdrawal" (speciosa.refdata.side_effects); withdrawal is left out of
    #: side effects by dose band: it follows missed or cut doses, not the dose before it.
    group: str = "common"
    label: str = ""


@dataclass(frozen=True)
class CheckInRecord:
    at: datetime
    pain_now: float | None = None
    peg_pain: float | None = None
    peg_enjoyment: float | None = None
    peg_activity: float | None = None
    sleep_quality: float | None = None
    side_effects: tuple[SideEffectRecord, ...] = ()

    @property
    def peg(self) -> float | None:
        return peg_score(self.peg_pain, self.peg_enjoyment, self.peg_activity)


@dataclass(frozen=True)
class EventRecord:
    """A therapy (kind: physical_therapy, exercise, ...) or another substance (kind: alcohol, ...)."""

    at: datetime
    kind: str


@dataclass(frozen=True)
class JournalRecords:
    zone: ZoneInfo
    doses: Sequence[DoseRecord] = ()
    checkins: Sequence[CheckInRecord] = ()
    therapies: Sequence[EventRecord] = ()
    substances: Sequence[EventRecord] = ()
    #: The last day the insights look at (today); None: the last entry's day.
    today: date | None = None
    labels: Mapping[str, str] = field(default_factory=dict)

    def day(self, moment: datetime) -> date:
        """The local day of `moment` (zoneinfo caches the zone's transitions: a few hundred ns)."""
        return moment.astimezone(self.zone).date()


def _moment(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _group(code: str, groups: Mapping[str, str]) -> str:
    return groups.get(code, "common")


def records_from_document(
    doc: Mapping[str, Any], *, groups: Mapping[str, str] | None = None
) -> JournalRecords:
    """The records of a journal document (speciosa.core.journal_format); `groups` maps side-effect codes
    to their group (the journal layer passes speciosa.refdata's)."""
    groups = groups or {}
    products = {p["uid"]: p for p in doc.get("products", [])}
    doses = [
        DoseRecord(
            at=_moment(d["taken_at"]),
            grams=float(d["grams"]),
            product=str(products.get(d.get("product_uid"), {}).get("name", "")),
            vein=str(products.get(d.get("product_uid"), {}).get("vein", "")),
        )
        for d in doc.get("doses", [])
    ]
    checkins = [
        CheckInRecord(
            at=_moment(c["at"]),
            pain_now=c.get("pain_now"),
            peg_pain=c.get("peg_pain"),
            peg_enjoyment=c.get("peg_enjoyment"),
            peg_activity=c.get("peg_activity"),
            sleep_quality=c.get("sleep_quality"),
            side_effects=tuple(
                SideEffectRecord(
                    code=s["code"], severity=s.get("severity", "mild"), group=_group(s["code"], groups)
                )
                for s in c.get("side_effects", [])
            ),
        )
        for c in doc.get("checkins", [])
    ]
    therapies = [EventRecord(at=_moment(t["at"]), kind=str(t["kind"])) for t in doc.get("therapies", [])]
    substances = [EventRecord(at=_moment(s["at"]), kind=str(s["kind"])) for s in doc.get("substances", [])]
    zone = ZoneInfo(doc.get("profile", {}).get("timezone") or "UTC")
    return JournalRecords(
        zone=zone, doses=doses, checkins=checkins, therapies=therapies, substances=substances
    )
