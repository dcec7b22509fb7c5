"""What the safety engine says: findings with a stable code, a severity, plain words and sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class Severity(StrEnum):
    INFO = "info"
    CAUTION = "caution"
    WARNING = "warning"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, order=True)
class EntryRef:
    """A journal entry a finding is about: its kind ("doses", "checkins", ...) and uid."""

    kind: str
    uid: UUID


@dataclass(frozen=True)
class Finding:
    """One thing the person should know, with what it means, what to do, and where it comes from.

    `code` is the stable code of the rule that raised it; `subject` narrows it (an interaction class,
    a metal, a red flag); `key` identifies this finding across runs, for acknowledgement.
    `symptoms_to_log`: side-effect codes the person can log with one tap (a red flag read from a note
    offers the coded symptom it describes).
    """

    code: str
    severity: Severity
    title: str
    meaning: str
    action: str
    grade: str
    sources: tuple[str, ...]
    entries: tuple[EntryRef, ...] = ()
    subject: str = ""
    at: datetime | None = None
    key: str = field(default="")
    symptoms_to_log: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.sources:
            raise ValueError(f"finding {self.code} has no source")
        if not self.key:
            object.__setattr__(self, "key", f"{self.code}:{self.subject}" if self.subject else self.code)

    def sort_key(self) -> tuple[int, float, str, str]:
        """Urgent first, then the newest, then by code (deterministic)."""
        stamp = self.at.timestamp() if self.at else 0.0
        return (-self.severity.rank, -stamp, self.code, self.key)
