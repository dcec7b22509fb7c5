"""The FAQ answers every question the seed articles ask, each with sources, a derived grade and wording
that makes no forbidden claim.

The seed questions are listed here from reading the five articles (shared/seeds/), and checked against
the files by a rule: in a file with an FAQ section (a line starting "FAQ" or reading "Frequently Asked
Questions"), each list item after it ("- ..." or "N. ...") is one question, its text up to and including
its last "?" (the answers that follow hold no "?"); in a file without one, each short line ending in "?"
that is not a list item is a question its headings pose. File 003 has neither: its headings are topics.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speciosa.refdata import sources
from speciosa.refdata.faq import documents, evidence_grade, faq, matching, questions
from speciosa.refdata.search_docs import GUIDE_TOPICS
from tests.refdata.test_provenance import FORBIDDEN

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

SEED_QUESTIONS: dict[str, list[str]] = {
    "000_cf7f9396fffba46f.txt": [
        "What is Kratom?",
        "How does Kratom work for chronic pain?",
        "What is the recommended dosage of Kratom for pain relief?",
        "Are there different strains of Kratom? Which is best for pain?",
        "Can Kratom dosage vary by weight?",
        "What are the potential side effects of using Kratom for pain?",
        "Is Kratom safe to use for chronic pain management?",
        "Can Kratom be used alongside other pain medications?",
        "How should Kratom be consumed for pain relief?",
        "Is there research supporting Kratom’s efficacy for chronic pain?",
    ],
    "001_06a8f56fb7fdc885.txt": ["What Is Kratom?"],
    "002_f3d820abfbf3af6c.txt": [
        "How long does it take for kratom to work?",
        "Can I take kratom with other medications?",
        "Is kratom safe for long-term use?",
        "What is the best way to consume kratom?",
        "Can kratom cause constipation?",
        "Does kratom show up on drug tests?",
        "How should I store kratom?",
        "Can children use kratom?",
        "Is there a specific time of day to take kratom?",
        "How do I know if kratom is right for me?",
    ],
    "003_193fbca2bc0367e9.txt": [],
    "004_30d8b1f7173fd0ea.txt": [
        "What is kratom, and how does it work for pain relief?",
        "Is kratom legal to use for pain management?",
        "Can kratom be used to treat all types of pain?",
        "Are there different strains of kratom, and do they have different effects?",
        "What are the recommended dosages for using kratom for pain?",
        "What are the potential side effects of using kratom for pain?",
        "Can kratom interact with other medications?",
        "How long does kratom take to work for pain relief, and how long do the effects last?",
        "Is it safe to use kratom for pain management long-term?",
        "Where can I find reliable information and research on kratom for pain management?",
    ],
}

ITEM = re.compile(r"^\s*(?:-|\d+\.)\s+(.*)$")


def extract(text: str) -> list[str]:
    """The questions of one seed file, by the rule in the module docstring."""
    lines = text.splitlines()
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if line.strip().startswith("FAQ") or line.strip() == "Frequently Asked Questions"
        ),
        None,
    )
    if start is None:
        return [
            line.strip()
            for line in lines
            if line.strip().endswith("?") and len(line.strip()) < 80 and not ITEM.match(line)
        ]
    found = []
    for line in lines[start + 1 :]:
        item = ITEM.match(line)
        if item and "?" in item.group(1):
            body = item.group(1)
            found.append(body[: body.rindex("?") + 1].strip())
    return found


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside this checkout")
@pytest.mark.parametrize("seed", sorted(SEED_QUESTIONS))
def test_the_listed_seed_questions_are_those_the_rule_reads_from_the_file(seed):
    assert extract((SEEDS / seed).read_text(encoding="utf-8")) == SEED_QUESTIONS[seed]


def test_the_seed_files_are_all_listed():
    if SEEDS.is_dir():
        assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(SEED_QUESTIONS)


@pytest.mark.parametrize(("seed", "asked"), [(seed, q) for seed, qs in SEED_QUESTIONS.items() for q in qs])
def test_every_seed_question_has_an_answer(seed, asked):
    answering = [q for q in questions() if asked in q.seed_questions.get(seed, ())]
    assert len(answering) == 1, f"{seed}: {asked!r} answered by {[q.id for q in answering]}"


def test_each_quoted_seed_question_is_one_of_the_seeds():
    for q in questions():
        for seed, asked in q.seed_question_list:
            assert asked in SEED_QUESTIONS[seed], f"{q.id} quotes {asked!r}, not in {seed}"


def test_every_answer_has_known_sources_and_the_grade_of_its_weakest():
    known = sources()
    for q in questions():
        assert q.sources and set(q.sources) <= set(known)
        assert q.grade == max(known[s].grade for s in q.sources if s != "speciosa-design")
        assert q.grade in "ABCD"


def test_the_grade_leaves_the_design_note_out_unless_it_stands_alone():
    assert evidence_grade(("tanna-2022", "speciosa-design")) == "A"
    assert evidence_grade(("speciosa-design",)) == "D"


def test_links_are_guide_slugs_and_own_pages():
    for q in questions():
        assert set(q.guide) <= set(GUIDE_TOPICS)
        assert q.guide or q.pages, q.id
    pages = {p.url for q in questions() for p in q.pages}
    assert {"/selfchecks/dsm5", "/selfchecks/sows", "/taper/"} <= pages


def test_dependence_withdrawal_and_tapering_link_to_their_tools():
    by_id = {q.id: q for q in questions()}
    assert "/selfchecks/dsm5" in {p.url for p in by_id["dependence"].pages}
    assert "/selfchecks/sows" in {p.url for p in by_id["withdrawal"].pages}
    assert "/taper/" in {p.url for p in by_id["cutting-down"].pages}
    assert by_id["side-effects"].personal == "side_effects_above_high_dose"


def test_our_own_words_make_no_forbidden_claim():
    for q in questions():
        for text in (q.question, q.answer, *(p.label for p in q.pages)):
            for pattern in FORBIDDEN:
                assert not re.search(pattern, text, flags=re.IGNORECASE), f"{q.id}: {pattern}"
    for group in faq().groups:
        assert not any(re.search(p, group.title, flags=re.IGNORECASE) for p in FORBIDDEN)


def test_answers_never_tell_how_much_or_when_to_take():
    telling = [r"\byou should take\b", r"\btake \d", r"\bstart with\b", r"\bbest (strain|dose|time)\b"]
    for q in questions():
        for pattern in telling:
            assert not re.search(pattern, q.answer, flags=re.IGNORECASE), f"{q.id}: {pattern}"


def test_answers_do_not_copy_the_seed_articles():
    if not SEEDS.is_dir():
        pytest.skip("the seed articles are not beside this checkout")
    seed_text = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")).lower()
    for q in questions():
        words = q.answer.lower().split()
        runs = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
        assert not [r for r in runs if r in seed_text], q.id


def test_matching_finds_by_words_and_everything_when_blank():
    assert len(matching("")) == len(questions())
    assert [q.id for q in matching("drug tests")] == ["drug-tests"]
    assert "withdrawal" in {q.id for q in matching("withdraw")}
    assert matching("xylophone") == ()


def test_documents_give_one_faq_doc_per_question():
    docs = documents()
    assert [d.key for d in docs] == [q.id for q in questions()]
    assert all(d.kind == "faq" and d.url == f"/learn/faq/#{d.key}" and d.sources for d in docs)
