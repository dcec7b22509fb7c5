"""What the browser tests share besides fixtures: the browser's settings, the request log, axe-core."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone
from playwright.sync_api import BrowserContext, Page

from speciosa.core.journal_format import JournalDocument
from speciosa.demo.stories import synthetic_journal
from speciosa.journal import services, transfer
from tests.conftest import PASSWORD

CHROMIUM = os.environ.get("SPECIOSA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The zone the browser reports (sign-up preselects it) and the personas' profile zone.
BROWSER_ZONE = "America/New_York"
#: An iPhone-12-sized touch screen: what "phone-sized" means in these tests.
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
#: Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}
#: Longest wait for one step (a page load, a click); a slow 2-core machine stays well under it.
STEP_TIMEOUT_MS = 15_000
AXE = Path(__file__).parent / "vendor" / "axe-core-4.11.0.min.js"


#: Records every Content-Security-Policy violation on the page (added before any of the page's scripts run).
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI || "inline"} at ${event.sourceFile || location.pathname}:${event.lineNumber}`);
});
"""


def csp_violations(page: Page) -> list[str]:
    """What the Content-Security-Policy refused on the page since it loaded (CSP_WATCH must be added)."""
    return list(page.evaluate("window.__cspViolations || []"))


class RequestLog:
    """Every URL the watched browser contexts asked for, and which of them left the local server."""

    def __init__(self, server_url: str) -> None:
        self.server = urlsplit(server_url).netloc
        self.urls: list[str] = []

    def watch(self, context: BrowserContext) -> None:
        context.on("request", lambda request: self.urls.append(request.url))

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        return parts.scheme in {"http", "https"} and parts.netloc == self.server

    def foreign(self) -> list[str]:
        return [url for url in self.urls if not self.is_local(url)]


def make_account(username: str, zone: str = BROWSER_ZONE) -> Any:
    return services.account_create(username=username, password=PASSWORD, timezone=zone)


def axe_violations(page: Page, *, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of these impacts on the page as it is now, one line per element.

    Every closed `<details>` is opened while axe runs, so what hides behind a disclosure is checked too.
    """
    # Evaluated through the driver rather than added as a <script>, which the Content-Security-Policy refuses.
    page.evaluate(AXE.read_text() + "\n;undefined")
    found = page.evaluate(
        """async () => {
            const closed = [...document.querySelectorAll("details:not([open])")];
            closed.forEach((d) => { d.open = true; });
            const result = await axe.run(document, { resultTypes: ["violations"] });
            closed.forEach((d) => { d.open = false; });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + n.failureSummary.replace(/\\s+/g, " ")),
            }));
        }"""
    )
    return [
        f"{violation['id']} ({violation['impact']}: {violation['help']}) at {node}"
        for violation in found
        if violation["impact"] in impacts
        for node in violation["nodes"]
    ]


def import_synthetic_journal(user: Any, *, days: int, end: datetime | None = None) -> None:
    """`days` days of regular use (about 4 doses and 2 check-ins a day) ending at `end` (now)."""
    end = end or timezone.now()
    document = JournalDocument.model_validate(synthetic_journal(days=days, end=end))
    transfer.journal_import(user=user, document=document, now=end)
