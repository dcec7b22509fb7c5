"""Questions people ask (issue 12), with the lines a person's own journal adds: what the web page, the
API and the CLI all show. The answers are reference data (speciosa.refdata.faq); this module picks the
questions that match the words asked, and adds a personal line where the journal has one.

The one personal line so far: on the side-effect questions, how many side effects the person listed
after their doses above the high single-dose mark (thresholds().high_single_dose_grams, 5 g), read
from the same side-effects-by-dose-band figures as the Insights page (speciosa.core.insights)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from speciosa.core.insights.bands import BANDS
from speciosa.core.insights.side_effects import SideEffects, side_effects
from speciosa.journal import User
from speciosa.journal.insights import insights_records
from speciosa.refdata import thresholds
from speciosa.refdata.faq import Question, faq, matching


def _amount(value: float) -> str:
    return f"{value:g} g"


def side_effects_above(found: SideEffects, grams: float) -> tuple[int, int]:
    """(side effects listed, doses followed by a check-in) over the dose bands wholly above `grams`."""
    above = {band.label for band in BANDS if band.low >= grams}
    listed = doses = 0
    for band in found.bands:
        if band.band not in above:
            continue
        doses += band.doses
        listed += sum(round((e.rate.value or 0.0) * e.rate.n) for e in band.effects)
    return listed, doses


def personal_lines(*, user: User, now: datetime) -> dict[str, str]:
    """Question id → the line the person's journal adds to its answer (only where there is one)."""
    wanted = [q for q in faq().questions if q.personal]
    if not wanted:
        return {}
    grams = thresholds().high_single_dose_grams.value
    listed, doses = side_effects_above(side_effects(insights_records(user=user, now=now)), grams)
    if not listed:
        return {}
    line = (
        f"Your journal: you logged {listed} side effect{'s' if listed != 1 else ''} in check-ins within "
        f"12 hours of your doses above {_amount(grams)} ({doses} such dose{'s' if doses != 1 else ''} "
        "had a check-in). The Insights page compares this with your other amounts; it shows what you "
        "logged, not what caused it."
    )
    return {q.id: line for q in wanted if q.personal == "side_effects_above_high_dose"}


def question_data(q: Question, personal: dict[str, str]) -> dict[str, Any]:
    """One question as plain JSON-ready values."""
    return {
        "id": q.id,
        "group": q.group,
        "question": q.question,
        "answer": q.answer,
        "grade": q.grade,
        "sources": list(q.sources),
        "guide": [{"slug": slug, "url": url} for slug, url in q.guide_urls],
        "pages": [{"url": p.url, "label": p.label} for p in q.pages],
        "personal": personal.get(q.id, ""),
        "seed_questions": [{"seed": seed, "question": text} for seed, text in q.seed_question_list],
        "url": q.url,
    }


def faq_read(*, user: User, now: datetime, words: str = "") -> list[dict[str, Any]]:
    """The questions matching `words` (all when blank), each with its personal line if any, grouped in
    file order: [{"id", "title", "questions": [...]}], empty groups left out."""
    found = matching(words)
    personal = personal_lines(user=user, now=now) if any(q.personal for q in found) else {}
    groups = []
    for group in faq().groups:
        items = [question_data(q, personal) for q in found if q.group == group.id]
        if items:
            groups.append({"id": group.id, "title": group.title, "questions": items})
    return groups
