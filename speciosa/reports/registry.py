"""The exporter registry: every exporter module's EXPORTERS, in the order the Reports page shows them.

exporter = exporter_get("clinician-pdf")
period = period_of(user=user, start=None, end=None, now=now)   # the last 90 days by default
for chunk in exporter.render(user=user, period=period, now=now): ...
"""

from __future__ import annotations

from speciosa.core.errors import NotFound
from speciosa.reports import calendar, csv_exports, fhir, pdf
from speciosa.reports.base import Exporter, Period, period_of

__all__ = ["Exporter", "Period", "exporter_get", "exporters", "period_of"]


def exporters() -> tuple[Exporter, ...]:
    return (*pdf.EXPORTERS, *fhir.EXPORTERS, *calendar.EXPORTERS, *csv_exports.EXPORTERS)


def exporter_get(exporter_id: str) -> Exporter:
    for found in exporters():
        if found.id == exporter_id:
            return found
    raise NotFound(f"no report called {exporter_id!r}")
