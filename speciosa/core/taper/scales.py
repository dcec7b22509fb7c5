"""Scoring the two self-report questionnaires (speciosa/refdata/data/questionnaires.yaml): the SOWS
(16 items, 0-4 each, total 0-64, no kratom cut-offs, so no label) and the DSM-5 self-check (11 yes/no
criteria, the count and its band: 2-3 mild, 4-5 moderate, 6 or more severe), and reading a run of
SOWS scores for withdrawal that stays severe (taper.yaml `severe_withdrawal`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from speciosa.core.errors import FieldError, InvalidInput
from speciosa.refdata.taper import questionnaire, questionnaires, taper_rules

INSTRUMENTS: tuple[str, ...] = ("sows", "dsm5")


@dataclass(frozen=True)
class Result:
    instrument: str
    total: int
    max_total: int
    band: str  # "" where the scale has no bands (SOWS)
    words: str
    next: str = ""  # what to do next, for a band

    @property
    def label(self) -> str:
        return f"{self.total} of {self.max_total}" + (f" ({self.band.lower()})" if self.band else "")


def answer_errors(instrument: str, answers: Sequence[object]) -> list[FieldError]:
    """What is wrong with a list of answers, each error naming its place (`answers[3]`)."""
    if instrument not in questionnaires():
        return [FieldError("instrument", f"must be one of {', '.join(INSTRUMENTS)}")]
    form = questionnaire(instrument)
    allowed = {a.value for a in form.answers}
    if len(answers) != len(form.items):
        return [
            FieldError(
                "answers", f"must hold {len(form.items)} answers, one for each item; got {len(answers)}"
            )
        ]
    errors = []
    for i, answer in enumerate(answers):
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in allowed:
            low, high = min(allowed), max(allowed)
            errors.append(FieldError(f"answers[{i}]", f"must be a whole number from {low} to {high}"))
    return errors


def score(instrument: str, answers: Sequence[int]) -> Result:
    """The total and, for the DSM-5 self-check, its band and words; InvalidInput on bad answers."""
    errors = answer_errors(instrument, answers)
    if errors:
        raise InvalidInput(errors)
    form = questionnaire(instrument)
    total = sum(answers)
    band = form.band_of(total)
    return Result(
        instrument=instrument,
        total=total,
        max_total=form.max_total,
        band=band.label if band else "",
        words=band.words if band else "",
        next=band.next if band else "",
    )


def stays_severe(scores: Iterable[tuple[datetime, int]], now: datetime) -> tuple[int, ...] | None:
    """The last SOWS totals when withdrawal "stays severe" (taper.yaml `severe_withdrawal`: the last
    3 scores of the past 7 days, on at least 2 different days, all at or above 32); None otherwise.
    Days here are the moments' dates: callers pass local times."""
    rule = taper_rules().severe_withdrawal
    recent = sorted((s for s in scores if now - timedelta(days=rule.days) <= s[0] <= now), key=lambda s: s[0])
    last = recent[-rule.scores :]
    if len(last) < rule.scores or len({at.date() for at, _ in last}) < 2:
        return None
    if all(total >= rule.points for _, total in last):
        return tuple(total for _, total in last)
    return None
