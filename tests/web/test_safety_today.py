"""Today: the findings panel (urgent first, severity in words, sources linked) and the dose timeline."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from speciosa.journal import models as m
from speciosa.journal import services
from speciosa.refdata import time_courses


def today(client) -> str:
    return client.get(reverse("web:today")).content.decode()


def panel(html: str) -> str:
    return html.split('id="findings-heading"')[1].split("</section>")[0]


def timeline(html: str) -> str:
    return html.split('id="timeline-heading"')[1].split("</section>")[0]


def local(moment) -> str:
    """A time as alice (New York) reads it on her pages."""
    return f"{timezone.localtime(moment, ZoneInfo('America/New_York')):%H:%M}"


def test_the_write_stores_the_findings_and_today_shows_them(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=10))
    assert m.FindingState.objects.filter(user=alice, code="dose.high_single", active=True).exists()
    assert "A very large single dose" in panel(today(alice_client))


def test_the_panel_puts_urgent_first_and_writes_each_severity_as_a_word(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=10))
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "side_effects": [{"code": "chest_pain", "severity": "severe"}]},
    )
    html = panel(today(alice_client))
    urgent = html.index(
        'severity-badge severity-urgent"><span aria-hidden="true" class="severity-icon">‼</span> Urgent</span>'
    )
    warning = html.index(
        'severity-badge severity-warning"><span aria-hidden="true" class="severity-icon">▲</span> Warning</span>'
    )
    assert urgent < warning
    assert html.index("Chest pain") < html.index("A very large single dose")


def test_each_finding_says_what_it_means_what_to_do_its_grade_and_its_sources(
    alice, alice_client, frozen_now
):
    services.dose_create(user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=10))
    html = alice_client.get(reverse("web:findings")).content.decode()
    card = html.split("A very large single dose", 1)[1].split("</article>")[0]
    to_do, more = card.split('<details class="finding-more">')
    assert "<strong>What to do:</strong>" in to_do, "what to do is shown, before anything folded"
    assert "<strong>What it means:</strong>" in more, "what it means opens on tap"
    assert "Evidence: grade C (limited)" in card
    assert 'href="/sources/#source-grundmann-2017"' in card and 'href="/sources/#source-fda-sad-2024"' in card
    assert f'href="{reverse("web:finding_rule", kwargs={"code": "dose.high_single"})}"' in card


def test_notes_for_information_are_only_counted_on_today_and_listed_on_the_findings_page(
    alice, alice_client, frozen_now
):
    product = services.entry_create(
        user=alice, kind="products", values={"name": "Green Malay", "mitragynine_percent": 1.4}
    )
    services.dose_create(
        user=alice, amount=3, product_uid=product.uid, taken_at=frozen_now - timedelta(hours=1)
    )
    html = panel(today(alice_client))
    assert "No finding of caution or worse right now." in html
    assert "First dose of a new product" not in html
    assert "1 note for your information, and all findings with their history" in html
    findings = alice_client.get(reverse("web:findings")).content.decode()
    assert "First dose of a new product, Green Malay" in findings


def test_each_dose_of_the_last_24_hours_is_on_the_timeline_with_its_expected_bands(
    alice, alice_client, frozen_now
):
    taken = frozen_now - timedelta(minutes=30)
    services.dose_create(user=alice, amount=3, taken_at=taken, note="now")
    services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(hours=30), note="yesterday")
    course = time_courses()["powder"]
    html = timeline(today(alice_client))
    assert html.count('<div class="timeline-track" aria-hidden="true">') == 1, "only the last 24 hours"
    onset = f"{local(taken + timedelta(minutes=course.onset_minutes.low))}–"
    onset += local(taken + timedelta(minutes=course.onset_minutes.high))
    peak = f"{local(taken + timedelta(minutes=course.peak_minutes.low))}–"
    peak += local(taken + timedelta(minutes=course.peak_minutes.high))
    ends = f"{local(taken + timedelta(minutes=course.duration_minutes.low))}–"
    ends += local(taken + timedelta(minutes=course.duration_minutes.high))
    assert f"Felt effects expected to start {onset}" in html
    assert f"(sources: {peak})" in html
    assert f"Felt effects fade by {ends}; mitragynine stays in the blood for days" in html
    assert '<span class="badge active-badge">Effects expected now</span>' in html
    assert (
        f"Your last dose is expected to peak about <strong>{local(taken + timedelta(hours=1))}</strong>"
        in html
    )
    assert "stays in the blood for days" in html and "sedatives taken later still add to it" in html
    assert "redose" not in html.lower()
    assert 'href="/sources/#source-tanna-2022"' in html and 'href="/sources/#source-huestis-2024"' in html


def test_a_dose_past_its_latest_end_is_on_the_timeline_but_not_active(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=12))
    html = timeline(today(alice_client))
    assert "felt effects expected to have faded; still in the blood" in html
    assert "Effects expected now" not in html and "expected to peak about" not in html


def test_a_dose_of_a_product_with_lab_figures_shows_milligrams_of_mitragynine_and_7_oh(
    alice, alice_client, frozen_now
):
    product = services.entry_create(
        user=alice,
        kind="products",
        values={"name": "Tested Bali", "mitragynine_percent": 1.5, "seven_oh_percent": 0.02},
    )
    services.dose_create(
        user=alice, amount=4, product_uid=product.uid, taken_at=frozen_now - timedelta(hours=1)
    )
    html = timeline(today(alice_client))
    assert "About 60 mg mitragynine and 0.8 mg 7-OH" in html
    assert "grams × % by weight × 10" in html


def test_an_empty_day_says_so_on_the_timeline(alice_client, frozen_now):
    assert "No doses in the last 24 hours." in timeline(today(alice_client))


def test_today_never_shows_a_time_to_take_more(alice, alice_client, frozen_now):
    from datetime import timedelta

    from speciosa.journal import services

    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(minutes=20))
    page = alice_client.get(reverse("web:today")).text
    assert "redose" not in page.lower() and "not before" not in page
