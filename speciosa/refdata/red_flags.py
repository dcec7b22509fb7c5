"""Red flags: symptoms (side-effect codes) that call for action now, each with an action level and
plain words, in the second person, on what to do."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.refdata.base import Model, RefdataError, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import SideEffect, Source, side_effects, sources

RED_FLAGS_FILE = "red_flags.yaml"

ActionCode = Literal["emergency", "urgent", "same_day", "tell_care_team"]


class ActionLevel(Model):
    """How soon to act. `order` 0 is the most urgent; pages sort red flags by it."""

    code: ActionCode
    order: int
    label: str
    text: str


#: The action levels, most urgent first. "Urgent" (within hours) ranks above "same day" (today).
ACTION_LEVELS: dict[str, ActionLevel] = {
    level.code: level
    for level in (
        ActionLevel(
            code="emergency",
            order=0,
            label="Emergency: call now",
            text="Call emergency services now (911 in the US) or go to the nearest emergency department.",
        ),
        ActionLevel(
            code="urgent",
            order=1,
            label="Urgent: get help within hours",
            text=(
                "Get medical or crisis help within hours: urgent care, an emergency department, "
                "or a crisis service."
            ),
        ),
        ActionLevel(
            code="same_day",
            order=2,
            label="Same day: be seen today",
            text="See a doctor, urgent-care clinic or emergency department today.",
        ),
        ActionLevel(
            code="tell_care_team",
            order=3,
            label="Tell your care team",
            text=(
                "Tell the people caring for you (doctor, midwife, obstetric or neonatal team) "
                "about your kratom use."
            ),
        ),
    )
}


class RedFlag(Model):
    """A group of symptoms with one action.

    `triggers` are side-effect codes; a flag without triggers is raised only from words in notes
    (red_flag_phrases.yaml) or by a rule of its own. `also_common` lists triggers that are also common,
    mild side effects (itching): alone they raise the flag only when logged severe. `mild_alone` lists
    triggers that, logged mild and alone, raise a warning with `mild_words` instead of the flag's level."""

    code: str = Field(pattern=r"^[a-z_]+$")
    title: str
    triggers: tuple[str, ...] = ()
    also_common: tuple[str, ...] = ()
    mild_alone: tuple[str, ...] = ()
    mild_words: str = ""
    action: ActionCode
    what_to_do: str
    sources: SourceIds

    @model_validator(mode="after")
    def gated_triggers_are_triggers(self) -> RedFlag:
        for name in ("also_common", "mild_alone"):
            stray = [c for c in getattr(self, name) if c not in self.triggers]
            if stray:
                raise ValueError(f"red flag {self.code!r}: {name} {stray} are not among its triggers")
        if bool(self.mild_alone) != bool(self.mild_words):
            raise ValueError(f"red flag {self.code!r}: give mild_words with mild_alone, and only then")
        return self

    @property
    def level(self) -> ActionLevel:
        return ACTION_LEVELS[self.action]


class RedFlagsFile(Model):
    version: Literal[1]
    red_flags: tuple[RedFlag, ...]


def parse_red_flags(data: Any, known: dict[str, Source], vocabulary: dict[str, SideEffect]) -> list[RedFlag]:
    loaded: RedFlagsFile = parse(RED_FLAGS_FILE, RedFlagsFile, data)
    check_unique(RED_FLAGS_FILE, loaded.red_flags, lambda f: f.code, "red flag code")
    check_citations(RED_FLAGS_FILE, loaded.red_flags, known)
    for flag in loaded.red_flags:
        unknown = [t for t in flag.triggers if t not in vocabulary]
        if unknown:
            raise RefdataError(
                f"{RED_FLAGS_FILE}: red flag {flag.code!r} has triggers {unknown} not in side_effects.yaml"
            )
    return sorted(loaded.red_flags, key=lambda f: ACTION_LEVELS[f.action].order)


@cache
def red_flags() -> list[RedFlag]:
    """Every red flag, most urgent action first (file order within a level)."""
    return parse_red_flags(read(RED_FLAGS_FILE), sources(), side_effects())


def red_flags_for(codes: Iterable[str]) -> list[RedFlag]:
    """The red flags that any of these side-effect codes trigger, most urgent first."""
    wanted = set(codes)
    return [flag for flag in red_flags() if wanted.intersection(flag.triggers)]
