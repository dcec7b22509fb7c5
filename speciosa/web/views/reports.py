"""The Reports page: every exporter of speciosa.reports.registry (the same list as GET /api/v1/reports
and `speciosa report list`), a period, and a Download button per report. A download streams the
exporter's file; a bad period shows the page again with the field's error and downloads nothing."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from speciosa.core.errors import InvalidInput, NotFound
from speciosa.reports.registry import Period, exporter_get, exporters, period_of
from speciosa.web.forms.reports import ReportPeriodForm
from speciosa.web.shortcuts import add_errors


def _page(request: HttpRequest, form: ReportPeriodForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "exporters": exporters(), "nav": "reports"}
    return render(request, "web/reports/reports.html", context, status=status)


def _period(request: HttpRequest, form: ReportPeriodForm) -> Period | None:
    """The period asked for, or None with the problems put on the form."""
    if not form.is_valid():
        return None
    start, end = form.days()
    try:
        return period_of(user=request.user, start=start, end=end, now=timezone.now())
    except InvalidInput as error:
        add_errors(form, error)
        return None


@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    """The list; the period shown is the one asked for (Enter in a date field), else the last 90 days."""
    if request.GET:
        form = ReportPeriodForm(request.GET)
        _period(request, form)
        return _page(request, form)
    period = period_of(user=request.user, start=None, end=None, now=timezone.now())
    return _page(request, ReportPeriodForm(initial={"from": period.start, "to": period.end}))


@require_GET
def report_download(request: HttpRequest, exporter_id: str) -> HttpResponse | StreamingHttpResponse:
    try:
        exporter = exporter_get(exporter_id)
    except NotFound as error:
        raise Http404(str(error)) from None
    form = ReportPeriodForm(request.GET)
    period = _period(request, form)
    if period is None:
        return _page(request, form, status=400)
    chunks = exporter.render(user=request.user, period=period, now=timezone.now())
    response = StreamingHttpResponse(chunks, content_type=exporter.media_type)
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename(period)}"'
    return response
