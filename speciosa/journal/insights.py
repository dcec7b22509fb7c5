"""Insights: one person's whole journal read once and handed to speciosa.core.insights, for the web page,
the API and the CLI alike. This is the only place the insights touch the ORM."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from datetime import datetime
from typing import Any

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
        for at, grams, product in m.Dose.objects.filter(user=user, taken_at__lte=now).values_list(
            "taken_at", "grams", "product_id"
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
        for pk, at, pain, p, e, a, sleep in m.CheckIn.objects.filter(user=user, at__lte=now).values_list(
            "id", "at", "pain_now", "peg_pain", "peg_enjoyment", "peg_activity", "sleep_quality"
        )
    ]
    therapies = [
        EventRecord(at, kind)
        for at, kind in m.Therapy.objects.filter(user=user, at__lte=now).values_list("at", "kind")
    ]
    substances = [
        EventRecord(at, kind)
        for at, kind in m.SubstanceUse.objects.filter(user=user, at__lte=now).values_list("at", "kind")
    ]
    labels = {kind.value: kind.label for kind in TherapyKind} | {
        code: e.label for code, e in vocabulary.items()
    }
    return JournalRecords(tz, doses, checkins, therapies, substances, local_day(now, tz), labels)


def insights_read(*, user: User, now: datetime) -> Insights:
    """Every insight of the person's journal up to `now` (speciosa.core.insights.report)."""
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
