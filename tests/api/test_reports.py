"""/api/v1/reports: the registry's list, and one report's file over a period, streamed, scoped to the
caller, with the one error shape for an unknown report or a bad period."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from speciosa.journal import services
from speciosa.reports.registry import exporters
from tests.api.conftest import call, errors_of

pytestmark = pytest.mark.django_db


def test_the_list_is_every_report_of_the_registry(alice_client):
    listed = call(alice_client, "get", "/reports").json()
    assert [r["id"] for r in listed] == [e.id for e in exporters()]
    doses = next(r for r in listed if r["id"] == "csv-doses")
    assert set(doses) == {"id", "label", "description", "media_type"}
    assert doses["media_type"].startswith("text/csv")


def test_a_report_is_its_file_streamed_as_an_attachment_over_the_period(alice, alice_client, frozen_now):
    for back, note in ((1, "in"), (20, "before")):
        services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(days=back), note=note)
    response = alice_client.get("/api/v1/reports/csv-doses", {"from": "2026-03-01", "to": "2026-03-07"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="speciosa-csv-doses-2026-03-01-to-2026-03-07.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert [row["note"] for row in rows] == ["in"]


def test_without_dates_a_report_covers_the_last_90_days(alice_client, frozen_now):
    response = call(alice_client, "get", "/reports/csv-doses")
    assert "2025-12-08-to-2026-03-07" in response["Content-Disposition"]


def test_a_token_gets_its_owners_rows_only(alice, bob, frozen_now, client):
    services.dose_create(user=alice, amount=3, note="alice's")
    services.dose_create(user=bob, amount=3, note="bob's")
    _, raw = services.token_create(user=bob, name="script")
    response = client.get("/api/v1/reports/csv-doses", headers={"Authorization": f"Bearer {raw}"})
    body = response.getvalue().decode()
    assert "bob's" in body and "alice's" not in body


def test_an_unknown_report_is_404_in_the_error_shape(alice_client):
    response = call(alice_client, "get", "/reports/no-such-report")
    assert response.status_code == 404
    assert errors_of(response)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-02-30", "from"),
        ("to=someday", "to"),
        ("from=2026-03-05&to=2026-03-01", "to"),
        ("from=1800-01-01&to=1800-01-02", "from"),
    ],
)
def test_a_bad_period_is_400_naming_the_field(alice_client, frozen_now, query, field):
    response = call(alice_client, "get", f"/reports/csv-doses?{query}")
    assert response.status_code == 400
    assert field in errors_of(response)


def test_nobody_signed_in_gets_401(anonymous):
    assert call(anonymous, "get", "/reports").status_code == 401
    assert call(anonymous, "get", "/reports/csv-doses").status_code == 401
