"""Logging a dose: before it is saved, its place among the sources' bands side by side, against the
person's own usual amount, and the findings it would raise. As the person types (htmx) or with the
"Check this dose" button (no JavaScript). Stores nothing."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils.html import escape

from speciosa.journal import models as m
from speciosa.journal import services
from speciosa.refdata import dose_context

HIGH_SINGLE_RULE = "/findings/rules/dose.high_single/"


def preview(client, **fields) -> str:
    values = {"amount": "", "unit": "g", "product": "", "taken_at": ""} | fields
    response = client.post(reverse("web:dose_preview"), values, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def raised_in_full(html: str) -> str:
    """The findings part of the full comparison (behind "Each source side by side")."""
    return html.split("What logging it would raise")[1].split("Against your own usual amount")[0]


def strip(html: str) -> str:
    """The compact strip and the findings listed under it: what shows before any tap."""
    return html.split('<p class="dose-strip">')[1].split('<details class="dose-compare">')[0]


def test_the_dose_form_previews_as_the_person_types_and_has_a_button_without_javascript(
    alice_client, frozen_now
):
    html = alice_client.get(reverse("web:dose_new")).content.decode()
    section = html.split('id="dose-preview"')[1].split(">")[0]
    assert f'hx-post="{reverse("web:dose_preview")}"' in section
    assert "input changed delay:500ms from:closest form" in section
    no_script = html.split("<noscript>")[1].split("</noscript>")[0]
    assert (
        '<button type="submit" name="check" value="1" class="secondary">Check this dose</button>' in no_script
    )


def test_the_preview_shows_several_sources_bands_side_by_side_with_the_dose_marked(alice_client, frozen_now):
    html = preview(alice_client, amount="16")
    assert "Before you log 16 g" in html
    table = html.split('<table class="dose-bands cards-on-phone">')[1].split("</table>")[0]
    for entry in dose_context():
        assert escape(entry.title) in table, entry.id
        assert f'href="/sources/#source-{entry.source}"' in table
    assert table.count("<tr>") == len(dose_context()) + 1
    assert '<mark>heavy: 8 g or more<span class="visually-hidden"> (this dose)</span></mark>' in table
    assert escape('above the highest band of TripSit factsheet, "strong" (3–6 g)') in table
    assert "not advice" in html


def test_the_preview_names_a_finding_the_dose_would_raise(alice_client, frozen_now):
    html = preview(alice_client, amount="16")
    raised = raised_in_full(html)
    assert "A very large single dose" in raised
    assert f'href="{HIGH_SINGLE_RULE}"' in raised
    assert "from your entry of" not in raised, "the dose is not an entry yet"


def test_a_finding_the_dose_would_raise_is_named_with_its_severity_in_the_strip_before_any_tap(
    alice_client, frozen_now
):
    shown = strip(preview(alice_client, amount="16"))
    assert "2 new findings" in shown
    findings = shown.split('<ul class="strip-findings"')[1].split("</ul>")[0]
    assert (
        '<span class="badge severity-badge severity-warning">Warning</span> A very large single dose: 16 g'
        in findings
    )
    assert (
        '<span class="badge severity-badge severity-warning">Warning</span> A high total for the day'
        in findings
    )


def test_the_strip_gives_the_grams_the_sources_own_band_names_and_the_usual_amount(
    alice, alice_client, frozen_now
):
    for days in range(2, 9):
        services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(days=days))
    html = preview(alice_client, amount="3")
    shown = strip(html)
    assert "<strong>3 g</strong>" in shown
    scales = sum(1 for entry in dose_context() if entry.kind == "bands")
    assert re.search(rf"\d+ of {scales} source scales call it “(light|common)”, \d+ “(light|common)”", shown)
    assert "your usual 4 g" in shown and "no new findings" in shown
    assert '<details class="dose-compare">' in html, "the full side by side is one tap away"
    assert '<table class="dose-bands cards-on-phone">' in html.split('<details class="dose-compare">')[1]
    assert not re.search(r"\bsafe\b|recommend", shown, re.IGNORECASE)


def test_a_small_dose_raises_nothing_new_and_the_preview_says_that_is_not_a_verdict(alice_client, frozen_now):
    html = preview(alice_client, amount="2")
    assert "No new finding. That is not a judgement that the amount is free of risk." in html
    assert not re.search(r"\bsafe\b|recommend", html, re.IGNORECASE)


def test_the_preview_compares_the_dose_with_the_persons_usual_amount(alice, alice_client, frozen_now):
    for days in range(2, 9):
        services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(days=days))
    html = preview(alice_client, amount="8")
    assert (
        "About 2.0 times your usual amount (4 g, the middle of your doses over the last four weeks)." in html
    )


def test_the_preview_stores_nothing(alice, alice_client, frozen_now):
    preview(alice_client, amount="16")
    assert not m.Dose.objects.filter(user=alice).exists()
    assert not m.FindingState.objects.filter(user=alice).exists()


def test_check_this_dose_without_javascript_renders_the_same_preview_on_the_form(
    alice, alice_client, frozen_now
):
    response = alice_client.post(
        reverse("web:dose_new"), {"amount": "16", "unit": "g", "product": "", "taken_at": "", "check": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Before you log 16 g" in html and "A very large single dose" in html
    assert '<table class="dose-bands cards-on-phone">' in html
    assert 'name="amount" value="16"' in html, "the form keeps what was typed"
    assert not m.Dose.objects.filter(user=alice).exists()


def test_a_product_of_another_form_says_the_leaf_bands_do_not_apply(alice, alice_client, frozen_now):
    extract = services.entry_create(user=alice, kind="products", values={"name": "Resin", "form": "extract"})
    html = preview(alice_client, amount="1", product=str(extract.uid))
    assert "The published bands are for plain leaf only" in html
    assert "the published bands are for plain leaf only, not this product&#x27;s form" in strip(html)
    assert '<table class="dose-bands cards-on-phone">' not in html


def test_a_product_with_lab_figures_shows_the_milligrams_in_the_dose(alice, alice_client, frozen_now):
    tested = services.entry_create(
        user=alice,
        kind="products",
        values={"name": "Tested", "mitragynine_percent": 1.5, "seven_oh_percent": 0.02},
    )
    html = preview(alice_client, amount="4", product=str(tested.uid))
    assert "60 mg mitragynine and 0.8 mg 7-OH" in html


def test_an_amount_that_cannot_be_read_says_what_is_missing(alice, alice_client, frozen_now):
    assert "Enter an amount to see where it sits." in preview(alice_client, amount="")
    capsules = services.entry_create(user=alice, kind="products", values={"name": "Caps", "form": "capsules"})
    html = preview(alice_client, amount="3", unit="capsule", product=str(capsules.uid))
    assert 'class="preview-problem"' in html and "capsule" in html


def test_editing_a_dose_previews_it_without_counting_it_twice(alice, alice_client, frozen_now):
    dose = services.dose_create(
        user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=5)
    )
    html = preview(alice_client, amount="16", editing=str(dose.uid))
    raised = raised_in_full(html)
    assert "A very large single dose" in raised
    assert "redose" not in raised.lower(), "the dose being edited is not a second dose"


def test_the_edit_form_sends_which_dose_it_edits(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(minutes=5))
    html = alice_client.get(reverse("web:dose_edit", kwargs={"uid": dose.uid})).content.decode()
    assert f'<input type="hidden" name="editing" value="{dose.uid}">' in html
    assert "load, input changed" in html, "an existing amount is previewed when the page opens"


def test_bob_cannot_preview_an_edit_of_alices_dose(alice, bob_client, frozen_now):
    dose = services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(minutes=5))
    response = bob_client.post(
        reverse("web:dose_preview"),
        {"amount": "3", "unit": "g", "editing": str(dose.uid)},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 404


def test_the_preview_only_answers_a_post(alice_client, frozen_now):
    assert alice_client.get(reverse("web:dose_preview")).status_code == 405
