"""Findings that read in seconds: one card per check however often it fired, the history one line per
check, "Mark all read" for the signed-in person only, severities told apart by more than colour, and
no rule code shown as text."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.urls import reverse

from speciosa.journal import findings as safety
from speciosa.journal import models as m
from speciosa.journal import services


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def two_products_without_lab_figures(user, now):
    for name in ("Green Malay", "Red Bali"):
        product = services.entry_create(user=user, kind="products", values={"name": name})
        services.dose_create(user=user, amount=2, product_uid=product.uid, taken_at=now - timedelta(hours=2))


def large_doses_on_three_days(user, now):
    """A 6 g dose on each of the last three days, each assessed on its day: three findings in the history."""
    for days in (3, 2, 1):
        at = now - timedelta(days=days)
        services.dose_create(user=user, amount=6, confirmed=True, taken_at=at)
        safety.findings_refresh(user=user, now=at + timedelta(minutes=5))


def test_findings_of_one_check_make_one_card_that_says_how_many(alice, alice_client, frozen_now):
    two_products_without_lab_figures(alice, frozen_now)
    current = section(html_of(alice_client, reverse("web:findings")), "current-heading")
    cards = [c for c in current.split("<article")[1:] if "No lab figures" in c]
    assert len(cards) == 1, "one card for the check, not one per product"
    assert "2 findings from this check since" in current
    assert "The same check also found:" in current.split('<details class="finding-more">')[1]
    assert "Red Bali" in current and "Green Malay" in current


def test_the_history_has_one_line_per_check_with_how_often_it_fired(alice, alice_client, frozen_now):
    large_doses_on_three_days(alice, frozen_now)
    assert m.FindingState.objects.filter(user=alice, code="dose.high_single").count() == 3
    history = section(html_of(alice_client, reverse("web:findings")), "history-heading")
    assert "<table" not in history, "no table to break letter by letter on a phone"
    lines = [line for line in history.split("<li")[1:] if "A large single dose" in line]
    assert len(lines) == 1
    assert "3 times, 4 Mar 2026 to 7 Mar 2026" in lines[0]
    assert "3 not read yet" in lines[0]


def test_mark_all_read_marks_every_current_finding_of_the_person_and_no_one_elses(
    alice, bob, alice_client, frozen_now
):
    two_products_without_lab_figures(alice, frozen_now)
    services.dose_create(user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=10))
    two_products_without_lab_figures(bob, frozen_now)
    safety.findings_refresh(user=bob, now=frozen_now)
    bobs = m.FindingState.objects.filter(user=bob, acknowledged_at=None).count()
    assert bobs >= 2
    page = html_of(alice_client, reverse("web:findings"))
    assert "Mark all read (" in page
    response = alice_client.post(reverse("web:findings_acknowledge_all"), follow=True)
    assert "as read. They stay listed while they apply" in response.content.decode()
    assert not m.FindingState.objects.filter(user=alice, active=True, acknowledged_at=None).exists()
    assert m.FindingState.objects.filter(user=bob, acknowledged_at=None).count() == bobs, (
        "bob's are untouched"
    )
    after = html_of(alice_client, reverse("web:findings"))
    assert "A very large single dose" in section(after, "current-heading"), "read findings stay listed"
    assert "Mark all read (" not in after


def test_i_have_read_these_marks_only_the_findings_of_that_card(alice, alice_client, frozen_now):
    two_products_without_lab_figures(alice, frozen_now)
    services.dose_create(user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=10))
    card = section(html_of(alice_client, reverse("web:findings")), "current-heading").split(
        "No lab figures", 1
    )[1]
    assert "I have read these" in card.split("</article>")[0]
    alice_client.post(reverse("web:findings_acknowledge_all"), {"code": "product.no_lab_report"})
    unread = m.FindingState.objects.filter(user=alice, acknowledged_at=None).values_list("code", flat=True)
    assert "product.no_lab_report" not in unread and "dose.high_single" in unread


def test_mark_all_read_answers_only_a_post_and_an_unknown_check_is_404(alice_client, frozen_now):
    assert alice_client.get(reverse("web:findings_acknowledge_all")).status_code == 405
    assert alice_client.post(reverse("web:findings_acknowledge_all"), {"code": "no.such"}).status_code == 404


def test_today_shows_the_most_serious_finding_in_full_and_the_others_one_line_each(
    alice, alice_client, frozen_now
):
    services.dose_create(user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=10))
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "side_effects": [{"code": "chest_pain", "severity": "severe"}]},
    )
    panel = section(html_of(alice_client, reverse("web:today")), "findings-heading")
    assert panel.count("<article") == 1, "only the top finding is a full card"
    top = panel.split("</article>")[0]
    assert "Chest pain" in top and "<strong>What to do:</strong>" in top
    others = panel.split('<ul class="more-findings"')[1].split("</ul>")[0]
    assert "A very large single dose" in others and "What to do" not in others


def test_severities_differ_in_word_icon_and_card_class(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=10))
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "side_effects": [{"code": "chest_pain", "severity": "severe"}]},
    )
    two_products_without_lab_figures(alice, frozen_now)
    current = section(html_of(alice_client, reverse("web:findings")), "current-heading")
    badges = set(
        re.findall(
            r'severity-badge severity-(\w+)"><span aria-hidden="true" class="severity-icon">(.)</span> (\w+)<',
            current,
        )
    )
    assert {("urgent", "‼", "Urgent"), ("warning", "▲", "Warning"), ("info", "○", "Info")} <= badges
    assert len({icon for _, icon, _ in badges}) == len(badges), "each severity has its own icon"
    for severity in ("urgent", "warning", "info"):
        assert f'<article class="finding severity-{severity}"' in current


#: Every rule code ("dose.high_single", "interaction.substance"), and anything shaped like one.
RULE_CODE = re.compile(
    "|".join([*(re.escape(r.code) for r in safety.all_rules()), r"\b[a-z]+\.[a-z]+_[a-z_]+\b"])
)


def visible_text(html: str) -> str:
    """The page's text as people read it: no tags, attributes, scripts or styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_no_page_shows_a_rule_code_as_text(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=16, confirmed=True, taken_at=frozen_now - timedelta(minutes=10))
    two_products_without_lab_figures(alice, frozen_now)
    urls = [reverse("web:today"), reverse("web:findings"), reverse("web:settings")]
    urls += [reverse("web:finding_rule", kwargs={"code": r.code}) for r in safety.all_rules()]
    for url in urls:
        text = visible_text(html_of(alice_client, url))
        assert not RULE_CODE.findall(text), url


def test_no_safety_page_of_the_demo_journals_shows_a_rule_code(db, frozen_now):
    from django.test import Client

    from speciosa.core.journal_format import JournalDocument
    from speciosa.demo.load import replay_findings
    from speciosa.demo.stories import CASE_STUDIES
    from speciosa.journal import transfer

    for case in CASE_STUDIES:
        user = services.account_create(username=f"demo-{case.key}", password="a-long-demo-password")
        document = JournalDocument.model_validate(case.journal(end=frozen_now))
        transfer.import_file(user=user, content=document.model_dump_json().encode(), now=frozen_now)
        replay_findings(user=user, document=document, now=frozen_now)
        client = Client()
        client.force_login(user)
        codes = {s.code for s in safety.findings_history(user=user)}
        assert codes, case.key
        urls = [reverse("web:today"), reverse("web:findings")]
        urls += [reverse("web:finding_rule", kwargs={"code": code}) for code in codes]
        for url in urls:
            found = RULE_CODE.findall(visible_text(html_of(client, url)))
            assert not found, (case.key, url, found)


def test_a_repeated_finding_counts_from_the_persons_own_day_not_the_utc_one(alice, alice_client, frozen_now):
    late_evening = frozen_now.replace(hour=3, minute=30)  # 7 Mar in UTC, still 22:30 on 6 Mar in New York
    with time_machine.travel(late_evening + timedelta(hours=2), tick=False):
        two_products_without_lab_figures(alice, late_evening + timedelta(hours=2))
    current = section(html_of(alice_client, reverse("web:findings")), "current-heading")
    assert "2 findings from this check since 6 Mar" in current
