"""Every word the taper feature shows passes the project's wording rules: no amount called safe or
recommended, no claim that kratom treats anything, and no telling a person how much or when to take it."""

import re
from datetime import date
from pathlib import Path

import pytest

from speciosa.core.taper import follow as tf
from speciosa.core.taper.schedule import PlanSpec
from speciosa.journal import taper
from speciosa.refdata.taper import questionnaires, taper_rules

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [
    *sorted((ROOT / "speciosa/web/templates/web/taper").glob("*.html")),
    *sorted((ROOT / "speciosa/web/templates/web/selfchecks").glob("*.html")),
]
FORBIDDEN = [
    r"\bsafe (dose|amount|level)",
    r"\bis safe\b",
    r"\bsafer\b",
    r"\brecommended\b",
    r"\bwe recommend\b",
    r"\btreats\b",
    r"\bcures?\b",
    r"\bstart with\b",
    r"\btake (less|more|only)\b",
    r"\bredose\b",
    r"\byou should (take|use)\b",
]


def offending(text: str) -> list[str]:
    return [pattern for pattern in FORBIDDEN if re.search(pattern, text, flags=re.IGNORECASE)]


@pytest.mark.parametrize("text", ["Start with 2 g", "a safe dose", "Take less tomorrow", "redose after 4 h"])
def test_the_check_would_catch_a_prescription(text):
    assert offending(text)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_the_taper_and_self_check_pages_prescribe_nothing(path):
    assert offending(re.sub(r"{% comment %}.*?{% endcomment %}", "", path.read_text(), flags=re.S)) == []


def test_the_pages_exist_to_be_checked():
    assert len(TEMPLATES) >= 6


def test_the_taper_doc_and_the_reference_data_prescribe_nothing():
    texts = [(ROOT / "docs/taper.md").read_text()]
    for form in questionnaires().values():
        texts += [form.instructions, form.scoring, *form.items, *(b.words + b.next for b in form.bands)]
    rules = taper_rules()
    texts += [p.text for p in rules.paces] + [rules.long_term.text, rules.sharp_rise.text]
    assert [found for text in texts if (found := offending(text))] == []


def test_what_the_plan_says_when_it_pauses_and_acts_prescribes_nothing():
    spec = PlanSpec.of_pace("standard", start_grams=15, measure_grams=0.25, doses_per_day=3)
    start = date(2026, 1, 1)
    scores = [tf.Score(date(2026, 1, 5), 5), tf.Score(date(2026, 1, 6), 30)]
    events = [tf.Event(date(2026, 1, 9), "resume"), tf.Event(date(2026, 1, 10), "bad_day", note="flu")]
    progress = tf.follow(spec, start_on=start, today=date(2026, 1, 12), events=events, scores=scores)
    texts = [reason for _, _, reason in progress.pauses] + [progress.pause_reason]
    texts += [message for _, message in taper.ACTIONS.values()]
    assert all(texts) and [found for text in texts if (found := offending(text))] == []
