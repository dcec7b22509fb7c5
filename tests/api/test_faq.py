from datetime import timedelta

from speciosa.refdata.faq import questions
from tests.api.conftest import call
from tests.cli.conftest import speciosa as speciosa  # the fixture: runs a CLI command
from tests.web.test_faq_pages import log_dose_with_effects


def test_get_learn_faq_gives_every_question_with_grade_sources_and_links(alice_client):
    found = call(alice_client, "get", "/learn/faq").json()
    items = [q for g in found["groups"] for q in g["questions"]]
    assert [q["id"] for q in items] == sorted(
        (q.id for q in questions()), key=[q.id for q in questions()].index
    )
    for item in items:
        assert item["sources"] and item["grade"] in "ABCD"
        assert item["url"] == f"/learn/faq/#{item['id']}"
        assert item["personal"] == ""


def test_q_filters_and_the_personal_line_comes_with_side_effects_above_5_g(alice, alice_client, frozen_now):
    log_dose_with_effects(alice, frozen_now - timedelta(days=1), 7)
    found = call(alice_client, "get", "/learn/faq?q=side+effects").json()
    items = {q["id"]: q for g in found["groups"] for q in g["questions"]}
    assert "side-effects" in items and "drug-tests" not in items
    assert "you logged 2 side effects" in items["side-effects"]["personal"]


def test_the_api_and_the_cli_give_the_same_questions(alice, alice_client, speciosa, frozen_now):
    import json

    log_dose_with_effects(alice, frozen_now - timedelta(days=1), 7)
    api = call(alice_client, "get", "/learn/faq?q=withdrawal").json()
    cli = json.loads(speciosa("faq", "withdrawal", "--user", "alice", "--format", "json").stdout)
    assert api == cli
