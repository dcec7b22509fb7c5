"""Helpers for calling /api/v1 as alice, bob or nobody, and a journal of alice's with one of everything."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from speciosa.core.journal_format import ENTRY_KINDS
from speciosa.journal import accounts, experiments, selfchecks, services, share_links, taper
from speciosa.journal import models as m
from speciosa.journal.transfer import journal_export
from tests.support.threads import shared_database, threads  # noqa: F401  (writes in real threads)

API = "/api/v1"


def call(client: Client, method: str, path: str, body: Any = None, **headers: str) -> Any:
    """Send `body` as JSON (a str is sent as it is) and return the response."""
    url = path if path.startswith(API) else f"{API}{path}"
    send = getattr(client, method.lower())
    if body is None:
        if method.lower() == "get":
            return send(url, headers=headers)
        return send(url, data="", content_type="application/json", headers=headers)
    data = body if isinstance(body, str) else json.dumps(body)
    return send(url, data=data, content_type="application/json", headers=headers)


def errors_of(response: Any) -> dict[str, str]:
    """The error answer as {field: message}, after checking it has the one error shape."""
    body = response.json()
    assert set(body) == {"errors"}, body
    assert body["errors"], body
    assert all(set(item) == {"field", "message"} for item in body["errors"]), body
    return {item["field"]: item["message"] for item in body["errors"]}


def journal_snapshot(user: Any) -> dict[str, Any]:
    """Everything a person has, to compare before and after (the export, tokens and undo log)."""
    document = journal_export(user=user).model_dump(mode="json", exclude={"exported_at"})
    tokens = list(m.ApiToken.objects.filter(user=user).order_by("id").values("id", "name", "revoked_at"))
    changes = list(m.Change.objects.filter(user=user).order_by("id").values("id", "undone"))
    shared = list(m.ShareLink.objects.filter(user=user).order_by("id").values("id", "revoked_at"))
    return {"journal": document, "tokens": tokens, "changes": changes, "share_links": shared}


@dataclass
class Journal:
    """One of each kind of entry, each with a note that marks it as alice's."""

    product: m.Product
    dose: m.Dose
    checkin: m.CheckIn
    medication: m.Medication
    substance: m.SubstanceUse
    therapy: m.Therapy
    lab: m.LabResult
    token: m.ApiToken
    raw_token: str
    experiment: Any = None
    share_link: Any = None
    selfcheck: Any = None
    taper_plan: Any = None
    invitation: Any = None

    def entry(self, kind: str) -> Any:
        return {
            "products": self.product,
            "doses": self.dose,
            "checkins": self.checkin,
            "medications": self.medication,
            "substances": self.substance,
            "therapies": self.therapy,
            "labs": self.lab,
            "experiments": self.experiment,
            "selfchecks": self.selfcheck,
            "taper": self.taper_plan,
        }[kind]

    @property
    def secrets(self) -> list[str]:
        """Strings that must never appear in an answer to someone else."""
        uids = [str(self.entry(kind).uid) for kind in ENTRY_KINDS]
        notes = [self.entry(kind).note for kind in ENTRY_KINDS]
        return [*uids, *notes, self.product.name, self.token.prefix, self.token.name]


@pytest.fixture
def alice_journal(alice, frozen_now) -> Journal:
    earlier = frozen_now - timedelta(hours=2)
    product = services.entry_create(
        user=alice,
        kind="products",
        values={"name": "Alice's Maeng Da", "grams_per_capsule": 0.5, "note": "alice-note-product"},
    )
    dose = services.dose_create(
        user=alice,
        amount=4,
        unit="capsule",
        product_uid=product.uid,
        taken_at=earlier,
        note="alice-note-dose",
    )
    checkin = services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": earlier,
            "pain_now": 6,
            "peg_pain": 6,
            "peg_enjoyment": 5,
            "peg_activity": 7,
            "side_effects": [{"code": "nausea", "severity": "moderate"}],
            "note": "alice-note-checkin",
        },
    )
    medication = services.entry_create(
        user=alice, kind="medications", values={"name": "Gabapentin", "note": "alice-note-medication"}
    )
    substance = services.entry_create(
        user=alice,
        kind="substances",
        values={
            "at": earlier,
            "kind": "alcohol",
            "substance": "Wine",
            "standard_drinks": 1.5,
            "note": "alice-note-substance",
        },
    )
    therapy = services.entry_create(
        user=alice,
        kind="therapies",
        values={"at": earlier, "kind": "exercise", "minutes": 30, "note": "alice-note-therapy"},
    )
    lab = services.entry_create(
        user=alice,
        kind="labs",
        values={
            "taken_on": frozen_now.date(),
            "test": "ALT",
            "value": 31,
            "unit": "U/L",
            "note": "alice-note-lab",
        },
    )
    token, raw = services.token_create(user=alice, name="alice-token-name")
    experiment = experiments.experiment_plan(
        user=alice,
        question="alice-experiment-question",
        a_kind="therapy",
        a_label="Walking",
        b_kind="none",
        b_label="Rest",
        start_on=frozen_now.date(),
        seed=1,
        now=frozen_now,
    )
    share_link, _ = share_links.share_create(
        user=alice, start=frozen_now.date(), end=frozen_now.date(), now=frozen_now
    )
    selfcheck = selfchecks.selfcheck_create(
        user=alice,
        instrument="sows",
        answers=[1] * 16,
        at=earlier,
        note="alice-note-selfcheck",
        now=frozen_now,
    ).entry
    taper_plan = taper.taper_plan(user=alice, start_grams=2, now=frozen_now)
    return Journal(
        product,
        dose,
        checkin,
        medication,
        substance,
        therapy,
        lab,
        token,
        raw,
        experiment,
        share_link,
        selfcheck,
        taper_plan,
        accounts.invitation_create(user=alice, now=frozen_now).invitation,
    )  # type: ignore[arg-type]
