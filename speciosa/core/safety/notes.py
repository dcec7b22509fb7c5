"""Reading red flags from free text: a check-in note, a side effect's "other" words, a dose or substance
note. People in trouble often write instead of choosing a code ("couldnt wake him, lips went blue").

The words, negation cues and contexts are reference data (red_flag_phrases.yaml); this module applies
them. A note is cut into sentences; a sentence with a context cue (the past, a worry, something read, an
animal) raises nothing; a match with a negation cue just before it in the same clause ("no seizure")
raises nothing. What is left is each red flag the note describes, with the words that matched and the
symptom code the person can log it as.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import product

from speciosa.refdata import red_flags
from speciosa.refdata.red_flag_phrases import Phrase, RedFlagPhrases, red_flag_phrases


@dataclass(frozen=True)
class NoteFlag:
    """A red flag read from text: its code, the symptom code it can be logged as ("" when none fits),
    and the words that matched, as written."""

    flag: str
    symptom: str
    words: str


@dataclass(frozen=True)
class _Compiled:
    sentence: re.Pattern[str]
    clause: re.Pattern[str]
    negation: re.Pattern[str]
    window: int
    context: tuple[re.Pattern[str], ...]
    phrases: tuple[tuple[Phrase, tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]], ...]


@cache
def _compiled() -> _Compiled:
    data: RedFlagPhrases = red_flag_phrases()
    cues = "|".join(sorted(data.negation.cues, key=len, reverse=True))
    return _Compiled(
        sentence=re.compile(data.sentence_breaks),
        clause=re.compile(data.clause_breaks),
        negation=re.compile(rf"\b(?:{cues})\b"),
        window=data.negation.window_words,
        context=tuple(re.compile(c.pattern) for c in data.context),
        phrases=tuple(
            (
                p,
                tuple(re.compile(data.expand(x)) for x in p.patterns),
                tuple(re.compile(data.expand(x)) for x in p.unless),
            )
            for p in data.phrases
        ),
    )


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces (line breaks kept as sentence breaks)."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return re.sub(r"[ \t]+", " ", text)


def negated(sentence: str, start: int, rules: _Compiled) -> bool:
    """True when a negation cue stands within the window of words before `start`, in the same clause."""
    before = sentence[:start]
    clauses = rules.clause.split(before)
    clause = clauses[-1] if clauses else before
    window = " ".join(clause.split()[-rules.window :])
    return bool(rules.negation.search(window))


def _blank(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with other matches' words blanked, so "haven't pooped ... a week" is not read as
    negating "a week" (the negation belongs to the symptom, which names it)."""
    chars = list(sentence)
    for start, end in spans:
        chars[start:end] = "_" * (end - start)
    return "".join(chars)


def _phrase_match(
    sentence: str, phrase: Phrase, patterns: tuple[re.Pattern[str], ...], rules: _Compiled
) -> str:
    """The words a phrase matched in a sentence ("" when it did not match or was negated).

    `any`: one pattern; `all`: every pattern somewhere in the sentence; `near`: every pattern, each
    within `phrase.within` words of the others, in any order."""
    found: list[list[re.Match[str]]] = [list(p.finditer(sentence)) for p in patterns]
    if phrase.mode != "any" and not all(found):
        return ""
    spans = [m.span() for matches in found for m in matches]
    kept = [
        [
            m
            for m in matches
            if phrase.negation_on not in (None, index)
            or not negated(_blank(sentence, [s for s in spans if s != m.span()]), m.start(), rules)
        ]
        for index, matches in enumerate(found)
    ]
    if phrase.mode == "any":
        first = next((m for matches in kept for m in matches), None)
        return first.group(0) if first else ""
    if not all(kept):
        return ""
    if phrase.mode == "all":
        return sentence
    positions = [[len(sentence[: m.start()].split()) for m in matches] for matches in kept]
    for combination in product(*positions):
        if max(combination) - min(combination) <= phrase.within:
            start = min(m.start() for matches in kept for m in matches)
            end = max(m.end() for matches in kept for m in matches)
            return sentence[start:end]
    return ""


#: A question answered "no" in the next words: "vomiting? no." is a negated question.
ANSWERED_NO = re.compile(r"^\s*(?:no|nope|none|nah|n/a|not at all)\b")


def _sentences(text: str, rules: _Compiled) -> Iterator[str]:
    """The sentences of a note that speak of an event (no context cue, no question answered "no")."""
    normal = normalise(text)
    parts = rules.sentence.split(normal)
    breaks = [m.group(0) for m in rules.sentence.finditer(normal)]
    for i, sentence in enumerate(parts):
        asked = i < len(breaks) and "?" in breaks[i]
        if asked and i + 1 < len(parts) and ANSWERED_NO.match(parts[i + 1]):
            continue
        sentence = sentence.strip()
        if sentence and not any(context.search(sentence) for context in rules.context):
            yield sentence


def read_note(text: str) -> list[NoteFlag]:
    """Each red flag the text describes (once per flag and symptom), in the order of the phrases."""
    if not text or not text.strip():
        return []
    rules = _compiled()
    found: dict[tuple[str, str], NoteFlag] = {}
    yields: dict[tuple[str, str], str] = {}  # a reading that gives way to another flag in the note
    sentences = list(_sentences(text, rules))
    passes = [(sentence, "sentence") for sentence in sentences] + [(". ".join(sentences), "note")]
    for sentence, scope in passes:
        here: list[tuple[Phrase, str]] = []
        for phrase, patterns, unless in rules.phrases:
            if phrase.scope != scope:
                continue
            if any(u.search(sentence) for u in unless):
                continue
            words = _phrase_match(sentence, phrase, patterns, rules)
            if words:
                here.append((phrase, words))
        for phrase, words in here:
            key = (phrase.flag, phrase.symptom)
            if key not in found:
                found[key] = NoteFlag(phrase.flag, phrase.symptom, words)
                yields[key] = phrase.unless_flag
    flags = {flag for flag, _ in found}
    return [read for key, read in found.items() if yields[key] not in flags]


@dataclass(frozen=True)
class NoteRedFlag:
    """A red flag a text raises, with what was read for it. `mild` when the only symptom read is one the
    flag treats as a warning when mild and alone (text cannot say how strong it was)."""

    flag: str
    found: tuple[NoteFlag, ...]
    mild: bool = False

    @property
    def symptoms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.symptom for f in self.found if f.symptom))

    @property
    def words(self) -> str:
        return "; ".join(dict.fromkeys(f.words for f in self.found))


def note_red_flags(text: str) -> list[NoteRedFlag]:
    """The red flags a text raises, gated like logged symptoms: a flag read only through symptoms that
    are also common mild effects (itching alone, dizziness alone) raises nothing."""
    flags = {flag.code: flag for flag in red_flags()}
    grouped: dict[str, list[NoteFlag]] = {}
    for read in read_note(text):
        grouped.setdefault(read.flag, []).append(read)
    raised: list[NoteRedFlag] = []
    for code, found in grouped.items():
        flag = flags[code]
        symptoms = {f.symptom for f in found}
        if symptoms and all(s in flag.also_common for s in symptoms):
            continue
        mild = len(symptoms) == 1 and next(iter(symptoms)) in flag.mild_alone
        raised.append(NoteRedFlag(code, tuple(found), mild))
    return raised


def flags_in(text: str) -> set[str]:
    """The red-flag codes a text raises (what the labelled test sets score)."""
    return {raised.flag for raised in note_red_flags(text)}
