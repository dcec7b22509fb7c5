"""The claim checker's matcher: every claim sentence the seeds hold is found, the held-out set meets
the goal (recall >= 95%, precision >= 90%), negations and non-claims are not marked, sentences are split
where they end (not after "Dr."), and a 5,000-word page is checked in under a second."""

from __future__ import annotations

import time

import pytest

from bench.claims import labelled_set, page_of, score, seed_sentences
from speciosa.core.claims import check, claims_in, normalise, split_sentences
from speciosa.refdata.claims import claim_rules


def marked(sentence: str) -> tuple[str, ...]:
    return claims_in(sentence, claim_rules())


def test_every_claim_sentence_of_the_seeds_is_found():
    result = score("seeds", seed_sentences())
    assert result.labelled >= 40
    assert result.misses == ()


def test_the_held_out_set_meets_the_goal():
    # Measured once the rules were first written (docs/claims.md): recall 100%, precision 97.3%.
    rows = labelled_set("heldout.txt")
    assert (
        len(rows) >= 60
        and sum(1 for ids, _ in rows if ids) >= 30
        and sum(1 for ids, _ in rows if not ids) >= 30
    )
    result = score("held-out", rows)
    assert result.recall >= 0.95
    assert result.precision >= 0.90


def test_the_development_set_is_matched():
    result = score("development", labelled_set("dev.txt"))
    assert result.recall >= 0.95 and result.precision >= 0.95


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Kratom is non-addictive.", "non-addictive"),
        ("Kratom carries zero risk of becoming dependent.", "non-addictive"),
        ("You won't get hooked.", "non-addictive"),
        ("Quit any time with no withdrawals.", "no-withdrawal"),
        ("It is impossible to overdose.", "cannot-overdose"),
        ("A safer alternative to oxycodone.", "safer-than-opioids"),
        ("Our kratom is FDA approved.", "fda-approved"),
        ("Kratom is legal in all 50 states.", "legal-everywhere"),
        ("Kratom won't show up on a drug test.", "drug-test"),
    ],
)
def test_paraphrases_are_marked(sentence, claim):
    assert claim in marked(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kratom can be addictive.",
        "Kratom is addictive, and regular users may develop dependence.",
        "Kratom is not without risk of addiction.",
        "Some people have withdrawal symptoms when they stop.",
        "Kratom can cause withdrawal.",
        "Kratom is not approved by the FDA.",
        "The FDA has not approved kratom for any use.",
        "Kratom has not been clinically proven to relieve pain.",
        "Kratom is not legal in all 50 states.",
        "People can overdose on kratom, especially with other drugs.",
        "Kratom is banned in several states.",
    ],
)
def test_negations_and_warnings_are_not_marked(sentence):
    assert marked(sentence) == ()


def test_standard_screens_versus_specific_tests_is_the_supported_claim():
    sentence = (
        "Kratom is not commonly tested for in standard drug tests, but specialized tests can detect it."
    )
    assert marked(sentence) == ("drug-test-standard",)


def test_sentences_split_at_their_ends_not_after_dr():
    text = "Dr. Jane Doe, Specialist: “It works.” Kratom is non-addictive!\n• We ship fast\nPrices vary."
    pieces = [s for s, _, _ in split_sentences(text)]
    assert pieces == [
        "Dr. Jane Doe, Specialist: “It works.”",
        "Kratom is non-addictive!",
        "• We ship fast",
        "Prices vary.",
    ]
    for sentence, start, end in split_sentences(text):
        assert text[start:end] == sentence


def test_normalising_lowers_case_drops_punctuation_and_plurals():
    assert normalise("Opioids DON'T show on Drug-Tests!") == "opioid do not show on drug test"


def test_a_sentence_carries_each_claim_it_makes():
    (sentence,) = check("Kratom is non-addictive and FDA approved.", claim_rules())
    assert sentence.claims == ("non-addictive", "fda-approved")


def test_a_five_thousand_word_page_takes_under_a_second():
    page = page_of(5000)
    assert 4900 <= len(page.split()) <= 5100
    rules = claim_rules()
    check(page, rules)
    began = time.perf_counter()
    check(page, rules)
    assert time.perf_counter() - began < 1.0
