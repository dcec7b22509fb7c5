"""The one bridge from stored rows to core values: the part of a person's journal the safety engine,
the dose preview and the dose timeline read, as a `JournalDocument` (speciosa.core.journal_format).

The windows are core's (speciosa.core.safety.windows): the last `WINDOW_DAYS` of timed entries, every
product and medication, a year of lab results; an exported file is assessed with the same ones.
"""

from __future__ import annotations

from datetime import datetime

from speciosa.core import journal_format as fmt
from speciosa.core.safety.windows import TIMED_KINDS, WINDOW_DAYS, lab_window, window_start
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.records import KINDS, profile_record, to_record
from speciosa.journal.selectors import profile_get, user_zone


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
    return fmt.JournalDocument(profile=profile_record(profile), **lists)
