"""Sources and the side-effect vocabulary: the two files every other reference-data file leans on."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import Field

from speciosa.refdata.base import (
    Grade,
    Model,
    RefdataError,
    SourceIds,
    check_citations,
    check_unique,
    parse,
    read,
)

SOURCES_FILE = "sources.yaml"
SIDE_EFFECTS_FILE = "side_effects.yaml"


class Source(Model):
    """Where a fact comes from. `note` carries conflicts of interest and "secondary copy" caveats;
    `as_of` is the date of the version read, for anything that can change (laws, web pages, lists)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    citation: str = Field(min_length=1)
    link: str = Field(pattern=r"^(https://|project:)\S+$")
    grade: Grade
    as_of: date | None = None
    note: str = ""
    read_via: str = Field(
        "",
        description=(
            'The copy actually read when it was not the primary record ("trade press", "a vendor blog", '
            '"a document-sharing copy"); the grade is the primary record\'s, shown with this beside it'
        ),
    )

    @property
    def in_project(self) -> bool:
        """True when the link names a file of this project (`project:PATH`) rather than a web page."""
        return self.link.startswith("project:")

    @property
    def grade_label(self) -> str:
        """The grade as people should read it: "A", or "A, read via trade press"."""
        return f"{self.grade}, read via {self.read_via}" if self.read_via else self.grade


class SideEffect(Model):
    code: str = Field(pattern=r"^[a-z_]+$")
    label: str
    group: Literal["common", "withdrawal", "serious"]
    sources: SourceIds


class SourcesFile(Model):
    version: Literal[1]
    sources: tuple[Source, ...]


class SideEffectsFile(Model):
    version: Literal[1]
    side_effects: tuple[SideEffect, ...]


def parse_sources(data: Any) -> dict[str, Source]:
    loaded: SourcesFile = parse(SOURCES_FILE, SourcesFile, data)
    check_unique(SOURCES_FILE, loaded.sources, lambda s: s.id, "source id")
    return {s.id: s for s in loaded.sources}


def parse_side_effects(data: Any, known: dict[str, Source]) -> dict[str, SideEffect]:
    loaded: SideEffectsFile = parse(SIDE_EFFECTS_FILE, SideEffectsFile, data)
    check_unique(SIDE_EFFECTS_FILE, loaded.side_effects, lambda s: s.code, "side-effect code")
    check_citations(SIDE_EFFECTS_FILE, loaded.side_effects, known)
    return {s.code: s for s in loaded.side_effects}


@cache
def sources() -> dict[str, Source]:
    """Every source that reference data cites, by id."""
    return parse_sources(read(SOURCES_FILE))


@cache
def side_effects() -> dict[str, SideEffect]:
    """The side effects a check-in can record, by code, in the order people see them."""
    return parse_side_effects(read(SIDE_EFFECTS_FILE), sources())


def source(source_id: str) -> Source:
    """One source by id; a RefdataError names an id that sources.yaml does not hold."""
    try:
        return sources()[source_id]
    except KeyError:
        raise RefdataError(f"no source {source_id!r} in {SOURCES_FILE}") from None


#: Our own design notes: a source id that marks a choice of ours, not a study.
DESIGN = "speciosa-design"


def weakest_grade(source_ids: Iterable[str], known: dict[str, Source] | None = None) -> Grade:
    """The grade of the weakest source a statement or finding leans on (A strongest, D weakest). Our
    design note (`DESIGN`) is left out when there is other evidence: it marks a choice, not a study; a
    statement resting on it alone is graded as it is (D). One rule for the safety engine's findings,
    the guide and the FAQ."""
    known = known if known is not None else sources()
    ids = list(source_ids)
    evidence = [i for i in ids if i != DESIGN] or ids
    return max((known[i].grade for i in evidence), default="D")
