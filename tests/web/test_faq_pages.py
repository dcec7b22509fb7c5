"""/learn/faq/: every question grouped, each under a <details> with its grade, sources and links, and
the person's own line only when their journal has side effects logged after doses above 5 g."""

from __future__ import annotations

from datetime import timedelta

from speciosa.journal import faq as journal_faq
from speciosa.journal import services
from speciosa.refdata.faq import faq, questions

PERSONAL = "Your journal: you logged"


def log_dose_with_effects(user, at, grams, codes=("nausea", "constipation")):
    services.dose_create(user=user, amount=grams, taken_at=at)
    services.entry_create(
        user=user,
        kind="checkins",
        values={"at": at + timedelta(hours=2), "pain_now": 5, "side_effects": [{"code": c} for c in codes]},
    )


def test_the_page_shows_every_question_grouped_with_grade_sources_and_links(alice_client):
    page = alice_client.get("/learn/faq/").content.decode()
    for group in faq().groups:
        assert f'<h2 id="faq-group-{group.id}">{group.title}</h2>' in page
    for q in questions():
        assert f'<details id="{q.id}"' in page
        assert f"Evidence grade {q.grade} (" in page
        for source in q.sources:
            assert f"/sources/#source-{source}" in page
        for slug in q.guide:
            assert f'href="/learn/guide/{slug}/"' in page
    assert 'href="/selfchecks/dsm5"' in page and 'href="/selfchecks/sows"' in page
    assert 'href="/taper/"' in page
    assert PERSONAL not in page


def test_the_page_finds_questions_by_words(alice_client):
    page = alice_client.get("/learn/faq/?q=drug+tests").content.decode()
    assert '<details id="drug-tests"' in page and '<details id="withdrawal"' not in page
    assert "No question matches" in alice_client.get("/learn/faq/?q=xylophone").content.decode()


def test_the_personal_line_appears_with_side_effects_above_5_g(alice, alice_client, frozen_now):
    for day in range(3):
        log_dose_with_effects(alice, frozen_now - timedelta(days=day + 1), 6)
    page = alice_client.get("/learn/faq/").content.decode()
    assert "you logged 6 side effects in check-ins within 12 hours of your doses above 5 g" in page
    assert "(3 such doses had a check-in)" in page
    lines = journal_faq.personal_lines(user=alice, now=frozen_now)
    assert set(lines) == {"side-effects", "constipation"}


def test_no_personal_line_for_side_effects_at_5_g_or_less_or_another_person(
    alice, bob, alice_client, bob_client, frozen_now
):
    log_dose_with_effects(alice, frozen_now - timedelta(days=1), 5)
    log_dose_with_effects(alice, frozen_now - timedelta(days=2), 3)
    services.dose_create(user=alice, amount=8, taken_at=frozen_now - timedelta(days=3))
    assert PERSONAL not in alice_client.get("/learn/faq/").content.decode()
    log_dose_with_effects(bob, frozen_now - timedelta(days=1), 7)
    assert PERSONAL not in alice_client.get("/learn/faq/").content.decode()
    assert PERSONAL in bob_client.get("/learn/faq/").content.decode()


def test_the_page_needs_sign_in(anonymous):
    response = anonymous.get("/learn/faq/")
    assert response.status_code == 302 and "/login/" in response["Location"]
