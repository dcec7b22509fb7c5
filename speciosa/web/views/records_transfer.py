"""Import and export: the whole journal as JSON, CSV per kind, and importing a file back.

An import is all-or-nothing (transfer.import_file): the page shows what was added, what was
already there and what was skipped, or every bad row with its place and reason. An upload over
MAX_IMPORT_BYTES is stopped while it streams in and answered 413 with a readable page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from speciosa.core.errors import ApplicationError, FieldError, TooLarge
from speciosa.journal import selectors, transfer
from speciosa.journal.records import KINDS
from speciosa.web.forms import ImportForm

#: Room for the multipart envelope (boundaries, headers, the CSRF field) around the file itself.
ENVELOPE_BYTES = 64 * 1024


class UploadTooLarge(Exception):
    """The upload passed MAX_IMPORT_BYTES; reading it stopped there."""


class SizeLimitUploadHandler(FileUploadHandler):
    """Refuses a body whose declared length is too big, and stops reading a file once it grows too big."""

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None
    ) -> None:
        if content_length > self.max_bytes + ENVELOPE_BYTES:
            raise UploadTooLarge

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.max_bytes:
            raise UploadTooLarge
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def _counts(request: HttpRequest) -> list[tuple[str, str, int]]:
    counts = selectors.entry_counts(user=request.user)
    return [(name, kind.label, counts[name]) for name, kind in KINDS.items()]


def _page(request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    """The whole page, or only the result box when htmx sent the form."""
    context.setdefault("form", ImportForm())
    context["max_size"] = megabytes(settings.MAX_IMPORT_BYTES)
    if request.headers.get("HX-Request") and request.method == "POST":
        # `partial`: the box also swaps in the urgent banner (hx-swap-oob): a red flag in the file shows
        return render(request, "web/records/_import_result.html", {**context, "partial": True}, status=status)
    context.update(nav="transfer", counts=_counts(request), kinds=KINDS)
    return render(request, "web/records/transfer.html", context, status=status)


@require_GET
def transfer_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_GET
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        transfer.journal_export_chunks(user=request.user), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="speciosa-journal-{timezone.localdate():%Y-%m-%d}.json"'
    )
    return response


@require_GET
def export_csv(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("no such kind of entry")
    body = transfer.journal_export_csv(user=request.user, kind=kind)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="speciosa-{kind}-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response


def too_large(request: HttpRequest) -> HttpResponse:
    limit = megabytes(settings.MAX_IMPORT_BYTES)
    error = FieldError("file", f"is larger than the {limit} limit, so nothing was read or imported")
    return _page(request, status=413, errors=[error], too_large=True)


@csrf_exempt  # checked by csrf_protect below, once the size limit is in place
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    """Stream the upload through the size limit, then import it (CSRF is checked as usual)."""
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request, settings.MAX_IMPORT_BYTES))
    try:
        return _import_checked(request)
    except (UploadTooLarge, RequestDataTooBig):
        return too_large(request)


@csrf_protect
def _import_checked(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [
            FieldError(name, " ".join(str(m) for m in messages)) for name, messages in form.errors.items()
        ]
        return _page(request, status=400, form=form, errors=errors)
    upload = form.cleaned_data["file"]
    if upload.size > settings.MAX_IMPORT_BYTES:
        return too_large(request)
    try:
        report = transfer.import_file(
            user=request.user,
            content=upload.read(),
            filename=upload.name or "",
            max_bytes=settings.MAX_IMPORT_BYTES,
        )
    except TooLarge:
        return too_large(request)
    except ApplicationError as error:
        return _page(request, status=400, errors=error.errors, filename=upload.name)
    except UnicodeDecodeError:
        error_text = "is not UTF-8 text; export it again as JSON or CSV"
        return _page(request, status=400, errors=[FieldError("file", error_text)], filename=upload.name)
    labels = {**{name: kind.label for name, kind in KINDS.items()}, "experiments": "Experiments"}
    rows = [
        (label, report.added.get(name, 0), report.already_present.get(name, 0))
        for name, label in labels.items()
    ]
    return _page(request, report=report, report_rows=rows, filename=upload.name)
