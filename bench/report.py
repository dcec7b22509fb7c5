"""One row per figure, printed as a table and written as JSON (bench/out/latest.json)."""

from __future__ import annotations

import json
import math
import platform
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

PASS, MISS, INFO = "PASS", "MISS", "INFO"


@dataclass(frozen=True)
class Goal:
    """A bound on one figure: `ratio >= 0.6`, `ratio <= 1.2`, `measured < 200`."""

    on: str  # "ratio" or "measured"
    op: str  # ">=", "<=", "<"
    bound: float
    unit: str = ""

    def met_by(self, value: float) -> bool:
        return {">=": value >= self.bound, "<=": value <= self.bound, "<": value < self.bound}[self.op]

    def __str__(self) -> str:
        symbol = {">=": "≥", "<=": "≤", "<": "<"}[self.op]
        return f"{self.on} {symbol} {self.bound:g}{(' ' + self.unit) if self.unit else ''}"


@dataclass(frozen=True)
class Row:
    name: str
    unit: str
    measured: float
    baseline: float | None = None
    goal: Goal | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.measured / self.baseline

    @property
    def result(self) -> str:
        if self.goal is None:
            return INFO
        value = self.ratio if self.goal.on == "ratio" else self.measured
        return PASS if value is not None and self.goal.met_by(value) else MISS

    def as_dict(self) -> dict[str, object]:
        return {
            **asdict(self),
            "goal": str(self.goal) if self.goal else None,
            "ratio": self.ratio,
            "result": self.result,
        }


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p99 of 1000 samples is the 990th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    return f"{text} {unit}".rstrip()


COLUMNS = ("name", "measured", "baseline", "ratio", "goal", "result")


def cells(row: Row) -> tuple[str, ...]:
    ratio = "-" if row.ratio is None else f"{row.ratio:.2f}"
    return (
        row.name,
        _number(row.measured, row.unit),
        _number(row.baseline, row.unit),
        ratio,
        str(row.goal) if row.goal else "-",
        row.result,
    )


def table(rows: Sequence[Row], *, markdown: bool = False) -> str:
    lines = [COLUMNS, *(cells(r) for r in rows)]
    if markdown:
        out = ["| " + " | ".join(lines[0]) + " |", "|" + "---|" * len(COLUMNS)]
        out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
        return "\n".join(out)
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    rule = "  ".join("-" * w for w in widths)
    text = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in lines]
    return "\n".join([text[0], rule, *text[1:]])


def write_json(rows: Sequence[Row], path: Path, *, settings: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "settings": settings,
        "rows": [row.as_dict() for row in rows],
    }
    path.write_text(json.dumps(document, indent=1) + "\n")
