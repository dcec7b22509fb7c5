"""Export the journal as JSON from one account and import it into another through the upload form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from speciosa.journal import models as m
from speciosa.journal import services
from tests.browser.support import make_account

pytestmark = pytest.mark.browser


@pytest.fixture
def alices_journal(alice_account):
    caps = services.entry_create(
        user=alice_account,
        kind="products",
        values={"name": "White caps", "form": "capsules", "grams_per_capsule": 0.5},
    )
    services.dose_create(user=alice_account, amount=6, unit="capsule", product_uid=caps.uid)
    services.dose_create(user=alice_account, amount=2.5, note="noon")
    services.entry_create(
        user=alice_account, kind="checkins", values={"at": timezone.now(), "pain_now": 5, "peg_pain": 6}
    )
    services.entry_create(user=alice_account, kind="medications", values={"name": "Duloxetine"})


def report_row(page: Page, kind: str, added: int, already_present: int):
    """The report's row for one kind: its name, how many were added, how many were already there."""
    return page.locator("#import-result").get_by_role(
        "row", name=f"{kind} {added} {already_present}", exact=True
    )


def test_the_json_export_downloads_and_imports_into_another_account_once(
    alice_desktop: Page, alices_journal, open_context, sign_in, tmp_path: Path
):
    alice_desktop.goto("/transfer")
    with alice_desktop.expect_download() as download:
        alice_desktop.get_by_role("button", name="Download everything (JSON)").click()
    export = tmp_path / download.value.suggested_filename
    download.value.save_as(export)
    assert re.fullmatch(r"speciosa-journal-\d{4}-\d\d-\d\d\.json", export.name)
    document = json.loads(export.read_text())
    assert (len(document["products"]), len(document["doses"]), len(document["checkins"])) == (1, 2, 1)

    bob = make_account("bob")
    page = sign_in(open_context().new_page(), bob)
    page.goto("/transfer")
    page.get_by_label("File to import").set_input_files(export)
    page.get_by_role("button", name="Import", exact=True).click()
    report = page.get_by_role("status").filter(has_text="Imported")
    expect(report).to_contain_text(f"Imported {export.name}")
    expect(report).to_contain_text("5 entries added")
    expect(report_row(page, "Doses", added=2, already_present=0)).to_be_visible()
    assert m.Dose.objects.filter(user=bob).count() == 2

    page.get_by_label("File to import").set_input_files(export)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(report).to_contain_text("0 entries added")
    expect(report_row(page, "Doses", added=0, already_present=2)).to_be_visible()
    assert m.Dose.objects.filter(user=bob).count() == 2
    assert m.Product.objects.filter(user=bob).count() == 1
