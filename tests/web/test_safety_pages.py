"""The Findings page (current and history), a page per rule, the Sources page, the check-in form's red
flags and the pregnancy flag in Settings."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape

from speciosa.core.safety import all_rules
from speciosa.journal import models as m
from speciosa.journal import services
from speciosa.refdata import ACTION_LEVELS, red_flags, sources
from speciosa.web.presenters.findings_display import without_codes


def page(client, name: str, **kwargs) -> str:
    response = client.get(reverse(f"web:{name}", kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def big_dose(user, now):
    return services.dose_create(user=user, amount=16, confirmed=True, taken_at=now - timedelta(minutes=10))


def test_the_findings_page_lists_current_findings_with_a_button_to_mark_each_read(
    alice, alice_client, frozen_now
):
    big_dose(alice, frozen_now)
    html = page(alice_client, "findings")
    current = html.split('id="current-heading"')[1].split("</section>")[0]
    assert "A very large single dose" in current
    assert "I have read this" in current
    key = m.FindingState.objects.get(user=alice, code="dose.high_single").key
    assert f'action="{reverse("web:finding_acknowledge", kwargs={"key": key})}"' in current


def test_the_history_keeps_findings_no_longer_raised_with_when_they_were_seen_and_read(
    alice, alice_client, frozen_now
):
    dose = big_dose(alice, frozen_now)
    page(alice_client, "findings")
    state = m.FindingState.objects.get(user=alice, code="dose.high_single")
    alice_client.post(reverse("web:finding_acknowledge", kwargs={"key": state.key}))
    alice_client.post(reverse("web:dose_delete", kwargs={"uid": dose.uid}))
    html = page(alice_client, "findings")
    assert "A very large single dose" not in html.split('id="current-heading"')[1].split("</section>")[0]
    row = html.split('id="history-heading"')[1].split("A very large single dose")[1].split("</li>")[0]
    assert "no longer raised" in row
    assert "7 Mar 2026" in row, "when it was seen, in alice's own time"
    assert "· read" in row and "not read yet" not in row


def test_the_findings_page_links_every_rules_page(alice_client, frozen_now):
    html = page(alice_client, "findings")
    for registered in all_rules():
        assert f'href="{reverse("web:finding_rule", kwargs={"code": registered.code})}"' in html


@pytest.mark.parametrize("code", [r.code for r in all_rules()])
def test_each_rule_has_a_page_with_what_it_checks_its_design_choice_and_its_sources(
    code, alice_client, frozen_now
):
    registered = next(r for r in all_rules() if r.code == code)
    html = page(alice_client, "finding_rule", code=code)
    assert f"<h1>{escape(registered.title)}</h1>" in html
    assert escape(without_codes(registered.checks)) in html, "in words, a rule named by its title"
    if registered.design_choice:
        assert escape(without_codes(registered.design_choice)) in html
    for source_id in registered.sources:
        assert f'href="/sources/#source-{source_id}"' in html
        assert f"Evidence grade {sources()[source_id].grade}" in html


def test_a_rule_page_shows_only_the_persons_own_findings_of_that_code(
    alice, alice_client, bob_client, frozen_now
):
    big_dose(alice, frozen_now)
    page(alice_client, "today")
    mine = page(alice_client, "finding_rule", code="dose.high_single").split('id="mine-heading"')[1]
    assert "A very large single dose: 16 g" in mine
    bobs = page(bob_client, "finding_rule", code="dose.high_single").split('id="mine-heading"')[1]
    assert "16 g" not in bobs and "This check finds nothing in your journal right now." in bobs


def test_an_unknown_rule_code_is_404(alice_client, frozen_now):
    assert alice_client.get(reverse("web:finding_rule", kwargs={"code": "dose.nothing"})).status_code == 404


def test_the_sources_page_lists_every_source_with_its_anchor_link_grade_date_and_note(
    alice_client, frozen_now
):
    html = page(alice_client, "sources")
    for source in sources().values():
        entry = html.split(f'id="source-{source.id}"')[1].split("</article>")[0]
        assert escape(source.citation) in entry
        if source.in_project:
            assert f"In speciosa itself: <code>{source.link.removeprefix('project:')}</code>" in entry
        else:
            assert f'href="{escape(source.link)}"' in entry
        assert f"<dt>Evidence grade</dt><dd>{source.grade} (" in entry
        if source.read_via:
            assert f", read via {escape(source.read_via)}</dd>" in entry
        if source.as_of:
            assert f"<dt>As of</dt><dd>{source.as_of.day} " in entry
        if source.note:
            assert escape(source.note) in entry


def test_the_sources_page_explains_the_evidence_grades_a_to_d(alice_client, frozen_now):
    grades = page(alice_client, "sources").split('id="grades"')[1].split("</section>")[0]
    for grade, words in (
        ("A", "controlled human study"),
        ("B", "observational"),
        ("C", "case"),
        ("D", "Secondary"),
    ):
        assert f"<dt>Grade {grade} (" in grades
        assert words in grades


def test_every_source_link_on_today_lands_on_an_entry_of_the_sources_page(alice, alice_client, frozen_now):
    big_dose(alice, frozen_now)
    services.entry_create(user=alice, kind="medications", values={"name": "Tramadol"})
    today = page(alice_client, "today")
    linked = set(re.findall(r'href="/sources/#(source-[a-z0-9-]+)"', today))
    assert len(linked) > 5
    listed = set(
        re.findall(r'<article class="source" id="(source-[a-z0-9-]+)"', page(alice_client, "sources"))
    )
    assert linked <= listed


def test_the_footer_links_the_sources_page_and_the_nav_the_findings_page(alice_client, frozen_now):
    html = page(alice_client, "history")
    assert f'<a href="{reverse("web:sources")}"' in html.split("<footer")[1]
    assert f'<a href="{reverse("web:findings")}"' in html.split("</nav>")[0]


def test_the_check_in_form_shows_every_red_flag_with_what_to_do_by_action_level(alice_client, frozen_now):
    html = page(alice_client, "checkin_new")
    flags = html.split('<div class="red-flags">')[1].split('<div class="effect">')[0]
    for flag in red_flags():
        # the sign is the fold's title; what to do for it and its sources open on a tap
        folded = flags.split(
            f'<details class="red-flag"><summary><strong>{escape(flag.title)}</strong></summary>'
        )[1]
        assert folded.index(escape(flag.what_to_do)) < folded.index("</details>")
        for source_id in flag.sources:
            assert f'href="/sources/#source-{source_id}"' in flags
    for level in ACTION_LEVELS.values():
        if any(flag.action == level.code for flag in red_flags()):
            assert escape(level.label) in flags and escape(level.text) in flags
    assert flags.index(escape(ACTION_LEVELS["emergency"].label)) < flags.index(
        escape(ACTION_LEVELS["same_day"].label)
    )


def test_settings_explains_the_pregnancy_flag_and_turning_it_on_raises_the_standing_warning(
    alice, alice_client, frozen_now
):
    html = page(alice_client, "settings")
    assert "I am pregnant or may become pregnant" in html and "withdrawal" in html
    response = alice_client.post(reverse("web:settings_pregnancy"), {"pregnant": "on"}, follow=True)
    assert m.Profile.objects.get(user=alice).pregnant
    assert response.redirect_chain[-1][0] == reverse("web:settings")
    assert re.search(r'<input type="checkbox" name="pregnant"[^>]* checked', response.content.decode())
    assert m.FindingState.objects.get(user=alice, code="pregnancy.standing").active
    assert "Kratom in pregnancy" in page(alice_client, "findings")
    alice_client.post(reverse("web:settings_pregnancy"), {})
    assert not m.Profile.objects.get(user=alice).pregnant
    assert not m.FindingState.objects.get(user=alice, code="pregnancy.standing").active


def test_settings_turns_the_breastfeeding_flag_on_and_off_with_its_standing_warning(
    alice, alice_client, frozen_now
):
    assert "I am breastfeeding" in page(alice_client, "settings")
    response = alice_client.post(reverse("web:settings_pregnancy"), {"breastfeeding": "on"}, follow=True)
    profile = m.Profile.objects.get(user=alice)
    assert profile.breastfeeding and not profile.pregnant
    assert "you are breastfeeding" in response.content.decode()
    assert re.search(r'<input type="checkbox" name="breastfeeding"[^>]* checked', response.content.decode())
    assert m.FindingState.objects.get(user=alice, code="breastfeeding.standing").active
    alice_client.post(reverse("web:settings_pregnancy"), {})
    assert not m.Profile.objects.get(user=alice).breastfeeding
    assert not m.FindingState.objects.get(user=alice, code="breastfeeding.standing").active


def test_a_red_flag_written_in_a_check_in_note_offers_one_tap_to_log_it_as_the_coded_symptom(
    alice, alice_client, frozen_now
):
    from datetime import timedelta

    from speciosa.journal import services

    checkin = services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now - timedelta(hours=1), "note": "my pee is like coke and my eyes look yellow"},
    )
    html = page(alice_client, "findings")
    assert "We read this as a red flag" in html
    assert "Log it as a symptom: yellow skin or eyes, dark urine" in html
    [state] = m.FindingState.objects.filter(user=alice, code="red_flag.symptom")

    response = alice_client.post(reverse("web:finding_log_symptoms", kwargs={"key": state.key}), follow=True)

    assert "Logged as symptoms in your check-in" in response.content.decode()
    codes = {e.code for e in m.CheckIn.objects.get(uid=checkin.uid).side_effects.all()}
    assert codes == {"yellow_skin_or_eyes", "dark_urine"}
    [now_coded] = [s for s in m.FindingState.objects.filter(user=alice, code="red_flag.symptom", active=True)]
    assert "you logged" in now_coded.finding["meaning"] and not now_coded.finding["symptoms_to_log"]


def test_a_red_flag_in_a_dose_note_is_logged_in_a_new_check_in_at_the_doses_time(
    alice, alice_client, frozen_now
):
    from datetime import timedelta

    from speciosa.journal import services

    dose = services.dose_create(
        user=alice,
        amount=3,
        taken_at=frozen_now - timedelta(hours=2),
        note="had a seizure an hour after this",
    )
    page(alice_client, "findings")
    [state] = m.FindingState.objects.filter(user=alice, code="red_flag.symptom", active=True)

    alice_client.post(reverse("web:finding_log_symptoms", kwargs={"key": state.key}))

    checkin = m.CheckIn.objects.get(user=alice)
    assert checkin.at == dose.taken_at and [e.code for e in checkin.side_effects.all()] == ["seizure"]
    active = m.FindingState.objects.filter(user=alice, code="red_flag.symptom", active=True)
    assert [s.finding["entries"][0]["kind"] for s in active] == ["checkins"], "one event, one finding"


def test_logging_symptoms_for_another_persons_finding_is_404(alice, bob_client, frozen_now):
    from datetime import timedelta

    from speciosa.journal import services

    services.entry_create(
        user=alice, kind="checkins", values={"at": frozen_now - timedelta(hours=1), "note": "had a seizure"}
    )
    [state] = m.FindingState.objects.filter(user=alice, code="red_flag.symptom")

    response = bob_client.post(reverse("web:finding_log_symptoms", kwargs={"key": state.key}))

    assert response.status_code == 404


def test_findings_say_what_the_assessment_covered_and_an_old_journal_is_never_an_implicit_all_clear(
    alice, alice_client, frozen_now
):
    from datetime import timedelta

    from speciosa.journal import services

    assert "Your journal has no entries yet." in page(alice_client, "findings")
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(days=400))
    html = page(alice_client, "findings")
    assert "Your newest entry is from" in html and "findings look at the last 90 days" in html
    assert 'class="scope scope-stale"' in page(alice_client, "today")
