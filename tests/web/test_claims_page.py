"""The claim checker page: the form and every known claim with its verdict, explanation and sources;
a POSTed text comes back with its marked sentences; an empty or too long text is refused; nothing is
stored."""

from __future__ import annotations

from django.urls import reverse

from speciosa.journal.claim_check import MAX_TEXT_CHARS
from speciosa.refdata.claims import claims


def page(response) -> str:
    return response.content.decode()


def test_the_page_lists_every_claim_with_its_verdict_and_sources(alice_client):
    response = alice_client.get(reverse("web:learn_claims"))
    html = page(response)
    assert response.status_code == 200
    assert '<label for="id_text">' in html and "<textarea" in html
    for claim in claims():
        assert f'id="{claim.id}"' in html
        assert f"/learn/guide/{claim.guide}/" in html
    assert "Verdict: False" in html and "evidence grade" in html and "/sources/#source-singh-2014" in html


def test_a_posted_text_comes_back_with_its_marks(alice_client):
    text = "Our kratom is totally non-addictive. Orders ship in one day. It is FDA approved."
    html = page(alice_client.post(reverse("web:learn_claims"), {"text": text}))
    assert "2 of 3 sentences make a known marketing claim" in html
    assert "Our kratom is totally non-addictive." in html and 'href="#non-addictive"' in html
    assert 'href="#fda-approved"' in html
    assert (
        "Orders ship in one day." not in html.split('id="known-claims"')[0].split("What the text claims")[1]
    )


def test_a_text_without_claims_says_so(alice_client):
    html = page(alice_client.post(reverse("web:learn_claims"), {"text": "We ship worldwide."}))
    assert "No known marketing claim in 1 sentences" in html


def test_an_empty_or_too_long_text_is_refused(alice_client):
    assert alice_client.post(reverse("web:learn_claims"), {"text": ""}).status_code == 400
    response = alice_client.post(reverse("web:learn_claims"), {"text": "a" * (MAX_TEXT_CHARS + 1)})
    assert response.status_code == 400 and "Nothing was checked." in page(response)


def test_the_page_needs_sign_in(client):
    response = client.get(reverse("web:learn_claims"))
    assert response.status_code == 302
