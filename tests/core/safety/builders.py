"""Small journals for the rule, timeline and dose-context tests.

Every builder takes the fewest facts a test needs; `journal` puts them in one document and `raised`
runs one registered rule over it at `NOW`: Saturday 7 March 2026, 10:00 in New York (15:00 UTC), the
journal's zone. `ago(hours=2)` is a moment before NOW; `local(days_ago, hour)` is a wall-clock time in
New York that many local days before NOW's day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from uuid import UUID, uuid5
from zoneinfo import ZoneInfo

from speciosa.core import journal_format as fmt
from speciosa.core.safety import Finding, JournalView, rule_for

NOW = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
ZONE = "America/New_York"
TZ = ZoneInfo(ZONE)
TODAY = date(2026, 3, 7)

_serial = count()


def uid() -> UUID:
    return uuid5(UUID(int=0), f"builders:{next(_serial)}")


def ago(**span: float) -> datetime:
    """A moment before NOW, e.g. ago(hours=2)."""
    return NOW - timedelta(**span)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def local(days_ago: int, hour: int = 9, minute: int = 0) -> datetime:
    """Wall-clock `hour:minute` in New York, `days_ago` local days before today, as a UTC moment."""
    day = TODAY - timedelta(days=days_ago)
    return datetime.combine(day, time(hour, minute), TZ).astimezone(UTC)


def product(
    name: str = "Red Bali", form: str = "powder", batch: str = "", **lab: object
) -> fmt.ProductRecord:
    """A product; lab figures as keyword arguments (lead_ppm=0.5, seven_oh_percent=0.02, ...)."""
    return fmt.ProductRecord(uid=uid(), name=name, form=form, batch=batch, **lab)


def dose(
    at: datetime, grams: float = 3.0, of: fmt.ProductRecord | None = None, *, note: str = ""
) -> fmt.DoseRecord:
    return fmt.DoseRecord(
        uid=uid(), taken_at=at, grams=grams, amount=grams, product_uid=of.uid if of else None, note=note
    )


def every_day(
    first: int, last: int, grams: float, per_day: int = 1, of: fmt.ProductRecord | None = None
) -> list[fmt.DoseRecord]:
    """`per_day` doses of `grams` each, at 08:00, 10:00, 12:00, ... local, on each day from `first`
    to `last` local days ago (first >= last)."""
    return [
        dose(local(days, 8 + 2 * i), grams, of) for days in range(first, last - 1, -1) for i in range(per_day)
    ]


def checkin(
    at: datetime,
    *effects: str | tuple[str, str],
    note: str = "",
    pain_now: int | None = None,
    peg: tuple[int, int, int] | None = None,
) -> fmt.CheckInRecord:
    """A check-in with side effects given as codes ("dark_urine") or (code, severity) pairs, and pain
    now and the three PEG items when a test needs them."""
    peg_pain, peg_enjoyment, peg_activity = peg or (None, None, None)
    return fmt.CheckInRecord(
        uid=uid(),
        at=at,
        pain_now=pain_now,
        peg_pain=peg_pain,
        peg_enjoyment=peg_enjoyment,
        peg_activity=peg_activity,
        side_effects=[
            fmt.SideEffectRecord(code=e)
            if isinstance(e, str)
            else fmt.SideEffectRecord(code=e[0], severity=e[1])
            for e in effects
        ],
        note=note,
    )


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
    products: Iterable[fmt.ProductRecord] = (),
    doses: Iterable[fmt.DoseRecord] = (),
    checkins: Iterable[fmt.CheckInRecord] = (),
    medications: Iterable[fmt.MedicationRecord] = (),
    substances: Iterable[fmt.SubstanceRecord] = (),
    labs: Iterable[fmt.LabRecord] = (),
    pregnant: bool = False,
) -> fmt.JournalDocument:
    return fmt.JournalDocument(
        profile=fmt.ProfileRecord(timezone=ZONE, pregnant=pregnant),
        products=list(products),
        doses=list(doses),
        checkins=list(checkins),
        medications=list(medications),
        substances=list(substances),
        labs=list(labs),
    )


def view_of(document: fmt.JournalDocument, now: datetime = NOW) -> JournalView:
    return JournalView.of(document, now)


def raised(code: str, document: fmt.JournalDocument, now: datetime = NOW) -> list[Finding]:
    """The findings one registered rule raises for `document` at `now`."""
    registered = rule_for(code)
    assert registered is not None, f"no rule {code!r} is registered"
    return list(registered.check(JournalView.of(document, now)))
