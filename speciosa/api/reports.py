"""/reports: every exporter of speciosa.reports.registry (the same list as the Reports page and
`speciosa report list`), and one report's file over a period, streamed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from ninja import P, Router, Schema
from ninja.params import QueryEx

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS
from speciosa.api.wire import Day
from speciosa.reports.base import MAX_DAYS
from speciosa.reports.registry import exporter_get, exporters, period_of

router = Router(tags=["Reports"])

From = QueryEx[
    Day | None,
    P(
        alias="from",
        description=f"The first local day (YYYY-MM-DD), on or before `to`, at most {MAX_DAYS:,} days "
        "before it; default: 89 days before `to`.",
    ),
]
To = QueryEx[Day | None, P(alias="to", description="The last local day (YYYY-MM-DD); default: today.")]


class ReportOut(Schema):
    id: str
    label: str
    description: str
    media_type: str


@router.get(
    "/reports",
    response={200: list[ReportOut], **READ_ERRORS},
    summary="The reports there are: id, label, description and media type of each",
)
def reports(request: HttpRequest) -> Any:
    return [
        {"id": e.id, "label": e.label, "description": e.description, "media_type": e.media_type}
        for e in exporters()
    ]


@router.get(
    "/reports/{exporter_id}",
    response={200: str, **READ_ERRORS},
    openapi_extra={
        "responses": {
            200: {
                "description": "The report's file (its media type is in GET /reports), as an attachment",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
    summary="One report's file over a period of local days (the last 90 days by default), streamed",
)
def report(request: HttpRequest, exporter_id: str, start: From = None, end: To = None) -> Any:
    exporter = exporter_get(exporter_id)
    now = timezone.now()
    period = period_of(user=owner(request), start=start, end=end, now=now)
    response = StreamingHttpResponse(
        exporter.render(user=owner(request), period=period, now=now), content_type=exporter.media_type
    )
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename(period)}"'
    return response
