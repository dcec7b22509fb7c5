"""Urgent findings stand above everything on every page until the person says they have read them."""

from __future__ import annotations

import json
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, get_resolver, reverse

from speciosa.journal import findings, services
from speciosa.journal import models as m
from speciosa.journal.findings import findings_refresh

BANNER = 'class="urgent-banner" role="alert"'
#: Pages without arguments that are not HTML pages a person reads.
NOT_PAGES = {"logout", "health", "transfer_export_json"}


def plain_pages() -> list[str]:
    """Every page of the URL conf that takes no argument (new pages are covered the moment they exist)."""
    return [
        pattern.name
        for pattern in get_resolver("speciosa.web.urls").url_patterns
        if isinstance(pattern, URLPattern)
        and pattern.name
        and pattern.name not in NOT_PAGES
        and not pattern.pattern.regex.groupindex
    ]


def html_of_every_page(client) -> dict[str, str]:
    """Each page a GET can open, by URL name (POST-only targets answer 405 and are left out)."""
    pages = {}
    for name in plain_pages():
        response = client.get(reverse(f"web:{name}"))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[name] = response.content.decode()
    return pages


def red_flag_check_in(client):
    return client.post(
        reverse("web:checkin_new"), {"at": "", "effect_breathing_problems": "severe"}, follow=True
    )


def urgent_state(user) -> m.FindingState:
    return m.FindingState.objects.get(user=user, severity="urgent")


def test_a_red_flag_check_in_puts_what_to_do_above_every_page_at_once(alice_client, frozen_now):
    saved = red_flag_check_in(alice_client).content.decode()
    assert BANNER in saved, "the page the check-in lands on already shows it"
    pages = html_of_every_page(alice_client)
    assert {"today", "history", "trends", "findings", "sources", "settings", "dose_new"} <= pages.keys()
    for name, html in pages.items():
        assert BANNER in html, name
        banner = html.split(BANNER)[1].split("</section>")[0]
        assert "Slow or stopped breathing" in banner
        assert 'class="urgent-details">What to do' in banner, "one tap to what to do"
        assert 'href="tel:911"' in banner, "alice (New York) can call 911 with one tap"
        assert "I have read this" in banner


def test_the_banners_what_to_do_link_lands_on_the_findings_card_with_the_whole_advice(
    alice_client, frozen_now
):
    red_flag_check_in(alice_client)
    html = alice_client.get(reverse("web:today")).content.decode()
    href = html.split(BANNER)[1].split('class="urgent-details"')[0].rsplit('href="', 1)[1].split('"')[0]
    path, anchor = href.split("#")
    card = alice_client.get(path).content.decode().split(f'id="{anchor}"')[1].split("</article>")[0]
    assert "Call emergency services now" in card and "naloxone" in card and "recovery position" in card
    assert 'href="/sources/#source-' in card


def test_the_banner_comes_before_the_pages_own_content(alice_client, frozen_now):
    red_flag_check_in(alice_client)
    for name in ("today", "history", "settings"):
        html = alice_client.get(reverse(f"web:{name}")).content.decode()
        assert html.index(BANNER) < html.index("<h1"), name


def test_acknowledging_removes_the_banner_everywhere_but_keeps_the_finding_on_the_findings_page(
    alice, alice_client, frozen_now
):
    red_flag_check_in(alice_client)
    state = urgent_state(alice)
    response = alice_client.post(
        reverse("web:finding_acknowledge", kwargs={"key": state.key}), {"next": reverse("web:history")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:history")
    state.refresh_from_db()
    assert state.acknowledged_at == frozen_now
    for name, html in html_of_every_page(alice_client).items():
        assert BANNER not in html, name
    findings = alice_client.get(reverse("web:findings")).content.decode()
    assert "Slow or stopped breathing" in findings and "You marked this as read on" in findings


def test_bob_cannot_acknowledge_alices_finding_and_never_sees_her_banner(
    alice, alice_client, bob_client, frozen_now
):
    red_flag_check_in(alice_client)
    state = urgent_state(alice)
    response = bob_client.post(reverse("web:finding_acknowledge", kwargs={"key": state.key}))
    assert response.status_code == 404
    state.refresh_from_db()
    assert state.acknowledged_at is None
    assert BANNER not in bob_client.get(reverse("web:today")).content.decode()
    assert BANNER in alice_client.get(reverse("web:today")).content.decode()


def test_acknowledging_a_key_nobody_has_is_404(alice_client, frozen_now):
    response = alice_client.post(
        reverse("web:finding_acknowledge", kwargs={"key": "red_flag.symptom:nothing"})
    )
    assert response.status_code == 404


def test_acknowledging_only_answers_a_post(alice, alice_client, frozen_now):
    red_flag_check_in(alice_client)
    url = reverse("web:finding_acknowledge", kwargs={"key": urgent_state(alice).key})
    assert alice_client.get(url).status_code == 405
    assert urgent_state(alice).acknowledged_at is None


def test_deleting_the_check_in_takes_its_banner_away(alice, alice_client, frozen_now):
    red_flag_check_in(alice_client)
    checkin = m.CheckIn.objects.get(user=alice)
    alice_client.post(reverse("web:checkin_delete", kwargs={"uid": checkin.uid}))
    assert BANNER not in alice_client.get(reverse("web:history")).content.decode()


def test_a_new_red_flag_shows_again_after_an_older_one_was_read(alice, alice_client, frozen_now):
    red_flag_check_in(alice_client)
    alice_client.post(reverse("web:finding_acknowledge", kwargs={"key": urgent_state(alice).key}))
    services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": frozen_now + timedelta(seconds=1),
            "side_effects": [{"code": "yellow_skin_or_eyes", "severity": "moderate"}],
        },
    )
    findings_refresh(user=alice, now=frozen_now + timedelta(seconds=1))
    html = alice_client.get(reverse("web:history")).content.decode()
    assert BANNER in html and "liver" in html.split(BANNER)[1].split("</section>")[0]


def test_an_imported_red_flag_shows_as_soon_as_the_import_is_done(alice_client, frozen_now):
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "checkins": [
            {
                "uid": "5b0c1f47-6a0e-4b8e-9c39-5d1a3f0b8e11",
                "at": (frozen_now - timedelta(hours=1)).isoformat(),
                "side_effects": [{"code": "seizure", "severity": "severe"}],
            }
        ],
    }
    content = json.dumps(document).encode()
    page = alice_client.post(
        reverse("web:transfer_import"), {"file": SimpleUploadedFile("journal.json", content)}
    ).content.decode()
    assert BANNER in page and "A seizure, or new confusion" in page
    partial = alice_client.post(
        reverse("web:transfer_import"),
        {"file": SimpleUploadedFile("journal.json", content)},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'id="urgent-findings" hx-swap-oob="true"' in partial, "htmx swaps the banner in beside the report"


def test_the_nav_counts_current_findings_of_caution_or_worse(alice, alice_client, frozen_now):
    html = alice_client.get(reverse("web:today")).content.decode()
    assert 'class="count-badge"' not in html
    services.dose_create(user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=5))
    red_flag_check_in(alice_client)
    html = alice_client.get(reverse("web:today")).content.decode()
    notable = sum(1 for c in findings.findings_current(user=alice) if c.notable)
    assert notable >= 2
    assert f'<span class="count-badge">{notable}<span class="visually-hidden"> of caution or worse' in html


def test_undoing_the_delete_of_a_red_flag_check_in_brings_its_banner_back(alice, alice_client, frozen_now):
    red_flag_check_in(alice_client)
    checkin = m.CheckIn.objects.get(user=alice)
    alice_client.post(reverse("web:checkin_delete", kwargs={"uid": checkin.uid}))
    alice_client.post(reverse("web:undo"), {"next": reverse("web:history")})
    assert BANNER in alice_client.get(reverse("web:history")).content.decode()


def test_a_dose_logged_from_another_page_updates_the_findings_before_that_page_opens(
    alice, alice_client, frozen_now
):
    response = alice_client.post(
        reverse("web:dose_new"),
        {"amount": "16", "unit": "g", "taken_at": "", "next": reverse("web:history")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("web:history")
    assert m.FindingState.objects.filter(user=alice, code="dose.high_single", active=True).exists()
    assert 'class="count-badge"' in response.content.decode()


def banner_of(client) -> str:
    html = client.get(reverse("web:today")).content.decode()
    return html.split(BANNER)[1].split("</section>")[0]


def test_the_banner_calls_the_numbers_of_the_country_chosen_in_settings(alice, alice_client, frozen_now):
    red_flag_check_in(alice_client)
    assert 'href="tel:911"' in banner_of(alice_client) and 'href="tel:18002221222"' in banner_of(alice_client)
    alice_client.post(reverse("web:settings_timezone"), {"timezone": "America/New_York", "country": "GB"})
    banner = banner_of(alice_client)
    assert (
        '<a href="tel:999" class="call" role="button">Call <span class="tel-number">999</span><span class="visually-hidden"> (emergency'
        in banner
    )
    assert (
        '<a href="tel:111" class="call" role="button">NHS <span class="tel-number">111</span><span class="visually-hidden"> (poison'
        in banner
    )
    assert "tel:911" not in banner


def test_with_another_country_the_banner_asks_for_the_local_emergency_number(alice, alice_client, frozen_now):
    services.profile_update(user=alice, country="ZZ")
    red_flag_check_in(alice_client)
    banner = banner_of(alice_client)
    assert "tel:" not in banner and "Call your local emergency number." in banner
