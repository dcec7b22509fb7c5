"""Products: the lab report (certificate of analysis) on the product form, and each product's findings."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import services

LAB_FIELDS = {
    "mitragynine_percent": "1.6",
    "seven_oh_percent": "0.03",
    "total_alkaloids_percent": "2.1",
    "lead_ppm": "0.8",
    "arsenic_ppm": "0.2",
    "cadmium_ppm": "0.1",
    "mercury_ppm": "0.01",
    "nickel_ppm": "3.5",
    "tamc_cfu_per_gram": "50000",
    "tymc_cfu_per_gram": "900",
    "salmonella_detected": "no",
    "e_coli_detected": "",
    "lab_report": "Acme Labs #4471, 2026-02-10",
}


def test_the_lab_report_fields_are_grouped_in_a_folded_section_of_the_product_form(alice_client, frozen_now):
    html = alice_client.get(reverse("web:product_new")).content.decode()
    folded = html.split('<details class="folded">')[1].split("</details>")[0]
    assert "<summary>Lab report (certificate of analysis)</summary>" in folded
    for name in LAB_FIELDS:
        assert f'name="{name}"' in folded, name
    for label in ("Lead, µg/g (ppm)", "Nickel, µg/g (ppm)", "(TAMC), CFU/g", "(TYMC), CFU/g"):
        assert label in folded
    assert '<option value="" selected>Not tested</option>' in folded
    assert (
        '<option value="no">Not detected</option>' in folded
        and '<option value="yes">Detected</option>' in folded
    )


def test_every_lab_report_field_is_stored(alice, alice_client, frozen_now):
    response = alice_client.post(
        reverse("web:product_new"), {"name": "Tested Bali", "form": "powder", "vein": "red"} | LAB_FIELDS
    )
    assert response.status_code == 302
    stored = m.Product.objects.get(user=alice)
    assert (stored.mitragynine_percent, stored.seven_oh_percent, stored.total_alkaloids_percent) == (
        1.6,
        0.03,
        2.1,
    )
    assert (
        stored.lead_ppm,
        stored.arsenic_ppm,
        stored.cadmium_ppm,
        stored.mercury_ppm,
        stored.nickel_ppm,
    ) == (
        0.8,
        0.2,
        0.1,
        0.01,
        3.5,
    )
    assert (stored.tamc_cfu_per_gram, stored.tymc_cfu_per_gram) == (50000, 900)
    assert stored.salmonella_detected is False, "tested and not found"
    assert stored.e_coli_detected is None, "not tested"
    assert stored.lab_report == "Acme Labs #4471, 2026-02-10"


def test_editing_a_product_shows_its_lab_report_open_with_its_answers(alice, alice_client, frozen_now):
    product = services.entry_create(
        user=alice,
        kind="products",
        values={"name": "Tested", "lead_ppm": 0.5, "salmonella_detected": True, "e_coli_detected": False},
    )
    html = alice_client.get(reverse("web:product_edit", kwargs={"uid": product.uid})).content.decode()
    assert '<details class="folded" open>' in html
    salmonella = html.split('name="salmonella_detected"')[1].split("</select>")[0]
    assert '<option value="yes" selected>Detected</option>' in salmonella
    e_coli = html.split('name="e_coli_detected"')[1].split("</select>")[0]
    assert '<option value="no" selected>Not detected</option>' in e_coli


def test_a_bad_lab_figure_is_an_error_on_its_field_and_opens_the_section(alice_client, frozen_now):
    response = alice_client.post(
        reverse("web:product_new"), {"name": "X", "form": "powder", "vein": "red", "lead_ppm": "-1"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["lead_ppm"]
    assert '<details class="folded" open>' in response.content.decode()
    assert not m.Product.objects.exists()


def test_the_products_page_shows_each_products_lab_figures_and_its_findings(alice, alice_client, frozen_now):
    tested = services.entry_create(
        user=alice,
        kind="products",
        values={"name": "Leaded Bali", "lead_ppm": 2.0, "mitragynine_percent": 1.2, "lab_report": "Lab 9"},
    )
    untested = services.entry_create(user=alice, kind="products", values={"name": "Mystery Malay"})
    for hours in (1, 3, 5, 7):
        services.dose_create(
            user=alice, amount=5, product_uid=tested.uid, taken_at=frozen_now - timedelta(hours=hours)
        )
    services.dose_create(
        user=alice, amount=2, product_uid=untested.uid, taken_at=frozen_now - timedelta(days=2)
    )
    html = alice_client.get(reverse("web:products")).content.decode()
    leaded = html.split(f'id="product-{tested.uid}"')[1].split("</article>")[0]
    assert "<dt>Lead</dt><dd>2 µg/g</dd>" in leaded and "<dt>Lab report</dt><dd>Lab 9</dd>" in leaded
    assert 'class="product-findings"' in leaded and "lead" in leaded.lower()
    assert 'href="/findings/rules/product.heavy_metal/"' in leaded
    mystery = html.split(f'id="product-{untested.uid}"')[1].split("</article>")[0]
    assert "No lab figures for Mystery Malay" in mystery
    assert 'severity-badge severity-info">Info</span>' in mystery
    assert "Leaded Bali" not in mystery
