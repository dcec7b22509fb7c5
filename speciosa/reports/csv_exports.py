"""CSV per kind of entry, through the registry (formula-safe: speciosa.journal.transfer)."""

from __future__ import annotations

from speciosa.reports.base import Exporter

#: Filled in by the CSV exporters' helper (see the Reports issue).
EXPORTERS: tuple[Exporter, ...] = ()
