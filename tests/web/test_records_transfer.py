"""Import and export pages: downloads, an all-or-nothing import with its report, and oversized uploads."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services, transfer


def upload(client, content: bytes, name: str = "journal.json", **headers):
    return client.post(reverse("web:transfer_import"), {"file": SimpleUploadedFile(name, content)}, **headers)


def alices_journal(alice, now) -> bytes:
    caps = services.entry_create(
        user=alice, kind="products", values={"name": "Caps", "form": "capsules", "grams_per_capsule": 0.5}
    )
    services.dose_create(user=alice, amount=6, unit="capsule", product_uid=caps.uid, now=now)
    services.entry_create(user=alice, kind="checkins", values={"at": now, "pain_now": 5})
    services.entry_create(
        user=alice,
        kind="substances",
        values={"at": now, "kind": "alcohol", "substance": "Beer", "standard_drinks": 1},
    )
    return transfer.journal_export_json(user=alice, now=now)


def test_the_page_offers_the_json_export_every_csv_and_an_upload_form_with_a_progress_bar(
    alice_client, frozen_now
):
    html = alice_client.get(reverse("web:transfer")).content.decode()
    assert reverse("web:transfer_export_json") in html
    for kind in ("products", "doses", "checkins", "medications", "substances", "therapies", "labs"):
        assert reverse("web:transfer_export_csv", kwargs={"kind": kind}) in html
    assert 'enctype="multipart/form-data"' in html and 'hx-encoding="multipart/form-data"' in html
    assert '<progress id="import-progress"' in html and "web/records.js" in html
    assert "<script>" not in html.split("</footer>")[0], "no inline script"


def test_the_json_download_is_the_whole_journal(alice, alice_client, frozen_now):
    expected = json.loads(alices_journal(alice, frozen_now))
    response = alice_client.get(reverse("web:transfer_export_json"))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="speciosa-journal-2026-03-07.json"'
    document = json.loads(response.getvalue())
    assert document["format"] == "speciosa-journal" and document["version"] == 1
    assert document["doses"] == expected["doses"] and document["products"] == expected["products"]


def test_a_csv_download_holds_one_kind(alice, alice_client, frozen_now):
    alices_journal(alice, frozen_now)
    response = alice_client.get(reverse("web:transfer_export_csv", kwargs={"kind": "doses"}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["amount"], row["unit"], row["grams"]) for row in rows] == [("6.0", "capsule", "3.0")]
    assert alice_client.get("/transfer/export/passwords.csv").status_code == 404


def test_an_import_reports_what_it_added_and_importing_again_adds_nothing(alice, bob, bob_client, frozen_now):
    exported = alices_journal(alice, frozen_now)
    first = upload(bob_client, exported)
    assert first.status_code == 200
    report = first.context["report"]
    assert report.added["doses"] == 1 and report.added["products"] == 1 and report.added["substances"] == 1
    html = first.content.decode()
    assert "4 entries added" in html
    assert m.Dose.objects.filter(user=bob).get().product.name == "Caps"

    again = upload(bob_client, exported)
    assert again.context["report"].total_added == 0
    assert again.context["report"].already_present["doses"] == 1
    assert m.Dose.objects.filter(user=bob).count() == 1


def test_an_import_through_htmx_answers_with_only_the_report(alice, bob_client, frozen_now):
    exported = alices_journal(alice, frozen_now)
    response = upload(bob_client, exported, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "import-report" in html


def test_a_bad_file_lists_every_bad_row_with_its_place_and_stores_nothing(alice, bob, bob_client, frozen_now):
    document = json.loads(alices_journal(alice, frozen_now))
    document["doses"][0]["grams"] = -2
    document["checkins"][0]["pain_now"] = 14
    document["substances"][0]["at"] = "2030-01-01T00:00:00+00:00"
    response = upload(bob_client, json.dumps(document).encode())
    assert response.status_code == 400
    places = [error.field for error in response.context["errors"]]
    assert "doses[0].grams" in places and "checkins[0].pain_now" in places
    html = response.content.decode()
    assert "Nothing was imported." in html and "<code>doses[0].grams</code>" in html
    assert not m.Product.objects.filter(user=bob).exists() and not m.Dose.objects.filter(user=bob).exists()


def test_an_import_with_a_time_in_the_future_stores_nothing(alice, bob, bob_client, frozen_now):
    document = json.loads(alices_journal(alice, frozen_now))
    document["substances"][0]["at"] = "2030-01-01T00:00:00+00:00"
    response = upload(bob_client, json.dumps(document).encode())
    assert response.status_code == 400
    assert [(e.field, e.message) for e in response.context["errors"]] == [
        ("substances[0].at", "is in the future")
    ]
    assert not m.Product.objects.filter(user=bob).exists()


def test_a_file_that_is_not_json_or_not_text_is_a_readable_error(bob_client, frozen_now):
    broken = upload(bob_client, b'{"format": "speciosa-journal", ')
    assert broken.status_code == 400 and "is not valid JSON" in broken.content.decode()
    binary = upload(bob_client, b"\xff\xfe\x00\x81 binary", name="photo.json")
    assert binary.status_code == 400 and "not UTF-8 text" in binary.content.decode()
    missing = bob_client.post(reverse("web:transfer_import"), {})
    assert missing.status_code == 400 and "This field is required." in missing.content.decode()


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def test_a_psychonautwiki_export_brings_kratom_in_as_doses_and_the_rest_as_substances(
    bob, bob_client, frozen_now
):
    export = {
        "experiences": [
            {
                "title": "Saturday",
                "ingestions": [
                    {
                        "substanceName": "Kratom",
                        "time": epoch_ms(datetime(2026, 3, 1, 9, 0, tzinfo=UTC)),
                        "dose": 3.5,
                        "units": "g",
                        "administrationRoute": "ORAL",
                        "isDoseAnEstimate": False,
                    },
                    {
                        "substanceName": "Caffeine",
                        "time": epoch_ms(datetime(2026, 3, 1, 10, 0, tzinfo=UTC)),
                        "dose": 100,
                        "units": "mg",
                        "administrationRoute": "ORAL",
                    },
                    {
                        "substanceName": "Kratom",
                        "time": epoch_ms(datetime(2026, 3, 1, 18, 0, tzinfo=UTC)),
                        "dose": None,
                        "units": "g",
                        "administrationRoute": "ORAL",
                    },
                ],
            }
        ],
        "customUnits": [],
    }
    response = upload(bob_client, json.dumps(export).encode(), name="Journal export.json")
    assert response.status_code == 200, response.content.decode()[-2000:]
    report = response.context["report"]
    assert report.source == "psychonautwiki"
    assert report.added["doses"] == 1 and report.added["substances"] == 1
    dose = m.Dose.objects.get(user=bob)
    assert dose.grams == 3.5 and dose.taken_at == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert m.SubstanceUse.objects.get(user=bob).substance == "Caffeine"
    html = response.content.decode()
    assert "PsychonautWiki Journal export" in html and "Skipped (1)" in html and "unknown dose" in html
    assert upload(bob_client, json.dumps(export).encode()).context["report"].total_added == 0


def test_an_oversized_upload_is_answered_413_with_a_readable_page(bob, bob_client, frozen_now, settings):
    settings.MAX_IMPORT_BYTES = 2000
    response = upload(bob_client, b"{" + b" " * 5000 + b"}")
    assert response.status_code == 413
    html = response.content.decode()
    assert "The file is too large" in html and "Nothing was imported." in html and "<html" in html
    assert not m.Dose.objects.filter(user=bob).exists()


def test_a_body_django_refuses_as_too_big_is_also_a_413_page(bob_client, frozen_now, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = bob_client.post(reverse("web:transfer_import"), {"file": "x" * 5000})
    assert response.status_code == 413
    assert "The file is too large" in response.content.decode()


def test_an_oversized_upload_through_htmx_gets_the_short_report(bob_client, frozen_now, settings):
    settings.MAX_IMPORT_BYTES = 2000
    response = upload(bob_client, b"{" + b" " * 5000 + b"}", HTTP_HX_REQUEST="true")
    assert response.status_code == 413
    assert "<html" not in response.content.decode() and "too large" in response.content.decode()


def test_an_import_without_the_csrf_token_is_refused(bob, frozen_now):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    response = upload(client, b'{"format": "speciosa-journal", "version": 1}')
    assert response.status_code == 403


def test_a_file_nested_a_hundred_thousand_deep_is_a_readable_error(bob_client, frozen_now):
    deep = upload(bob_client, b"[" * 100_000)
    assert deep.status_code == 400
    assert "nests arrays and objects more than 200 levels deep" in deep.content.decode()
