"""What every reference-data module shares: the frozen model base, reading a data file, and the
checks that make a file fail loudly at load (unknown or missing source ids, duplicate ids).

No Django here: refdata is read by the pure rule engine as well as by the web, API and CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA_DIR = Path(__file__).parent / "data"

#: Evidence grades as in shared/facts/kratom-facts.md §0: A controlled human study, a standard or a
#: statute; B large observational data; C small case series, in-vitro, animal or expert consensus;
#: D secondary or tertiary sources.
Grade = Literal["A", "B", "C", "D"]

#: One or more ids from sources.yaml. An empty tuple fails validation.
SourceIds = Annotated[tuple[str, ...], Field(min_length=1)]


class RefdataError(ValueError):
    """A reference-data file is wrong: the message names the file and the entry."""


class Model(BaseModel):
    """Every reference-data record: immutable, and a typo'd field name is an error, not a silent default."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Range(Model):
    """A closed range of numbers, low ≤ high (minutes, grams, hours …: the field name says which)."""

    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def low_is_not_above_high(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        return self

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high


def read(name: str) -> Any:
    """The parsed YAML of one file in data/."""
    # libyaml's loader when PyYAML was built with it: the same safe subset, several times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((DATA_DIR / name).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


def walk(value: object) -> Iterator[Model]:
    """Every model inside `value` (itself included), depth first, through tuples, lists and dicts."""
    if isinstance(value, Model):
        yield value
        for name in type(value).model_fields:
            yield from walk(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item)


def cited_ids(model: Model) -> tuple[str, ...]:
    """The source ids one model names itself (its `sources` and `source` fields), not its children's."""
    fields = type(model).model_fields
    ids: list[str] = []
    if "sources" in fields:
        ids.extend(getattr(model, "sources"))  # noqa: B009 - the field name is data-driven
    if "source" in fields:
        ids.append(getattr(model, "source"))  # noqa: B009
    return tuple(ids)


def describe(model: Model) -> str:
    """A short name for a model in an error message: its class and its id-like field."""
    for key in ("id", "code", "form", "vein", "strain", "element", "test", "source"):
        if key in type(model).model_fields:
            return f"{type(model).__name__} {getattr(model, key)!r}"
    return type(model).__name__


def check_citations(file: str, value: object, known: Iterable[str]) -> None:
    """Fail if a model inside `value` names a source id sources.yaml does not hold, or names one twice."""
    known_ids = set(known)
    for model in walk(value):
        ids = cited_ids(model)
        unknown = [i for i in ids if i not in known_ids]
        if unknown:
            raise RefdataError(f"{file}: {describe(model)} cites unknown sources {unknown}")
        if "sources" in type(model).model_fields:
            listed = getattr(model, "sources")  # noqa: B009
            if len(listed) != len(set(listed)):
                raise RefdataError(f"{file}: {describe(model)} lists a source twice: {list(listed)}")


def check_unique(file: str, items: Iterable[Any], key: Callable[[Any], object], what: str) -> None:
    """Fail on the first repeated key (an id, a code, a form …) in `items`."""
    seen: set[object] = set()
    for item in items:
        value = key(item)
        if value in seen:
            raise RefdataError(f"{file}: duplicate {what} {value!r}")
        seen.add(value)


def parse(file: str, model: type[Model], data: object) -> Any:
    """Validate `data` as `model`, turning pydantic's error into one that names the file."""
    try:
        return model.model_validate(data)
    except ValueError as error:
        raise RefdataError(f"{file}: {error}") from error
