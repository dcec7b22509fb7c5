"""The claim checker's matching (issue 12), pure: split a text into sentences, normalise each one, and
find the marketing claims whose phrasings match. The claims and their phrasings are reference data
(speciosa.refdata.claims); this module only runs them.

Normalising: lower case, curly quotes straightened, "n't" read as " not", every other character that is
not a letter or a digit read as a space, and a plural "s" dropped from words of five or more letters
("opioids" -> "opioid", "tests" -> "test"). Phrasings are regular expressions over that text.

Negation: a claim's phrasings carry their own negation ("no risk of addiction"), so a sentence without
it ("kratom can be addictive") is not marked; `unless` patterns drop double negations ("not without
risk"); and a `negatable` claim's match is dropped when a negation cue stands within three words before
it ("not FDA approved", "has not been clinically proven").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol


class Rule(Protocol):
    """What the matcher needs of a claim: its id, patterns over the normalised text, the patterns that
    cancel a match, and whether a negation just before a match cancels it."""

    @property
    def id(self) -> str: ...

    @property
    def patterns(self) -> tuple[str, ...]: ...

    @property
    def unless(self) -> tuple[str, ...]: ...

    @property
    def negatable(self) -> bool: ...


@dataclass(frozen=True)
class Sentence:
    """One sentence of the text: its words as written, where it starts and ends in the text, and the
    ids of the claims it makes (in rule order)."""

    text: str
    start: int
    end: int
    claims: tuple[str, ...] = field(default=())


#: Abbreviations that end with a full stop inside a sentence.
_ABBREVIATIONS = (
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "vs",
    "e.g",
    "i.e",
    "etc",
    "no",
    "approx",
    "fig",
    "inc",
)
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’')\]]*)\s+|\n+|(?<=\S)\s+(?=(?:•|\u2022|\d+\.\s|-\s)\s*\S)")
_ABBREVIATION_END = re.compile(
    r"(?:^|\s)(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")\.$", re.I
)
_BULLET = re.compile(r"^(?:[•\u2022*\-–—]+|\d+\.)\s*")
_NEGATION_BEFORE = re.compile(r"(?:^| )(?:not|no|never|nor|without|neither|cannot)(?: \w+){0,2} ?$")


def split_sentences(text: str) -> list[tuple[str, int, int]]:
    """(sentence, start, end) for each non-empty sentence of `text`, in order. Splits at . ! ? followed
    by white space (not after Dr., e.g. and similar), at line breaks and before list bullets."""
    pieces: list[tuple[str, int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        end = boundary.start() + len(boundary.group(1) or "")
        chunk = text[start:end]
        if "\n" not in boundary.group() and _ABBREVIATION_END.search(chunk):
            continue
        pieces.append((chunk, start, end))
        start = boundary.end()
    pieces.append((text[start:], start, len(text)))
    found = []
    for chunk, begin, _end in pieces:
        stripped = chunk.strip()
        if not stripped:
            continue
        offset = chunk.index(stripped)
        found.append((stripped, begin + offset, begin + offset + len(stripped)))
    return found


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _stem(word: str) -> str:
    if len(word) >= 5 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise(sentence: str) -> str:
    """The sentence as phrasings read it (see the module's docstring)."""
    text = sentence.translate(_QUOTES).lower()
    text = re.sub(r"n't\b", " not", text)
    text = _BULLET.sub("", text.strip())
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(_stem(w) for w in words)


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def claims_in(sentence: str, rules: Iterable[Rule]) -> tuple[str, ...]:
    """The ids of the claims one sentence makes."""
    normal = normalise(sentence)
    found: list[str] = []
    for rule in rules:
        if _matches(normal, rule) and rule.id not in found:
            found.append(rule.id)
    return tuple(found)


def _matches(normal: str, rule: Rule) -> bool:
    if any(_compiled(p).search(normal) for p in rule.unless):
        return False
    for pattern in rule.patterns:
        for match in _compiled(pattern).finditer(normal):
            if rule.negatable and _NEGATION_BEFORE.search(normal[: match.start()]):
                continue
            return True
    return False


def check(text: str, rules: Sequence[Rule]) -> list[Sentence]:
    """Every sentence of `text` with the claims it makes (an empty tuple when none)."""
    return [Sentence(s, start, end, claims_in(s, rules)) for s, start, end in split_sentences(text)]
