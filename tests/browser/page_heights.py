"""Print how tall the main pages are in the demo journals, and where Log dose sits after typing an amount.

    .venv/bin/python tests/browser/page_heights.py

The demo journals, the frozen evening and the local server are make_screenshots.py's, so the figures
are the same each run. Each line: journal, screen, page, the page's height in CSS pixels, and "wide"
when the page scrolls sideways. The last lines give the top of the dose form's Log dose button at
390 × 844 after typing 3 (the issue 8 figure: inside 844 means in view without scrolling).
"""

from __future__ import annotations

from typing import Any

from make_screenshots import SCREENS, demo_server  # run as a script: this folder is on the path

PAGES = ("/", "/doses/new/", "/checkins/new/", "/history/", "/trends", "/findings/", "/sources/", "/settings")


def measure(url: str, sessions: dict[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for journal, session in sessions.items():
            for screen, width, height, touch in SCREENS:
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    is_mobile=touch,
                    has_touch=touch,
                    base_url=url,
                )
                context.add_cookies([{"name": "sessionid", "value": session, "url": url}])
                page = context.new_page()
                for path in PAGES:
                    page.goto(path)
                    page.wait_for_load_state("networkidle")
                    tall, wide = page.evaluate(
                        "[document.documentElement.scrollHeight, document.documentElement.scrollWidth]"
                    )
                    print(f"{journal:9} {screen:12} {path:16} {tall:6} px{'  wide' if wide > width else ''}")
                if width == 390:
                    page.goto("/doses/new/")
                    page.locator("input[name=amount]").fill("3")
                    page.locator(".dose-strip").wait_for()
                    box: Any = page.get_by_role("button", name="Log dose", exact=True).bounding_box()
                    print(f"{journal:9} {screen:12} Log dose top after typing 3: {round(box['y'])} px")
                context.close()
        browser.close()


def main() -> None:
    with demo_server("speciosa-heights-") as (url, sessions):
        measure(url, sessions)


if __name__ == "__main__":
    main()
