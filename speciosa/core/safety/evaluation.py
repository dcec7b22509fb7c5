"""How well typed names and written notes are read, measured on labelled sets.

A name set lists what people type and the interaction classes each name must reach (`expect`; `[]` for
a name that must reach none). A note set lists free text and the red flags it describes. The sets live
in tests/fixtures/safety/ and were written by people who did not see the matcher's vocabulary; the
figures are in docs/safety-rules.md, and a test holds them to the goals of issue 6.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from speciosa.core.safety.notes import flags_in
from speciosa.refdata import read_name

#: Severities that count as a dangerous class for a false match.
DANGEROUS = frozenset({"dangerous", "unsafe"})


@dataclass(frozen=True)
class NameScore:
    """`right`: names whose expected classes were all reached (none for a must-not-match name)."""

    names: int
    right: int
    must_not_match: int
    false_matches: int
    false_dangerous: int
    wrong: tuple[str, ...]

    @property
    def accuracy(self) -> float:
        return self.right / self.names if self.names else 0.0


@dataclass(frozen=True)
class NoteScore:
    """Red flags over all notes: `found` right, `missed` not read, `extra` read but not described."""

    notes: int
    with_flags: int
    found: int
    missed: int
    extra: int
    wrong: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 1.0

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.extra) if self.found + self.extra else 1.0


def score_names(rows: Iterable[Mapping[str, Any]]) -> NameScore:
    names = right = must_not = false = dangerous = 0
    wrong: list[str] = []
    for row in rows:
        names += 1
        reading = read_name(str(row["typed"]))
        got = {c.id for c in reading.classes}
        expect = set(row["expect"])
        ok = expect <= got if expect else not got
        right += ok
        if not ok:
            wrong.append(str(row["typed"]))
        if not expect:
            must_not += 1
            false += bool(got)
            dangerous += any(c.severity in DANGEROUS for c in reading.classes)
    return NameScore(names, right, must_not, false, dangerous, tuple(wrong))


def score_notes(rows: Iterable[Mapping[str, Any]]) -> NoteScore:
    notes = with_flags = found = missed = extra = 0
    wrong: list[str] = []
    for row in rows:
        notes += 1
        expect = set(row["expect"])
        with_flags += bool(expect)
        got = flags_in(str(row["text"]))
        found += len(expect & got)
        missed += len(expect - got)
        extra += len(got - expect)
        if got != expect:
            wrong.append(str(row["text"]))
    return NoteScore(notes, with_flags, found, missed, extra, tuple(wrong))
