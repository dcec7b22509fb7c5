"""Bob reaches none of alice's records: every object URL of the record pages answers him 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services
from speciosa.journal.transfer import journal_export

SECRET = "alice-only-4c1d"
OBJECT_URLS = [
    *(
        f"{singular}_{action}"
        for singular in ("product", "medication", "substance", "therapy", "lab")
        for action in ("edit", "delete")
    ),
    "product_archive",
]
KIND_OF = {
    "product": "products",
    "medication": "medications",
    "substance": "substances",
    "therapy": "therapies",
    "lab": "labs",
}
LISTS = [
    "products",
    "medications",
    "substances",
    "therapies",
    "labs",
    "trends",
    "transfer",
    "settings",
    "transfer_export_json",
]


@pytest.fixture
def alices(alice, frozen_now):
    values = {
        "products": {"name": f"Bali {SECRET}"},
        "medications": {"name": f"Gabapentin {SECRET}"},
        "substances": {"at": frozen_now, "kind": "other", "substance": f"Caffeine {SECRET}"},
        "therapies": {"at": frozen_now, "kind": "exercise", "minutes": 20, "note": SECRET},
        "labs": {"taken_on": frozen_now.date(), "test": "ALT", "value": 30, "unit": "U/L", "note": SECRET},
    }
    entries = {kind: services.entry_create(user=alice, kind=kind, values=v) for kind, v in values.items()}
    entries["token"], _ = services.token_create(user=alice, name=f"script {SECRET}")
    return entries


def state(user):
    return (
        journal_export(user=user).model_dump(mode="json", exclude={"exported_at"}),
        list(m.ApiToken.objects.filter(user=user).values("name", "revoked_at")),
    )


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_bob_gets_404_for_alices_object_on_get_and_post(alice, alices, bob_client, alice_client, name):
    entry = alices[KIND_OF[name.split("_")[0]]]
    url = reverse(f"web:{name}", kwargs={"uid": entry.uid})
    before = state(alice)
    assert alice_client.get(url).status_code in (200, 405)
    if name != "product_archive":
        assert bob_client.get(url).status_code == 404
    response = bob_client.post(
        url, {"name": "bob", "minutes": "1", "at": "2026-03-07T09:00", "kind": "exercise"}
    )
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert state(alice) == before


def test_bob_cannot_revoke_alices_token(alice, alices, bob_client):
    url = reverse("web:token_revoke", kwargs={"token_id": alices["token"].id})
    assert bob_client.post(url).status_code == 404
    assert m.ApiToken.objects.get(id=alices["token"].id).revoked_at is None


@pytest.mark.parametrize("name", LISTS)
def test_bobs_own_pages_show_nothing_of_alices(alices, bob_client, name):
    response = bob_client.get(reverse(f"web:{name}"))
    assert response.status_code == 200
    assert SECRET not in response.getvalue().decode()


@pytest.mark.parametrize("kind", ["products", "doses", "medications", "substances", "therapies", "labs"])
def test_bobs_csv_export_holds_nothing_of_alices(alices, bob_client, kind):
    response = bob_client.get(reverse("web:transfer_export_csv", kwargs={"kind": kind}))
    assert response.status_code == 200 and SECRET not in response.content.decode()
