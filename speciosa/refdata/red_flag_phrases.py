"""Words that describe a red flag in free text (a note, a side effect's "other" words), with negation
cues and the contexts that mean a sentence is about something else. See red_flag_phrases.yaml."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.refdata.base import Model, RefdataError, SourceIds, check_citations, parse, read
from speciosa.refdata.loader import SideEffect, Source, side_effects, sources
from speciosa.refdata.red_flags import RedFlag, red_flags

RED_FLAG_PHRASES_FILE = "red_flag_phrases.yaml"


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"pattern {pattern!r} is not a valid regular expression: {error}") from None
    return pattern


class Negation(Model):
    window_words: int = Field(ge=1, le=10)
    cues: tuple[str, ...] = Field(min_length=1)


class Context(Model):
    kind: str
    pattern: str

    @model_validator(mode="after")
    def valid(self) -> Context:
        _compiles(self.pattern)
        return self


class Phrase(Model):
    """Patterns for one red flag: `any` one of them, or `all` of them in one sentence."""

    flag: str
    symptom: str = ""
    unless_flag: str = ""  # raise nothing when this flag was read in the same note
    unless: tuple[str, ...] = ()  # raise nothing when one of these is in the same sentence
    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    within: int = Field(6, ge=1, le=30)
    negation_on: int | None = Field(None, ge=0)  # the one pattern whose negation counts (default: all)
    scope: Literal["sentence", "note"] = "sentence"  # `all` over one sentence, or over the whole note
    sources: SourceIds

    @model_validator(mode="after")
    def one_mode(self) -> Phrase:
        if sum(bool(x) for x in (self.any, self.all, self.near)) != 1:
            raise ValueError(f"phrase for {self.flag!r}: give one of `any`, `all` or `near`")
        return self

    @property
    def mode(self) -> str:
        return "any" if self.any else "all" if self.all else "near"

    @property
    def patterns(self) -> tuple[str, ...]:
        return self.any or self.all or self.near


class RedFlagPhrases(Model):
    """The phrases with their concepts (`<<name>>` in a pattern stands for `concepts[name]`)."""

    version: Literal[1]
    sentence_breaks: str
    clause_breaks: str
    negation: Negation
    context: tuple[Context, ...]
    concepts: dict[str, str] = {}
    phrases: tuple[Phrase, ...] = Field(min_length=1)

    def expand(self, pattern: str) -> str:
        """A pattern with each `<<name>>` replaced by its concept, as a non-capturing group."""

        def concept(found: re.Match[str]) -> str:
            name = found.group(1)
            if name not in self.concepts:
                raise RefdataError(f"{RED_FLAG_PHRASES_FILE}: unknown concept <<{name}>> in {pattern!r}")
            return f"(?:{self.concepts[name]})"

        return CONCEPT.sub(concept, pattern)


CONCEPT = re.compile(r"<<([a-z_]+)>>")


def parse_red_flag_phrases(
    data: Any, known: dict[str, Source], flags: list[RedFlag], vocabulary: dict[str, SideEffect]
) -> RedFlagPhrases:
    loaded: RedFlagPhrases = parse(RED_FLAG_PHRASES_FILE, RedFlagPhrases, data)
    check_citations(RED_FLAG_PHRASES_FILE, loaded.phrases, known)
    codes = {flag.code: flag for flag in flags}
    for phrase in loaded.phrases:
        if phrase.flag not in codes:
            raise RefdataError(
                f"{RED_FLAG_PHRASES_FILE}: {phrase.flag!r} is not a red flag in red_flags.yaml"
            )
        if phrase.symptom and phrase.symptom not in codes[phrase.flag].triggers:
            raise RefdataError(
                f"{RED_FLAG_PHRASES_FILE}: symptom {phrase.symptom!r} is not a trigger of {phrase.flag!r}"
            )
        if phrase.symptom and phrase.symptom not in vocabulary:
            raise RefdataError(f"{RED_FLAG_PHRASES_FILE}: unknown side effect {phrase.symptom!r}")
    for pattern in (loaded.sentence_breaks, loaded.clause_breaks, *loaded.concepts.values()):
        _compiles(pattern)
    for phrase in loaded.phrases:
        for pattern in (*phrase.patterns, *phrase.unless):
            try:
                _compiles(loaded.expand(pattern))
            except ValueError as error:
                raise RefdataError(f"{RED_FLAG_PHRASES_FILE}: {error}") from None
    return loaded


@cache
def red_flag_phrases() -> RedFlagPhrases:
    """The phrases, negation cues and contexts used to read red flags from free text."""
    return parse_red_flag_phrases(read(RED_FLAG_PHRASES_FILE), sources(), red_flags(), side_effects())
