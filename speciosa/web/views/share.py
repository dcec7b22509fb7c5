"""Share links: the owner's page (make a link to the clinician summary for a period, shown once; see
who opened each link when; revoke it) and the shared summary a clinician opens by the token in its
address without signing in, as a page or as the PDF. The shared views show that summary for that
period and nothing else (no navigation into the journal); an unknown, expired or revoked link is a 404.
"""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from speciosa.core.errors import InvalidInput, NotFound
from speciosa.journal import share_links
from speciosa.journal.report_data import report_summary
from speciosa.reports import pdf
from speciosa.reports.base import Period, period_of
from speciosa.web.forms.share import ShareLinkForm
from speciosa.web.shortcuts import add_errors

(CLINICIAN_PDF,) = pdf.EXPORTERS
#: Headers on every shared response: never kept by a cache, indexed, or named in a Referer.
PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
}


def _page(
    request: HttpRequest, form: ShareLinkForm | None = None, status: int = 200, **extra: Any
) -> HttpResponse:
    if form is None:
        period = period_of(user=request.user, start=None, end=None, now=timezone.now())
        form = ShareLinkForm(initial={"from": period.start, "to": period.end})
    context = {
        "nav": "reports",
        "form": form,
        "links": share_links.share_list(user=request.user, now=timezone.now()),
        **extra,
    }
    return render(request, "web/reports/share.html", context, status=status)


@require_GET
def share_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@never_cache
@require_POST
def share_create(request: HttpRequest) -> HttpResponse:
    """A new link, its address shown on this response only."""
    form = ShareLinkForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    start, end = form.days()
    now = timezone.now()
    try:
        period = period_of(user=request.user, start=start, end=end, now=now)
        link, raw = share_links.share_create(
            user=request.user,
            start=period.start,
            end=period.end,
            expires_in_days=form.cleaned_data["expires_in_days"],
            now=now,
        )
    except InvalidInput as error:
        add_errors(form, error)
        return _page(request, form, status=400)
    url = request.build_absolute_uri(reverse("web:shared_report", kwargs={"token": raw}))
    return _page(request, new_link=link, new_link_url=url)


@require_POST
def share_revoke(request: HttpRequest, link_id: int) -> HttpResponse:
    try:
        link = share_links.share_revoke(user=request.user, link_id=link_id, now=timezone.now())
    except NotFound as error:
        raise Http404(str(error)) from None
    messages.success(
        request, f"Revoked the link for {link.start:%-d %b %Y} to {link.end:%-d %b %Y}: it no longer opens."
    )
    return redirect("web:share_links")


def _opened(token: str, view: share_links.View) -> tuple[Any, Period]:
    found = share_links.share_open(raw=token, view=view, now=timezone.now())
    if found is None:
        raise Http404("no such link, or it has expired or been revoked")
    user, start, end = found
    return user, Period(start, end)


def _private(response: HttpResponse) -> HttpResponse:
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


@login_not_required
@require_GET
def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    """The clinician summary as a page: the same content as the PDF, nothing else of the journal."""
    user, period = _opened(token, "page")
    summary = report_summary(user=user, start=period.start, end=period.end, now=timezone.now())
    chart = (
        "data:image/png;base64," + base64.b64encode(pdf.chart_png(summary.pain)).decode()
        if len(summary.pain.days) >= 2 and summary.pain.checkin_days
        else ""
    )
    context = {
        "title": pdf.TITLE,
        "footer": pdf.FOOTER,
        "important_note": pdf.IMPORTANT_NOTE,
        "summary": summary,
        "taper_lines": pdf.taper_lines(summary.taper) if summary.taper else [],
        "days": period.days,
        "missing_potency": any(p.mitragynine_percent is None for p in summary.kratom.products),
        "chart": chart,
        "pdf_url": reverse("web:shared_report_pdf", kwargs={"token": token}),
        "pdf_name": CLINICIAN_PDF.filename(period),
    }
    return _private(render(request, "web/share/report.html", context))


@login_not_required
@require_GET
def shared_report_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The same summary as the PDF the person downloads from Reports."""
    user, period = _opened(token, "pdf")
    summary = report_summary(user=user, start=period.start, end=period.end, now=timezone.now())
    response = HttpResponse(pdf.pdf_of(summary), content_type=CLINICIAN_PDF.media_type)
    response["Content-Disposition"] = f'inline; filename="{CLINICIAN_PDF.filename(period)}"'
    return _private(response)
