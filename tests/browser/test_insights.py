"""The Insights page on the back-pain demo journal, on a phone and a desktop: it tells the story
(nausea above 5 g, no falling relief per gram), fits a 320 px screen and passes axe in light and dark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from speciosa.core.journal_format import JournalDocument
from speciosa.demo.stories import back_pain_journal
from speciosa.journal import transfer
from tests.browser.support import axe_violations, make_account

pytestmark = pytest.mark.browser


@pytest.fixture
def backpain(transactional_db: None) -> Any:
    user = make_account("backpain", zone="America/Chicago")
    now = timezone.now()
    document = JournalDocument.model_validate(back_pain_journal(end=now))
    transfer.journal_import(user=user, document=document, now=now)
    return user


@pytest.mark.parametrize(("width", "scheme"), [(320, "light"), (390, "dark"), (1280, "light")])
def test_the_insights_page_tells_the_back_pain_story_fits_the_screen_and_passes_axe(
    width: int, scheme: str, backpain: Any, open_context: Callable[..., Any], sign_in: Callable[..., Page]
):
    touch = {"is_mobile": True, "has_touch": True} if width < 576 else {}
    page = sign_in(
        open_context(viewport={"width": width, "height": 800}, color_scheme=scheme, **touch).new_page(),
        backpain,
    )
    page.goto(reverse("web:insights"))
    expect(page.get_by_role("heading", name="Insights", level=1)).to_be_visible()
    band = page.locator("table", has=page.locator("caption", has_text="Doses over 5 g, up to 10 g"))
    expect(band.get_by_role("row", name="Nausea")).to_be_visible()
    expect(page.get_by_text("no sign of relief per gram falling").first).to_be_visible()
    legend = page.locator(".chart-pegtrend .legend")
    expect(legend).to_contain_text("Clinically important improvement from the start (provisional)")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
