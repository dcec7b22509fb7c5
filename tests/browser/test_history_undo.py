"""History in a real browser: edit a dose, delete it, press Undo in the message, and see it back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from speciosa.journal import models as m
from speciosa.journal import services

pytestmark = pytest.mark.browser


def entries(page: Page):
    return page.locator("article.day").get_by_role("listitem")


def test_a_dose_is_edited_deleted_and_brought_back_with_undo_from_history(alice_desktop: Page, alice_account):
    product = services.entry_create(user=alice_account, kind="products", values={"name": "Red Bali"})
    services.dose_create(
        user=alice_account, amount=4, product_uid=product.uid, taken_at=timezone.now() - timedelta(minutes=30)
    )
    page = alice_desktop
    page.goto("/history/")
    expect(entries(page)).to_have_count(1)
    expect(entries(page).first).to_contain_text("Dose 4 g · Red Bali")

    page.get_by_role("link", name="Edit: Dose 4 g · Red Bali").click()
    expect(page.get_by_role("heading", name="Edit dose")).to_be_visible()
    page.get_by_label("Amount (required)", exact=True).fill("4.5")
    page.get_by_label("Note").fill("with breakfast")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name="History", exact=True)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Saved the dose: 4.5 g · Red Bali.")).to_be_visible()
    expect(entries(page).first).to_contain_text("Dose 4.5 g · Red Bali")
    expect(entries(page).first).to_contain_text("with breakfast")

    page.get_by_role("link", name="Delete: Dose 4.5 g · Red Bali").click()
    expect(page.get_by_role("heading", name="Delete this dose?")).to_be_visible()
    page.get_by_role("button", name="Delete", exact=True).click()
    deleted = page.get_by_role("status").filter(has_text="Deleted the dose: 4.5 g · Red Bali.")
    expect(deleted).to_be_visible()
    expect(entries(page)).to_have_count(0)
    assert not m.Dose.objects.filter(user=alice_account).exists()

    deleted.get_by_role("button", name="Undo").click()
    expect(
        page.get_by_role("status").filter(has_text="Undone: brought back the dose you deleted.")
    ).to_be_visible()
    page.goto("/history/")
    expect(entries(page)).to_have_count(1)
    expect(entries(page).first).to_contain_text("Dose 4.5 g · Red Bali")
    dose = m.Dose.objects.get(user=alice_account)
    assert (dose.grams, dose.note) == (4.5, "with breakfast")


def test_history_search_finds_an_entry_by_its_note(alice_desktop: Page, alice_account):
    services.dose_create(user=alice_account, amount=3, note="before the long drive")
    services.dose_create(user=alice_account, amount=2, note="evening")
    page = alice_desktop
    page.goto("/history/")
    expect(entries(page)).to_have_count(2)
    page.get_by_text("Choose days or search").click()
    page.get_by_label("Search notes, products and side effects").fill("long drive")
    page.get_by_role("button", name="Show").click()
    expect(entries(page)).to_have_count(1)
    expect(entries(page).first).to_contain_text("before the long drive")
