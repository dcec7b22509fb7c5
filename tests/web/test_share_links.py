"""Share links: a person makes a read-only, time-limited link to their clinician summary for a period;
a clinician opens it without signing in, as a page or the PDF, and sees that summary only; it stops at
expiry or revocation; the person sees each opening; nobody else can list or revoke it."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from speciosa.core.errors import InvalidInput, NotFound
from speciosa.journal import share_links
from tests.reports.test_pdf import build_journal

SECRET = "alicesecret7f3a"
PERIOD = {"from": "2026-02-08", "to": "2026-03-07"}


def new_link_url(client, **fields) -> str:
    page = client.post(reverse("web:share_link_create"), {**PERIOD, "expires_in_days": "14", **fields})
    assert page.status_code == 200, page.content.decode()
    return re.search(r'id="new-link-url"[^>]*value="([^"]+)"', page.content.decode()).group(1)


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_shared_page_has_the_pdfs_figures_and_no_way_into_the_journal(
    alice, alice_client, anonymous, frozen_now
):
    build_journal(alice, frozen_now)
    page = anonymous.get(new_link_url(alice_client))
    assert page.status_code == 200
    shown = text(page)
    assert "Period: 8 Feb 2026 to 7 Mar 2026 (28 days)" in shown
    assert "Mean 4 g a day · 2 doses a day · doses on 28 of 28 days" in shown
    assert "Green Malay – µ batch (Leafworks)" in shown
    assert "Sertraline" in shown and "SSRI antidepressants" in shown
    assert "84 U/L" in shown and "Nausea: 7 check-ins (worst mild)" in shown
    assert 'src="data:image/png;base64,' in shown  # the PDF's chart, inline: nothing from another host
    hrefs = re.findall(r'href="([^"]+)"', page.content.decode())
    assert all(h.startswith(("/static/", "/share/", "data:")) for h in hrefs), hrefs
    for journal_page in ("web:today", "web:history", "web:trends", "web:findings", "web:reports"):
        assert f'href="{reverse(journal_page)}"' not in page.content.decode()
    assert "<script" not in page.content.decode()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs Debian's poppler-utils")
def test_the_shared_pdf_is_the_clinician_summary_for_the_links_period(
    alice, alice_client, anonymous, frozen_now, tmp_path
):
    build_journal(alice, frozen_now)
    pdf = anonymous.get(new_link_url(alice_client) + "report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    (tmp_path / "shared.pdf").write_bytes(pdf.content)
    read = subprocess.run(["pdftotext", str(tmp_path / "shared.pdf"), "-"], capture_output=True, text=True)
    assert "Period: 8 Feb 2026 to 7 Mar 2026 (28 days)" in " ".join(read.stdout.split())


def test_the_link_opens_only_its_report_for_its_period(alice, alice_client, anonymous, frozen_now):
    build_journal(alice, frozen_now)
    url = new_link_url(alice_client, **{"from": "2026-03-01", "to": "2026-03-07"})
    asked_for_more = anonymous.get(url, {"from": "2026-02-08", "to": "2026-03-07"})
    assert "Period: 1 Mar 2026 to 7 Mar 2026 (7 days)" in text(asked_for_more)
    for elsewhere in ("report.csv", "fhir", "clinician-pdf/download", "../../calendar/speciosa.ics"):
        assert anonymous.get(url + elsewhere).status_code == 404


def test_every_shared_response_is_private(alice, alice_client, anonymous, frozen_now):
    url = new_link_url(alice_client)
    for response in (anonymous.get(url), anonymous.get(url + "report.pdf")):
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert "noindex" in response["X-Robots-Tag"]
        assert response["Referrer-Policy"] == "no-referrer"


def test_the_link_stops_at_its_expiry(alice, alice_client, anonymous, frozen_now):
    url = new_link_url(alice_client, expires_in_days="3")
    with time_machine.travel(frozen_now + timedelta(days=3) - timedelta(seconds=1), tick=False):
        assert anonymous.get(url).status_code == 200
    with time_machine.travel(frozen_now + timedelta(days=3), tick=False):
        assert anonymous.get(url).status_code == 404
        assert anonymous.get(url + "report.pdf").status_code == 404
        assert "expired" in text(alice_client.get(reverse("web:share_links")))


def test_a_revoked_link_is_a_404_and_says_so_on_the_owners_page(alice, alice_client, anonymous, frozen_now):
    url = new_link_url(alice_client)
    [link] = share_links.share_list(user=alice, now=frozen_now)
    revoked = alice_client.post(reverse("web:share_link_revoke", args=[link.id]), follow=True)
    assert "it no longer opens" in text(revoked) and "revoked 7 Mar 2026" in text(revoked)
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(url + "report.pdf").status_code == 404


def test_the_link_is_shown_once_and_each_opening_is_logged(alice, alice_client, anonymous, frozen_now):
    url = new_link_url(alice_client)
    owners_page = text(alice_client.get(reverse("web:share_links")))
    assert url not in owners_page and "Not opened yet." in owners_page
    anonymous.get(url)
    anonymous.get(url + "report.pdf")
    with time_machine.travel(frozen_now + timedelta(hours=2), tick=False):
        anonymous.get(url)
    [link] = share_links.share_list(user=alice, now=frozen_now)
    assert [(o.at, o.view) for o in link.openings] == [
        (frozen_now, "page"),
        (frozen_now, "pdf"),
        (frozen_now + timedelta(hours=2), "page"),
    ]
    shown = text(alice_client.get(reverse("web:share_links")))  # in alice's zone, New York
    assert "Opened 3 times: 7 Mar 10:00 (page), 7 Mar 10:00 (PDF), 7 Mar 12:00 (page)" in shown


def test_an_unknown_or_misshapen_token_opens_nothing_and_logs_nothing(alice, anonymous, frozen_now):
    _, raw = share_links.share_create(
        user=alice, start=date(2026, 3, 1), end=date(2026, 3, 7), now=frozen_now
    )
    for token in (raw[:-1] + "x", raw.replace("spshr_", "spcal_"), "x"):
        assert anonymous.get(reverse("web:shared_report", args=[token])).status_code == 404
    assert share_links.share_list(user=alice, now=frozen_now)[0].openings == []


def test_a_closed_account_shares_nothing(alice, anonymous, frozen_now):
    _, raw = share_links.share_create(
        user=alice, start=date(2026, 3, 1), end=date(2026, 3, 7), now=frozen_now
    )
    alice.is_active = False
    alice.save()
    assert anonymous.get(reverse("web:shared_report", args=[raw])).status_code == 404


def test_bob_can_neither_list_nor_revoke_alices_links(alice, bob, bob_client, anonymous, frozen_now):
    link, raw = share_links.share_create(
        user=alice, start=date(2026, 3, 1), end=date(2026, 3, 7), now=frozen_now
    )
    assert "1 Mar 2026" not in text(bob_client.get(reverse("web:share_links")))
    assert share_links.share_list(user=bob, now=frozen_now) == []
    assert bob_client.post(reverse("web:share_link_revoke", args=[link.id])).status_code == 404
    with pytest.raises(NotFound):
        share_links.share_revoke(user=bob, link_id=link.id, now=frozen_now)
    assert anonymous.get(reverse("web:shared_report", args=[raw])).status_code == 200


def test_the_form_names_what_is_wrong_and_makes_no_link(alice, alice_client, frozen_now):
    for fields, shown in (
        ({"from": "2026-03-07", "to": "2026-03-01", "expires_in_days": "14"}, "must not be before the start"),
        ({"expires_in_days": "91"}, "less than or equal to 90"),
        ({"expires_in_days": "0"}, "greater than or equal to 1"),
    ):
        refused = alice_client.post(reverse("web:share_link_create"), fields)
        assert refused.status_code == 400 and shown in refused.content.decode()
    assert share_links.share_list(user=alice, now=frozen_now) == []
    with pytest.raises(InvalidInput) as refused_here:
        share_links.share_create(
            user=alice, start=date(2026, 3, 1), end=date(2026, 3, 2), expires_in_days=91, now=frozen_now
        )
    assert refused_here.value.errors[0].field == "expires_in_days"


def test_the_defaults_are_the_last_90_days_and_14_days_to_expire(alice, alice_client, frozen_now):
    page = alice_client.get(reverse("web:share_links")).content.decode()
    assert 'value="2025-12-08"' in page and 'value="2026-03-07"' in page and 'value="14"' in page
    alice_client.post(reverse("web:share_link_create"), {"expires_in_days": "14"})
    [link] = share_links.share_list(user=alice, now=frozen_now)
    assert (link.start, link.end) == (date(2025, 12, 8), date(2026, 3, 7))
    assert link.expires_at == frozen_now + timedelta(days=14)
    assert SECRET not in page


def test_the_api_creates_lists_and_revokes_a_link(alice, alice_client, anonymous, frozen_now):
    from tests.api.conftest import call

    made = call(alice_client, "post", "/share-links", {"from": "2026-03-01", "to": "2026-03-07"})
    assert made.status_code == 201
    created = made.json()
    assert (created["start"], created["end"], created["state"]) == ("2026-03-01", "2026-03-07", "active")
    assert anonymous.get(created["url"]).status_code == 200
    [listed] = call(alice_client, "get", "/share-links").json()
    assert "url" not in listed and [o["view"] for o in listed["openings"]] == ["page"]
    revoked = call(alice_client, "delete", f"/share-links/{created['id']}").json()
    assert revoked["state"] == "revoked" and anonymous.get(created["url"]).status_code == 404
    refused = call(alice_client, "post", "/share-links", {"expires_in_days": 91})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "expires_in_days"


def test_the_shared_page_has_the_pdfs_taper_section(alice, alice_client, anonymous, frozen_now):
    from speciosa.journal import selfchecks, taper

    build_journal(alice, frozen_now)
    taper.taper_plan(user=alice, start_grams=4, now=frozen_now - timedelta(days=10))
    selfchecks.selfcheck_create(user=alice, instrument="dsm5", answers=[1] * 4 + [0] * 7, now=frozen_now)
    shown = text(anonymous.get(new_link_url(alice_client)))
    assert "Cutting down (the person's own plan and self-checks)" in shown
    assert "Taper plan from 4 g a day" in shown
    assert "4 of 11 (moderate)" in shown and "not a diagnosis" in shown
