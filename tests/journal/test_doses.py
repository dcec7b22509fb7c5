"""What every interface shows about a dose: the preview before it is logged, the timeline of the last
24 hours and the person's usual amounts, computed once in speciosa.journal.doses. The page, the API
and the CLI show the same preview."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from speciosa.core.errors import InvalidInput
from speciosa.journal import models as m
from speciosa.journal import services
from speciosa.journal.doses import dose_preview, dose_timeline, usual_amounts
from tests.api.conftest import call
from tests.cli.conftest import speciosa as speciosa  # the fixture: runs a CLI command


def test_a_preview_places_the_dose_on_each_sources_scale_and_stores_nothing(alice, frozen_now):
    preview = dose_preview(user=alice, amount=4, unit="g")
    assert preview.grams == 4 and preview.sources
    assert all(row.source and row.bands for row in preview.sources)
    assert any(band.holds for row in preview.sources for band in row.bands)
    assert not m.Dose.objects.filter(user=alice).exists()


def test_a_preview_compares_with_the_persons_usual_amount_of_the_last_four_weeks(alice, frozen_now):
    for days in (2, 3, 4):
        services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(days=days))
    preview = dose_preview(user=alice, amount=6, unit="g")
    assert preview.context.usual_grams == 3
    assert preview.context.versus_usual.startswith("About 2.0 times your usual amount")


def test_a_preview_names_the_findings_logging_the_dose_would_raise(alice, frozen_now):
    services.entry_create(user=alice, kind="medications", values={"name": "oxycodone"})
    raised = dose_preview(user=alice, amount=3, unit="g").findings
    assert "interaction.medication" in [finding.code for finding in raised]


def test_a_preview_of_a_change_leaves_the_dose_being_changed_out(alice, frozen_now):
    dose = services.dose_create(
        user=alice, amount=30, confirmed=True, taken_at=frozen_now - timedelta(hours=1)
    )
    assert dose_preview(user=alice, amount=30, unit="g").findings != ()
    changed = dose_preview(user=alice, amount=30, unit="g", replacing=dose.uid)
    assert "dose.daily_total" not in [finding.code for finding in changed.findings]


def test_a_preview_refuses_what_logging_would_refuse(alice, frozen_now):
    with pytest.raises(InvalidInput) as refused:
        dose_preview(user=alice, amount=300, unit="g")
    assert refused.value.errors[0].field == "amount"
    with pytest.raises(InvalidInput) as refused:
        dose_preview(user=alice, amount=3, unit="g", taken_at=frozen_now + timedelta(hours=1))
    assert refused.value.errors[0].field == "taken_at"


def test_the_timeline_holds_the_doses_of_the_last_24_hours_oldest_first(alice, frozen_now):
    assert dose_timeline(user=alice, now=frozen_now) is None
    services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(hours=30))
    late = services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=1))
    early = services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(hours=5))
    timeline = dose_timeline(user=alice, now=frozen_now)
    assert timeline is not None
    assert [entry.dose.uid for entry in timeline.entries] == [early.uid, late.uid]
    assert timeline.entries[-1].course.active_now and timeline.sources


def test_usual_amounts_are_the_persons_own_most_logged_amounts_per_product(alice, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Bali"})
    unused = services.entry_create(user=alice, kind="products", values={"name": "Kona"})
    for amount in (3, 3, 4, 5, 6, 7):
        services.dose_create(user=alice, amount=amount, product_uid=product.uid)
    offered = usual_amounts(user=alice, products=[product, unused])
    assert [a.amount for a in offered[product.uid]][:1] == [3] and len(offered[product.uid]) == 4
    assert offered[unused.uid], "a product not used yet offers the person's own recent amounts"


def test_the_page_the_api_and_the_cli_show_the_same_preview(alice, alice_client, speciosa, frozen_now):
    services.entry_create(user=alice, kind="medications", values={"name": "oxycodone"})
    for days in (1, 2):
        services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(days=days))
    expected = dose_preview(user=alice, amount=5, unit="g")
    api = call(alice_client, "post", "/doses/preview", {"amount": 5, "unit": "g"}).json()
    cli = json.loads(speciosa("log", "dose", "5", "g", "--dry-run", "--format", "json").stdout)
    page = alice_client.post(reverse("web:dose_preview"), {"amount": "5", "unit": "g"}).content.decode()
    for shown in (api, cli):
        assert shown["versus_usual"] == expected.context.versus_usual
        assert [row["words"] for row in shown["sources"]] == [row.words for row in expected.sources]
        assert [f["title"] for f in shown["findings"]] == [f.title for f in expected.findings]
    assert expected.context.versus_usual in page
    assert all(row.words.replace('"', "&quot;") in page for row in expected.sources)
    assert all(f.title in page for f in expected.findings) and expected.findings
    assert not m.Dose.objects.filter(user=alice, grams=5).exists()
