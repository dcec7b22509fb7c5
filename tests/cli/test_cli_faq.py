import json
from datetime import timedelta

from speciosa.refdata.faq import questions
from tests.web.test_faq_pages import log_dose_with_effects


def test_speciosa_faq_prints_every_question_with_its_grade(alice, speciosa):
    printed = speciosa("faq", "--user", "alice").stdout
    for q in questions():
        assert q.question[:30] in printed


def test_speciosa_faq_words_pick_questions_and_json_carries_everything(alice, speciosa, frozen_now):
    found = json.loads(speciosa("faq", "drug", "test", "--user", "alice", "--format", "json").stdout)
    assert found["q"] == "drug test"
    items = [q for g in found["groups"] for q in g["questions"]]
    assert [q["id"] for q in items] == ["drug-tests"]
    assert items[0]["grade"] == "D" and items[0]["sources"] and items[0]["guide"]


def test_speciosa_faq_shows_the_personal_line(alice, speciosa, frozen_now):
    assert "Your journal" not in speciosa("faq", "side", "--user", "alice").stdout
    log_dose_with_effects(alice, frozen_now - timedelta(days=1), 9)
    assert "Your journal: you logged 2 side effects" in speciosa("faq", "side", "--user", "alice").stdout


def test_no_question_matches(alice, speciosa):
    assert (
        "No question matches"
        in speciosa("faq", "xylophone", "--user", "alice").stdout
        + speciosa("faq", "xylophone", "--user", "alice").stderr
    )
