"""The Reports page: every report of the registry with a Download button, one period for all of them
(the last 90 days unless chosen), downloads streamed as attachments, and a bad period downloading
nothing."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape

from speciosa.journal import services
from speciosa.reports.registry import exporters

pytestmark = pytest.mark.django_db

DOWNLOAD = reverse("web:report_download", args=["csv-doses"])


def download(client, **query):
    return client.get(DOWNLOAD, query)


def test_the_page_lists_every_report_with_a_download_button(alice_client, frozen_now):
    html = alice_client.get(reverse("web:reports")).content.decode()
    for exporter in exporters():
        assert escape(exporter.label) in html and escape(exporter.description) in html
        assert f'formaction="{reverse("web:report_download", args=[exporter.id])}"' in html
    assert html.count(">Download<") == len(exporters())


def test_the_period_defaults_to_the_last_90_days(alice_client, frozen_now):
    html = alice_client.get(reverse("web:reports")).content.decode()
    # frozen now: 7 March 2026, 10:00 in alice's New York
    assert 'value="2025-12-08"' in html and 'value="2026-03-07"' in html


def test_the_page_is_in_the_more_menu(alice_client, frozen_now):
    html = alice_client.get(reverse("web:today")).content.decode()
    assert f'href="{reverse("web:reports")}"' in html


def test_a_download_is_the_reports_file_streamed_as_an_attachment(alice, alice_client, frozen_now):
    services.dose_create(
        user=alice, amount=3, taken_at=frozen_now - timedelta(days=1), note="in", now=frozen_now
    )
    services.dose_create(
        user=alice, amount=3, taken_at=frozen_now - timedelta(days=9), note="out", now=frozen_now
    )
    response = download(alice_client, **{"from": "2026-03-01", "to": "2026-03-07"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="speciosa-csv-doses-2026-03-01-to-2026-03-07.csv"'
    )
    text = b"".join(response.streaming_content).decode()
    assert [row["note"] for row in csv.DictReader(io.StringIO(text))] == ["in"]


def test_a_download_without_dates_covers_the_last_90_days(alice_client, frozen_now):
    response = download(alice_client)
    assert "2025-12-08-to-2026-03-07" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"from": "2026-02-30"}, "From", "Enter a valid date"),
        ({"from": "2026-03-05", "to": "2026-03-01"}, "To", "must not be before the start"),
        ({"from": "1800-01-01", "to": "1800-01-02"}, "From", "between the years"),
    ],
)
def test_a_bad_period_shows_the_fields_error_on_the_page_and_downloads_nothing(
    alice_client, frozen_now, query, field, message
):
    response = download(alice_client, **query)
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    html = response.content.decode()
    assert "Nothing was downloaded." in html
    assert f'class="field-error" id="id_{field.lower()}_error">{field}: ' in html and message in html


def test_an_unknown_report_is_404(alice_client, frozen_now):
    assert alice_client.get(reverse("web:report_download", args=["no-such-report"])).status_code == 404


def test_bobs_download_holds_none_of_alices_rows(alice, bob_client, frozen_now):
    services.dose_create(user=alice, amount=3, note="alice's", now=frozen_now)
    text = b"".join(download(bob_client).streaming_content).decode()
    assert "alice's" not in text and text.startswith("uid,")
