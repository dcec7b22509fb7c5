"""POST /claims/check: the marked sentences with their claim ids, each claim's verdict, explanation and
sources; an empty text is a 400 and a text over the limit a 413, each naming the field; nobody
signed out gets in; nothing is stored."""

from __future__ import annotations

from speciosa.journal.claim_check import MAX_TEXT_CHARS
from tests.api.conftest import call, errors_of, journal_snapshot


def test_a_text_comes_back_marked(alice, alice_client):
    before = journal_snapshot(alice)
    text = "Kratom is non-addictive. We ship fast. Kratom won't show up on a drug test."
    response = call(alice_client, "post", "/claims/check", {"text": text})
    assert response.status_code == 200
    body = response.json()
    assert body["sentences"] == 3
    assert [(m["text"], m["claims"]) for m in body["marked"]] == [
        ("Kratom is non-addictive.", ["non-addictive"]),
        ("Kratom won't show up on a drug test.", ["drug-test"]),
    ]
    first = body["marked"][0]
    assert text[first["start"] : first["end"]] == first["text"]
    claim = {c["id"]: c for c in body["claims"]}["drug-test"]
    assert (
        claim["verdict"] == "misleading" and claim["sources"] and claim["url"] == "/learn/claims/#drug-test"
    )
    assert journal_snapshot(alice) == before


def test_an_empty_or_too_long_text_is_refused(alice_client):
    response = call(alice_client, "post", "/claims/check", {"text": " "})
    assert response.status_code == 400 and "text" in errors_of(response)
    response = call(alice_client, "post", "/claims/check", {"text": "a" * (MAX_TEXT_CHARS + 1)})
    assert response.status_code == 413 and "200,000" in errors_of(response)["text"]


def test_signed_out_is_refused(client):
    assert call(client, "post", "/claims/check", {"text": "Kratom is non-addictive."}).status_code == 401
