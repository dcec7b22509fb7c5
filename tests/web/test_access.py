"""Nobody but the owner reaches the owner's journal, on any page.

The pages are taken from the URL conf (every pattern in `speciosa.web.urls`), so a new page is
tested the moment it is added. Each URL is filled with alice's objects: a `uid` of the kind its
name starts with (`dose_`, `checkin_`, ...); a finding `key` and a rule `code` are those of one of
alice's findings. A URL argument this test does not know fails loudly, so nobody can add a page that
escapes it.

- anonymous: sent to sign in, except on the public pages (sign in, sign up, health, the app shell), the calendar
  feed and a shared clinician summary, whose token in the URL is the credential: here a token nobody
  holds, which must read nothing (tests/web/test_calendar_pages.py and tests/web/test_share_links.py
  show a live token opens only its owner's feed or summary);
- bob: a 404 for each of alice's objects (GET and POST), and none of alice's data on his pages;
- alice's journal is unchanged by all of it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from speciosa.journal import accounts, experiments, selfchecks, services, share_links, taper
from speciosa.journal import models as m
from speciosa.journal.findings import findings_refresh
from speciosa.journal.transfer import journal_export
from tests.browser.pages import UID_KINDS

#: The app shell (manifest, service worker, offline page) holds nothing personal: a phone fetches it without cookies.
PUBLIC = {
    "login",
    "signup",
    "join",
    "health",
    "calendar_feed",
    "shared_report",
    "shared_report_pdf",
    "manifest",
    "service_worker",
    "offline",
}
#: URLs opened by a secret token in them rather than by signing in: whoever holds the token is its owner,
#: so "bob with alice's URL" is alice; the walk fills them with a token nobody holds.
#: The token the walk puts in each BY_TOKEN URL: well formed, but nobody's.
BY_TOKEN = {
    "calendar_feed": "spcal_" + "x" * 43,
    "shared_report": "spshr_" + "x" * 43,
    "shared_report_pdf": "spshr_" + "x" * 43,
    "join": "inv_" + "x" * 43,
}
#: Appears in every one of alice's entries; must never appear in a page bob or a stranger sees.
SECRET = "alicesecret7f3a"
#: What bob posts everywhere: plausible values for most forms, aimed at alice's objects.
BOB_POSTS = {"amount": "1", "unit": "g", "note": "bob was here", "name": "bob", "confirmed": "on"}


def web_patterns(patterns: list[Any] | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """(URL name, argument names) for every page, walking nested includes."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for pattern in patterns if patterns is not None else get_resolver("speciosa.web.urls").url_patterns:
        if isinstance(pattern, URLResolver):
            found.extend(web_patterns(pattern.url_patterns))
            continue
        assert isinstance(pattern, URLPattern)
        assert pattern.name, f"every page needs a URL name so it can be tested: {pattern.pattern}"
        found.append((pattern.name, tuple(sorted(pattern.pattern.regex.groupindex))))
    return found


PAGES = web_patterns()


def url_kwargs(name: str, arguments: tuple[str, ...], journal: dict[str, Any]) -> dict[str, Any]:
    """Alice's objects for a URL's arguments; an argument nobody taught this test fails it."""
    values: dict[str, Any] = {}
    for argument in arguments:
        if argument == "uid":
            kind = next((kind for prefix, kind in UID_KINDS.items() if name.startswith(prefix)), None)
            if kind is None:
                pytest.fail(
                    f"web:{name} takes a uid, but its name does not start with one of {sorted(UID_KINDS)}"
                )
            values["uid"] = journal[kind].uid
        elif argument == "token" and name in BY_TOKEN:
            values["token"] = BY_TOKEN[name]
        elif argument == "token_id":
            values["token_id"] = journal["token"].id
        elif argument == "link_id":
            values["link_id"] = journal["share_link"].id
        elif argument == "invitation_id":
            values["invitation_id"] = journal["invitation"].id
        elif argument == "kind":
            values["kind"] = "doses"
        elif argument == "key":
            values["key"] = journal["finding"].key
        elif argument == "code":
            values["code"] = journal["finding"].code
        elif argument == "exporter_id":
            values["exporter_id"] = "csv-doses"
        elif argument == "slug" and name == "guide_topic":
            values["slug"] = "interactions"
        else:
            pytest.fail(
                f"web:{name} takes {argument!r}; teach tests/web/test_access.py which of alice's values to use"
            )
    return values


def owns_object(arguments: tuple[str, ...]) -> bool:
    return bool({"uid", "token_id", "link_id", "invitation_id", "key"} & set(arguments))


def body(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def snapshot(user: Any) -> dict[str, Any]:
    """Everything of alice's that another person might try to change."""
    user.refresh_from_db()
    return {
        "journal": journal_export(user=user).model_dump(mode="json", exclude={"exported_at"}),
        "tokens": list(m.ApiToken.objects.filter(user=user).values("name", "token_hash", "revoked_at")),
        "changes": list(m.Change.objects.filter(user=user).values("id", "undone")),
        "findings": list(m.FindingState.objects.filter(user=user).values("key", "acknowledged_at", "active")),
        "account": (user.username, user.password, user.is_active),
        "experiments": [(e.question, e.ended) for e in experiments.experiment_list(user=user)],
        "tapers": [(v.plan.uid, v.state, v.plan.events.count()) for v in taper.taper_views(user=user)],
        "share_links": list(m.ShareLink.objects.filter(user=user).values("token_hash", "revoked_at")),
        "invitations": list(m.Invitation.objects.filter(user=user).values("token_hash", "withdrawn_at")),
    }


@pytest.fixture
def journal(alice, frozen_now) -> dict[str, Any]:
    """One of each of alice's things, each carrying SECRET."""
    product = services.entry_create(
        user=alice, kind="products", values={"name": f"Maeng Da {SECRET}", "grams_per_capsule": 0.5}
    )
    values = {
        "checkins": {"at": frozen_now, "pain_now": 6, "side_effects": [{"code": "nausea", "text": ""}]},
        "medications": {"name": f"Gabapentin {SECRET}"},
        "substances": {
            "at": frozen_now,
            "kind": "alcohol",
            "substance": f"Beer {SECRET}",
            "standard_drinks": 2,
        },
        "therapies": {"at": frozen_now, "kind": "exercise", "minutes": 30},
        "labs": {"taken_on": frozen_now.date(), "test": "ALT", "value": 30, "unit": "U/L"},
    }
    objects: dict[str, Any] = {"products": product}
    objects["doses"] = services.dose_create(user=alice, amount=4, product_uid=product.uid, note=SECRET)
    for kind, fields in values.items():
        objects[kind] = services.entry_create(user=alice, kind=kind, values={**fields, "note": SECRET})
    objects["token"], _ = services.token_create(user=alice, name=f"script {SECRET}")
    objects["experiments"] = experiments.experiment_plan(
        user=alice,
        question=f"Walking or not {SECRET}",
        a_kind="therapy",
        a_label="Walking",
        b_kind="none",
        b_label="No walking",
        start_on=frozen_now.date(),
        seed=1,
        now=frozen_now,
    )
    objects["tapers"] = taper.taper_plan(user=alice, start_grams=4, now=frozen_now)
    objects["selfchecks"] = selfchecks.selfcheck_create(
        user=alice, instrument="sows", answers=[1] * 16, note=SECRET, now=frozen_now
    ).entry
    objects["share_link"], _ = share_links.share_create(
        user=alice, start=frozen_now.date(), end=frozen_now.date(), now=frozen_now
    )
    objects["invitation"] = accounts.invitation_create(user=alice, now=frozen_now).invitation
    findings_refresh(user=alice, now=frozen_now)
    objects["finding"] = m.FindingState.objects.filter(user=alice).order_by("key").first()
    assert objects["finding"] is not None, "alice's journal must raise a finding for the finding URLs"
    return objects


def test_the_walk_finds_the_journal_pages():
    names = {name for name, _ in PAGES}
    assert {"today", "history", "dose_new", "dose_edit", "checkin_edit", "undo", "login", "signup"} <= names


@pytest.mark.parametrize(("name", "arguments"), PAGES, ids=[name for name, _ in PAGES])
def test_a_stranger_is_sent_to_sign_in(name, arguments, journal, alice, anonymous):
    url = reverse(f"web:{name}", kwargs=url_kwargs(name, arguments, journal))
    before = snapshot(alice)
    for method in (anonymous.get, anonymous.post):
        response = method(url)
        if name in PUBLIC:
            assert response.status_code not in (401, 403) and response.status_code < 500
            assert not response.get("Location", "").startswith(reverse("web:login"))
            assert SECRET not in body(response)
        else:
            assert response.status_code == 302, f"{method.__name__.upper()} {url}"
            assert response["Location"].startswith(reverse("web:login"))
    assert snapshot(alice) == before


SIGNED_IN_PAGES = [(name, arguments) for name, arguments in PAGES if name not in BY_TOKEN]


@pytest.mark.parametrize(("name", "arguments"), SIGNED_IN_PAGES, ids=[name for name, _ in SIGNED_IN_PAGES])
def test_bob_gets_nothing_of_alices(name, arguments, journal, alice, alice_client, bob_client: Client):
    url = reverse(f"web:{name}", kwargs=url_kwargs(name, arguments, journal))
    alice_sees = alice_client.get(url)
    assert alice_sees.status_code != 404 and alice_sees.status_code < 500, (
        "the URL must be alice's to prove anything"
    )
    before = snapshot(alice)
    latest_change = m.Change.objects.filter(user=alice).first()
    posted = {**BOB_POSTS, "change": str(latest_change.id) if latest_change else ""}
    bob_get, bob_post = bob_client.get(url), bob_client.post(url, posted)
    if owns_object(arguments):
        # A POST-only page answers GET with 405 whoever asks, so that reveals nothing either.
        assert bob_get.status_code == (405 if alice_sees.status_code == 405 else 404)
        assert bob_post.status_code == 404
    for response in (bob_get, bob_post):
        assert response.status_code < 500
        assert SECRET not in body(response)
    assert snapshot(alice) == before
