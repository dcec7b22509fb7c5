"""Every page a signed-in person can open, at 320 × 568, 390 × 844 and 1280 × 800, in the light and
the dark colour scheme: the page never scrolls sideways, no word is broken inside a table cell or a
button, and axe-core finds no serious or critical violation.

axe-core runs at both phone sizes (320 px dark, 390 px light); test_accessibility.py runs it on
every page at desktop size in both schemes.

The pages come from the web app's URL conf, so a page added later is walked the moment it exists;
the URLs that are not pages (POST-only targets, downloads, JSON) are named in pages.py with the reason.
The Content-Security-Policy refuses nothing on any page (no inline script or style it would need).
Each URL argument is filled from one journal that has one of each kind of entry, a token and a
finding. One browser, one context per size and scheme, one signed-in session for all the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from speciosa.refdata import sources
from tests.browser.pages import ANONYMOUS_PAGES, NOT_PAGES, one_of_each, page_names, url_of, web_patterns
from tests.browser.support import CSP_WATCH, axe_violations, csp_violations, make_account

pytestmark = pytest.mark.browser

#: (width, height) of each screen.
SIZES = {"320": (320, 568), "390": (390, 844), "1280": (1280, 800)}
#: Where axe-core runs on every page: both phone sizes, one in each scheme. (test_accessibility.py runs
#: it on every page at desktop size in both schemes.) axe takes about a second a page on a small
#: machine; running it at all six would more than double the walk.
AXE_AT = {("320", "dark"), ("390", "light")}

#: Words (runs between spaces, hyphens and slashes) of the text in every table cell and button, and
#: whether each sits on one line: a word split across lines has client rects with different tops.
#: Text that is visually hidden (clipped to a pixel, as a phone card table's header) is skipped.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("th, td, button, [role=button]")) {
    let hidden = false;
    for (let box = cell; box && box !== document.body; box = box.parentElement) {
      const rect = box.getBoundingClientRect();
      if (rect.width <= 2 || rect.height <= 2) { hidden = true; break; }
    }
    if (hidden) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(".visually-hidden")) continue;
      const words = /[^\\s\\-\\u2010-\\u2014\\/]+/g;
      for (let match = words.exec(node.data); match; match = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(`"${match[0]}" in <${cell.tagName.toLowerCase()}> "${cell.textContent.trim().slice(0, 40)}"`);
      }
    }
  }
  return broken;
}"""


@pytest.fixture
def journal(transactional_db: None) -> dict[str, Any]:
    return one_of_each(make_account("alice"))


def problems_on(page: Page, url: str, width: int, *, axe: bool) -> list[str]:
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"{url} answered {response and response.status}"]
    found = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        found.append(f"{url} scrolls sideways: {scroll_width} px wide on a {width} px screen")
    found += [f"{url} breaks the word {word}" for word in page.evaluate(BROKEN_WORDS)]
    found += [f"{url} Content-Security-Policy: {violation}" for violation in csp_violations(page)]
    if axe:
        found += [f"{url} axe: {violation}" for violation in axe_violations(page)]
    return found


def test_the_walk_covers_every_page_and_names_why_a_url_is_left_out():
    names = {str(p.name) for p in web_patterns()}
    assert set(NOT_PAGES) <= names, "a skipped URL no longer exists"
    assert {
        "today",
        "dose_new",
        "checkin_new",
        "history",
        "trends",
        "findings",
        "sources",
        "products",
        "product_edit",
        "labs",
        "transfer",
        "settings",
        "undo",
        "finding_rule",
    } <= set(page_names())


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_breaks_a_word_or_fails_axe(
    size: str,
    scheme: str,
    journal: dict[str, Any],
    open_context: Callable[..., Any],
    sign_in: Callable[..., Page],
):
    """One context per size and scheme; the same signed-in session walks every page."""
    width, height = SIZES[size]
    touch = {"is_mobile": True, "has_touch": True} if width < 576 else {}
    page = open_context(viewport={"width": width, "height": height}, color_scheme=scheme, **touch).new_page()
    page.add_init_script(CSP_WATCH)
    axe = (size, scheme) in AXE_AT
    problems: list[str] = []
    for name in ANONYMOUS_PAGES:
        problems += problems_on(page, url_of(name, journal), width, axe=axe)
    sign_in(page, journal["user"])
    for name in page_names():
        if name not in ANONYMOUS_PAGES:
            problems += problems_on(page, url_of(name, journal), width, axe=axe)
    assert not problems, f"{len(problems)} problems at {width} px, {scheme}:\n" + "\n".join(problems)


def test_a_link_to_a_source_opens_the_folds_around_it(journal, open_context, sign_in):
    """Sources is short on a phone (folded by grade); a finding's link to one source still lands on it."""
    page = sign_in(open_context(viewport={"width": 390, "height": 844}).new_page(), journal["user"])
    page.goto(reverse("web:sources"))
    assert page.evaluate("document.documentElement.scrollHeight") < 3 * 844
    source = [s for s in sources().values() if s.note and not s.in_project][-1]
    page.goto(f"{reverse('web:sources')}#source-{source.id}")
    entry = page.locator(f"#source-{source.id}")
    expect(entry.get_by_role("link", name=source.link)).to_be_in_viewport()
    expect(entry.get_by_text(source.note)).to_be_visible()
