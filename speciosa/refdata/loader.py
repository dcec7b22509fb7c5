"""Load and validate the reference data files. Every entry must name a known source."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA_DIR = Path(__file__).parent / "data"


class Source(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    citation: str
    link: str
    grade: Literal["A", "B", "C", "D"]
    as_of: date | None = None


class SideEffect(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^[a-z_]+$")
    label: str
    group: Literal["common", "withdrawal", "serious"]
    sources: tuple[str, ...] = Field(min_length=1)


class SourcesFile(BaseModel):
    version: int
    sources: list[Source]


class SideEffectsFile(BaseModel):
    version: int
    side_effects: list[SideEffect]

    @model_validator(mode="after")
    def codes_are_unique(self) -> SideEffectsFile:
        codes = [s.code for s in self.side_effects]
        if len(codes) != len(set(codes)):
            raise ValueError("side-effect codes must be unique")
        return self


def _read(name: str) -> object:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


@cache
def sources() -> dict[str, Source]:
    loaded = SourcesFile.model_validate(_read("sources.yaml"))
    return {s.id: s for s in loaded.sources}


@cache
def side_effects() -> dict[str, SideEffect]:
    loaded = SideEffectsFile.model_validate(_read("side_effects.yaml"))
    known = sources()
    for effect in loaded.side_effects:
        missing = [s for s in effect.sources if s not in known]
        if missing:
            raise ValueError(f"side effect {effect.code!r} cites unknown sources {missing}")
    return {s.code: s for s in loaded.side_effects}
