"""Insights: one person's whole journal read once and handed to speciosa.core.insights, for the web page,
the API and the CLI alike. This is the only place the insights touch the ORM."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast

from speciosa.core.days import local_day
from speciosa.core.insights.data import (
    CheckInRecord,
    DoseRecord,
    EventRecord,
    JournalRecords,
    SideEffectRecord,
)
from speciosa.core.insights.report import Insights, insights
from speciosa.core.vocab import TherapyKind
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.selectors import user_zone
from speciosa.refdata import side_effects


def _timed(rows: QuerySet[Any], field: str, *others: str) -> list[tuple[Any, ...]]:
    """`field` as an aware datetime and `others` as stored. The moments are read as text and parsed
    with datetime.fromisoformat: a few times faster than Django's per-row converters, which matters
    when the whole of a ten-year journal is read. SQLite stores UTC without an offset, so one is
    appended to the text (ten times faster than `.replace(tzinfo=...)`); PostgreSQL's text has "+00"."""
    suffix = "+00:00" if connection.vendor == "sqlite" else ""
    found = rows.annotate(moment_text=Cast(field, output_field=CharField())).values_list(
        "moment_text", *others
    )
    parse = datetime.fromisoformat
    return [(parse(text + suffix), *rest) for text, *rest in found]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a journal's records are built and read: tens of
    thousands of small acyclic objects would otherwise set off full collections, which walk every
    object in the process (a third of the work on a ten-year journal). Collection resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def insights_records(*, user: User, now: datetime) -> JournalRecords:
    """The person's doses, check-ins (with side effects), therapies and substances up to `now`."""
    tz = user_zone(user=user)
    vocabulary = side_effects()
    products = {
        pk: (name, vein)
        for pk, name, vein in m.Product.objects.filter(user=user).values_list("id", "name", "vein")
    }
    doses = [
        DoseRecord(at, grams, *products.get(product, ("", "")))
        for at, grams, product in _timed(
            m.Dose.objects.filter(user=user, taken_at__lte=now), "taken_at", "grams", "product_id"
        )
    ]
    effects: dict[int, list[SideEffectRecord]] = defaultdict(list)
    for checkin, code, severity, text in m.SideEffect.objects.filter(
        checkin__user=user, checkin__at__lte=now
    ).values_list("checkin_id", "code", "severity", "text"):
        known = vocabulary.get(code)
        effects[checkin].append(
            SideEffectRecord(
                code,
                severity,
                known.group if known else "common",
                known.label if known else (text or code.replace("_", " ").capitalize()),
            )
        )
    checkins = [
        CheckInRecord(at, pain, p, e, a, sleep, tuple(effects.get(pk, ())))
        for at, pk, pain, p, e, a, sleep in _timed(
            m.CheckIn.objects.filter(user=user, at__lte=now),
            "at",
            "id",
            "pain_now",
            "peg_pain",
            "peg_enjoyment",
            "peg_activity",
            "sleep_quality",
        )
    ]
    therapies = [
        EventRecord(at, kind)
        for at, kind in m.Therapy.objects.filter(user=user, at__lte=now).values_list("at", "kind")
    ]
    substances = [
        EventRecord(at, kind)
        for at, kind in _timed(m.SubstanceUse.objects.filter(user=user, at__lte=now), "at", "kind")
    ]
    labels = {kind.value: kind.label for kind in TherapyKind} | {
        code: e.label for code, e in vocabulary.items()
    }
    return JournalRecords(tz, doses, checkins, therapies, substances, local_day(now, tz), labels)


def insights_read(*, user: User, now: datetime) -> Insights:
    """Every insight of the person's journal up to `now` (speciosa.core.insights.report)."""
    with _collector_paused():
        return insights(insights_records(user=user, now=now))


def insights_data(found: Insights) -> dict[str, Any]:
    """The insights as plain JSON-ready values: what `GET /api/v1/insights` and `speciosa insights
    --format json` both return."""
    data: dict[str, Any] = _plain(asdict(found))
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "dose"}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 3)
    return value


def _interval(low: float | None, high: float | None, places: int = 1, percent: bool = False) -> str:
    if low is None or high is None:
        return "—"
    if percent:
        return f"{low:.0%} to {high:.0%}"
    return f"{low:+.{places}f} to {high:+.{places}f}"


def insights_rows(found: Insights) -> list[dict[str, Any]]:
    """Every figure as one row (what, group, value, 95% interval, n): the CLI's table and the page's."""
    rows: list[dict[str, Any]] = []
    for g in found.relief.groups:
        e = g.eased
        rows.append(
            {
                "insight": "Pain eased after a dose",
                "group": f"{g.by}: {g.name}",
                "value": "—" if e.value is None else f"{e.value:+.1f} points",
                "interval": _interval(e.low, e.high),
                "n": e.n,
            }
        )
    for band in found.side_effects.bands:
        for effect in band.effects:
            r = effect.rate
            rows.append(
                {
                    "insight": f"{effect.label} after a dose",
                    "group": band.band,
                    "value": "—" if r.value is None else f"{r.value:.0%}",
                    "interval": _interval(r.low, r.high, percent=True),
                    "n": r.n,
                }
            )
    for month in found.tolerance.months:
        p = month.pain
        rows.append(
            {
                "insight": "Grams a day, and pain",
                "group": month.month,
                "value": f"{month.grams_per_day:.1f} g; pain {'—' if p.value is None else f'{p.value:.1f}'}",
                "interval": _interval(p.low, p.high),
                "n": p.n,
            }
        )
    for month in found.tolerance.months:
        r = month.relief_per_gram
        if r.value is not None:
            rows.append(
                {
                    "insight": "Relief per gram (before/after pairs)",
                    "group": month.month,
                    "value": f"{r.value:.2f} points per g",
                    "interval": _interval(r.low, r.high, places=2),
                    "n": r.n,
                }
            )
    c = found.peg.change
    if c.value is not None:
        rows.append(
            {
                "insight": "PEG-3 change, last four weeks against the first",
                "group": "important" if found.peg.important else "not important",
                "value": f"{c.value:+.1f} points",
                "interval": _interval(c.low, c.high),
                "n": c.n,
            }
        )
    for f in found.factors.factors:
        e = f.effect
        rows.append(
            {
                "insight": f"{f.name} (association)",
                "group": f.unit,
                "value": "—" if e.value is None else f"{e.value:+.1f} points of pain",
                "interval": _interval(e.low, e.high),
                "n": e.n,
            }
        )
    return rows


def insights_sentences(found: Insights) -> list[str]:
    return [
        found.relief.summary,
        found.side_effects.summary,
        found.tolerance.summary,
        found.peg.summary,
        *(f.summary for f in found.factors.factors),
        found.factors.caveat,
    ]
