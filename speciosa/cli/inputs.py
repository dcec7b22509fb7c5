"""Reading what a person types: local times and dates, side effects, products by name, time zones."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from speciosa.core.days import portable_zones
from speciosa.core.errors import InvalidInput, NotFound
from speciosa.journal import selectors

TIME_EXAMPLE = "2026-03-01 08:30"


def local_moment(text: str, *, tz: ZoneInfo, now: datetime, field: str = "at") -> datetime:
    """A time typed in the person's own time zone ("2026-03-01 08:30", or "08:30" for today), in UTC.

    A time with an explicit offset is taken as written. A local time that does not exist (the hour
    skipped when clocks move forward) is refused rather than guessed.
    """
    text = text.strip()
    try:
        if len(text) <= 5 and ":" in text:
            moment = datetime.combine(now.astimezone(tz).date(), time.fromisoformat(text.zfill(5)))
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a time; use the form {TIME_EXAMPLE} (your local time)", field=field
        ) from None
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    aware = moment.replace(tzinfo=tz)
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != moment:
        raise InvalidInput(
            f"{text} does not exist in {tz.key} (the clocks skip that hour); check the time", field=field
        )
    return aware.astimezone(UTC)


def local_date(text: str, *, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a date; use the form 2026-03-01", field=field) from None


def side_effect(text: str) -> dict[str, str]:
    """`CODE`, `CODE:SEVERITY` or `CODE:SEVERITY:TEXT` as a side-effect value for a check-in."""
    code, _, rest = text.strip().partition(":")
    severity, _, note = rest.partition(":")
    value = {"code": code.strip().lower()}
    if severity.strip():
        value["severity"] = severity.strip().lower()
    if note.strip():
        value["text"] = note.strip()
    return value


def product_chosen(*, user: Any, name_or_uid: str) -> Any:
    """The person's product with this uid, or this name (case does not matter), among the active ones."""
    wanted = name_or_uid.strip()
    products = list(selectors.product_list(user=user, include_archived=True))
    by_uid = [p for p in products if str(p.uid) == wanted.lower()]
    if by_uid:
        return by_uid[0]
    named = [p for p in products if p.name.casefold() == wanted.casefold()]
    active = [p for p in named if not p.archived]
    if len(active) == 1:
        return active[0]
    if len(active) > 1:
        uids = ", ".join(str(p.uid) for p in active)
        raise InvalidInput(
            f"{len(active)} products are called {wanted!r}; give one by uid: {uids}", field="product"
        )
    if named:
        raise InvalidInput(f"{wanted!r} is archived; choose an active product", field="product")
    raise InvalidInput(f"no product called {wanted!r}; `speciosa products` lists yours", field="product")


def one_of(text: str, values: Iterable[str]) -> str:
    """The value `text` names, whatever its case and whether words are joined by `-`, `_` or a space
    ("Heat-cold" is heat_cold, "alt" is ALT); as typed when it names none, for the service to refuse."""

    def key(value: str) -> str:
        return value.strip().casefold().replace("-", "_").replace(" ", "_")

    return next((value for value in values if key(value) == key(text)), text.strip())


def medication_chosen(*, user: Any, name_or_uid: str, on: date) -> Any:
    """The person's medication with this uid, or among those taken on `on` (started by then, not
    stopped before) the one with this name (case does not matter), else the one whose name contains it."""
    wanted = name_or_uid.strip()
    if not wanted:
        raise InvalidInput("give the medication's name or uid", field="MEDICATION")
    try:
        return selectors.entry_get(user=user, kind="medications", uid=wanted)
    except NotFound:
        pass
    taken = list(selectors.medication_active(user=user, on=on))
    key = wanted.casefold()
    named = [med for med in taken if med.name.casefold() == key] or [
        med for med in taken if key in med.name.casefold()
    ]
    if len(named) == 1:
        return named[0]
    if named:
        choices = "; ".join(f"{med.name} ({med.uid})" for med in named)
        raise InvalidInput(
            f"{len(named)} of your medications match {wanted!r}; give one by uid: {choices}",
            field="MEDICATION",
        )
    if not taken:
        raise InvalidInput(f"your journal has no medication you take on {on}", field="MEDICATION")
    names = ", ".join(sorted(med.name for med in taken))
    raise InvalidInput(
        f"none of the medications you take on {on} is called {wanted!r}; you take: {names}",
        field="MEDICATION",
    )


def this_computer_zone() -> str:
    """The IANA name of this computer's time zone (TZ, /etc/timezone or /etc/localtime), else UTC."""
    known = portable_zones()
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        candidates.append(timezone_file.read_text(encoding="utf-8").strip())
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    return next((name for name in candidates if name in known), "UTC")
