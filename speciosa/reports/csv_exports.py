"""CSV per kind of entry, through the registry: the same columns as the journal's CSV export (a file
imports back), formula-safe (speciosa.journal.csv_rows), streamed one row at a time.

Kinds with a time (doses, check-ins, substances, therapies, lab results) hold the period's local
days only; products and medications are the whole list, since the rows of the period refer to them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from speciosa.journal.csv_rows import kind_csv_lines
from speciosa.journal.records import KINDS
from speciosa.reports.base import Exporter, Period

#: Kinds exported whole, whatever the period.
WHOLE = frozenset({"products", "medications"})
#: Lines joined into one piece of the stream (a piece per row would be many tiny writes).
LINES_PER_PIECE = 500


def _render_of(kind: str) -> Any:
    def render(*, user: Any, period: Period, now: datetime) -> Iterator[bytes]:
        whole = kind in WHOLE
        lines = kind_csv_lines(
            user=user, kind=kind, first=None if whole else period.start, last=None if whole else period.end
        )
        piece: list[str] = []
        for line in lines:
            piece.append(line)
            if len(piece) >= LINES_PER_PIECE:
                yield "".join(piece).encode()
                piece.clear()
        if piece:
            yield "".join(piece).encode()

    return render


def _description(kind: str, label: str) -> str:
    if kind in WHOLE:
        return f"{label}, all of them, one row each, for a spreadsheet (the period does not apply)."
    return f"{label} on the period's days, one row each, for a spreadsheet."


EXPORTERS: tuple[Exporter, ...] = tuple(
    Exporter(
        id=f"csv-{name}",
        label=f"{kind.label} (CSV)",
        description=_description(name, kind.label),
        media_type="text/csv; charset=utf-8",
        extension="csv",
        render=_render_of(name),
    )
    for name, kind in KINDS.items()
)
