"""The web app's pages, for the tests that walk them all: which URLs are pages (and why the others
are not), one journal with one of each kind of entry, a token and a finding, and each page's URL
filled from it. The pages come from the URL conf, so a page added later is walked the moment it exists."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from speciosa.journal import (
    accounts,
    experiments,
    findings,
    selectors,
    selfchecks,
    services,
    share_links,
    taper,
)

#: URL names that are not pages a person opens, and why they are left out.
NOT_PAGES = {
    "logout": "POST only: the Sign out button in More",
    "health": "JSON for monitors, not a page",
    "dose_repeat": "POST only: the Repeat button on Today",
    "dose_preview": "POST only: the dose form's preview, swapped into the form",
    "product_archive": "POST only: the Archive button on Products",
    "transfer_export_json": "a download (JSON file), not a page",
    "transfer_export_csv": "a download (CSV file), not a page",
    "report_download": "a download (the report's file), not a page",
    "transfer_import": "POST only: the upload form's target",
    "settings_timezone": "POST only: a form on Settings",
    "settings_teaspoon": "POST only: a form on Settings",
    "settings_pregnancy": "POST only: a form on Settings",
    "token_create": "POST only: a form on Settings",
    "token_revoke": "POST only: a button on Settings",
    "invitation_withdraw": "POST only: a button on Invitations",
    "finding_acknowledge": "POST only: the 'I have read this' button",
    "findings_acknowledge_all": "POST only: the Mark all read button",
    "finding_log_symptoms": "POST only: the 'Log it as a symptom' button",
    "experiment_end": "POST only: the 'End early' button on an experiment",
    "taper_act": "POST only: the Pause, Resume, Hold, Slow and bad-day buttons on a taper plan",
    "calendar_reminder": "POST only: a form on Calendar",
    "calendar_feed_create": "POST only: a button on Calendar",
    "calendar_feed_revoke": "POST only: a button on Calendar",
    "calendar_download": "a download (.ics file), not a page",
    "calendar_feed": "an .ics feed for calendar apps, opened by the token in its URL without signing in",
    "share_link_create": "POST only: the form on Share with a clinician",
    "share_link_revoke": "POST only: a button on Share with a clinician",
    "shared_report_pdf": "a PDF, opened by the token in its URL without signing in",
    "manifest": "the web-app manifest (JSON), not a page",
    "service_worker": "the service worker's script, not a page",
}
#: Pages for people who have not signed in (a shared summary, an invitation: whoever holds its link;
#: the offline page).
ANONYMOUS_PAGES = ("signup", "login", "shared_report", "join", "offline")
#: A URL whose name starts with one of these takes the `uid` of that kind of entry.
UID_KINDS = {
    "dose_": "doses",
    "checkin_": "checkins",
    "product_": "products",
    "medication_": "medications",
    "substance_": "substances",
    "therapy_": "therapies",
    "lab_": "labs",
    "experiment": "experiments",
    "taper_": "tapers",
    "selfcheck": "selfchecks",
}
#: The rule whose page is walked (every rule page shares one template).
RULE_CODE = "red_flag.symptom"


def web_patterns() -> list[URLPattern]:
    found = get_resolver("speciosa.web.urls").url_patterns
    assert all(isinstance(p, URLPattern) and p.name for p in found), "every web URL is named, none nested"
    return list(found)


def page_names() -> list[str]:
    return [str(p.name) for p in web_patterns() if p.name not in NOT_PAGES]


def one_of_each(user: Any) -> dict[str, Any]:
    """The person's journal with one of each kind of entry, a token and findings (a beer beside kratom),
    by kind, and the person as "user"."""
    alice, now = user, timezone.now()
    product = services.entry_create(
        user=alice,
        kind="products",
        values={
            "name": "Red Bali",
            "vendor": "Leafy Co",
            "batch": "RB-0424-XLONGBATCHCODE",
            "mitragynine_percent": 1.4,
        },
    )
    entries: dict[str, Any] = {"user": alice, "products": product}
    entries["doses"] = services.dose_create(
        user=alice, amount=3, product_uid=product.uid, taken_at=now - timedelta(minutes=50)
    )
    services.dose_create(
        user=alice, amount=1, unit="tsp", note="estimate", taken_at=now - timedelta(minutes=20)
    )
    values: dict[str, dict[str, Any]] = {
        "checkins": {
            "at": now - timedelta(minutes=10),
            "pain_now": 6,
            "peg_pain": 6,
            "peg_enjoyment": 5,
            "peg_activity": 4,
            "side_effects": [{"code": "nausea", "severity": "moderate", "text": ""}],
        },
        "medications": {"name": "Duloxetine", "purpose": "pain", "dose_text": "30 mg"},
        "substances": {
            "at": now - timedelta(minutes=30),
            "kind": "alcohol",
            "substance": "Beer",
            "standard_drinks": 2,
        },
        "therapies": {"at": now - timedelta(hours=2), "kind": "exercise", "minutes": 30},
        "labs": {
            "taken_on": now.date(),
            "test": "ALT",
            "value": 30,
            "unit": "U/L",
            "reference_low": 7,
            "reference_high": 56,
        },
    }
    for kind, fields in values.items():
        entries[kind] = services.entry_create(user=alice, kind=kind, values=fields)
    services.token_create(user=alice, name="my script")
    entries["experiments"] = experiments.experiment_plan(
        user=alice,
        question="Does a daily walk ease my back more than no walk?",
        a_kind="therapy",
        a_label="Daily walk",
        b_kind="none",
        b_label="No walk",
        start_on=now.date() - timedelta(days=1),
        seed=3,
        now=now - timedelta(days=1),
    )
    entries["tapers"] = taper.taper_plan(user=alice, start_grams=3, doses_per_day=2, now=now)
    entries["selfchecks"] = selfchecks.selfcheck_create(
        user=alice, instrument="sows", answers=[1] * 16, now=now - timedelta(minutes=5)
    ).entry
    entries["share_link"], entries["share_token"] = share_links.share_create(
        user=alice, start=now.date() - timedelta(days=89), end=now.date(), now=now
    )
    entries["invitation"] = accounts.invitation_create(user=alice, now=now)
    findings.findings_refresh(user=alice, now=now)
    return entries


def url_of(name: str, journal: dict[str, Any]) -> str:
    """The page's URL with each argument filled from the journal; an unknown argument fails the test."""
    pattern = next(p for p in web_patterns() if p.name == name)
    kwargs: dict[str, Any] = {}
    for argument in pattern.pattern.regex.groupindex:
        kind = next((kind for prefix, kind in UID_KINDS.items() if name.startswith(prefix)), None)
        if argument == "uid" and kind is not None:
            kwargs["uid"] = journal[kind].uid
        elif argument == "code":
            kwargs["code"] = RULE_CODE
        elif argument == "kind":
            kwargs["kind"] = "doses"
        elif argument == "token_id":
            kwargs["token_id"] = selectors.token_list(user=journal["user"]).first().pk
        elif argument == "link_id":
            kwargs["link_id"] = journal["share_link"].id
        elif argument == "token" and name == "shared_report":
            kwargs["token"] = journal["share_token"]
        elif argument == "token" and name == "join":
            kwargs["token"] = journal["invitation"].token
        elif argument == "slug" and name == "guide_topic":
            kwargs["slug"] = "interactions"
        elif argument == "key":
            kwargs["key"] = findings.findings_history(user=journal["user"])[0].key
        else:
            pytest.fail(f"web:{name} takes {argument!r}: teach tests/browser/pages.py a value")
    return reverse(f"web:{name}", kwargs=kwargs)
