"""Small journals for the interaction, red-flag, liver and pregnancy rule tests.

Every builder takes the fewest facts a test needs; `journal` puts them in one document and `raised`
runs one rule over it at `NOW` (a Saturday, 10:00 in New York).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from itertools import count
from uuid import UUID, uuid5

from speciosa.core import journal_format as fmt
from speciosa.core.safety import Finding, JournalView, rule_for

NOW = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
TODAY = date(2026, 3, 7)
ZONE = "America/New_York"

_serial = count()


def uid() -> UUID:
    return uuid5(UUID(int=0), f"builders-a:{next(_serial)}")


def ago(**span: float) -> datetime:
    """A moment before NOW, e.g. ago(hours=2)."""
    return NOW - timedelta(**span)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def dose(at: datetime, grams: float = 3.0, note: str = "") -> fmt.DoseRecord:
    return fmt.DoseRecord(uid=uid(), taken_at=at, grams=grams, amount=grams, note=note)


def checkin(at: datetime, *effects: str | tuple[str, str], note: str = "") -> fmt.CheckInRecord:
    """A check-in with side effects given as codes ("dark_urine") or (code, severity) pairs."""
    records = [
        fmt.SideEffectRecord(code=e) if isinstance(e, str) else fmt.SideEffectRecord(code=e[0], severity=e[1])
        for e in effects
    ]
    return fmt.CheckInRecord(uid=uid(), at=at, side_effects=records, note=note)


def medication(
    name: str, started_on: date | None = None, stopped_on: date | None = None
) -> fmt.MedicationRecord:
    return fmt.MedicationRecord(uid=uid(), name=name, started_on=started_on, stopped_on=stopped_on)


def substance(at: datetime, name: str, amount_text: str = "", note: str = "") -> fmt.SubstanceRecord:
    return fmt.SubstanceRecord(uid=uid(), at=at, substance=name, amount_text=amount_text, note=note)


def drink(at: datetime, name: str = "beer", drinks: float = 1.0) -> fmt.SubstanceRecord:
    return fmt.SubstanceRecord(uid=uid(), at=at, kind="alcohol", substance=name, standard_drinks=drinks)


def lab(
    test: str, value: float, high: float | None, taken_on: date = TODAY, unit: str = "U/L"
) -> fmt.LabRecord:
    return fmt.LabRecord(uid=uid(), taken_on=taken_on, test=test, value=value, unit=unit, reference_high=high)


def journal(
    *,
    doses: Iterable[fmt.DoseRecord] = (),
    checkins: Iterable[fmt.CheckInRecord] = (),
    medications: Iterable[fmt.MedicationRecord] = (),
    substances: Iterable[fmt.SubstanceRecord] = (),
    labs: Iterable[fmt.LabRecord] = (),
    pregnant: bool = False,
) -> fmt.JournalDocument:
    return fmt.JournalDocument(
        profile=fmt.ProfileRecord(timezone=ZONE, pregnant=pregnant),
        doses=list(doses),
        checkins=list(checkins),
        medications=list(medications),
        substances=list(substances),
        labs=list(labs),
    )


def raised(code: str, document: fmt.JournalDocument, now: datetime = NOW) -> list[Finding]:
    """The findings one registered rule raises for `document` at `now`."""
    registered = rule_for(code)
    assert registered is not None, f"no rule {code!r} is registered"
    return list(registered.check(JournalView.of(document, now)))
