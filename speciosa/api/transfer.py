"""/export and /import: the whole journal as one JSON document, CSV per kind, and import back.

An import is all-or-nothing and idempotent; a bad file is answered 400 with every bad row's place
and reason, and a file over SPECIOSA_MAX_IMPORT_BYTES is answered 413 before it is read.
"""

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from ninja import File, Router
from ninja.files import UploadedFile

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS, WRITE_ERRORS
from speciosa.api.schemas import ErrorOut
from speciosa.api.schemas_views import ImportReportOut
from speciosa.core import journal_format as fmt
from speciosa.core.days import local_day
from speciosa.core.errors import TooLarge
from speciosa.journal import selectors
from speciosa.journal import transfer as journal_transfer

router = Router(tags=["Export and import"])

EntryKind = StrEnum("EntryKind", {name: name for name in fmt.ENTRY_KINDS})  # type: ignore[misc]


def attachment(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def today_for(user: Any) -> str:
    return local_day(timezone.now(), selectors.user_zone(user=user)).isoformat()


@router.get(
    "/export",
    response={200: fmt.JournalDocument, **READ_ERRORS},
    summary="The whole journal as one JSON document (format speciosa-journal, version 1)",
)
def export_json(request: HttpRequest) -> Any:
    response = StreamingHttpResponse(
        journal_transfer.journal_export_chunks(user=owner(request)), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="speciosa-journal-{today_for(owner(request))}.json"'
    )
    return response


@router.get(
    "/export/{kind}.csv",
    response={200: str, **READ_ERRORS},
    openapi_extra={
        "responses": {200: {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}
    },
    summary="One kind of entry as CSV (a check-in's side effects as one JSON list in their cell)",
)
def export_csv(request: HttpRequest, kind: EntryKind) -> Any:
    return attachment(
        journal_transfer.journal_export_csv(user=owner(request), kind=str(kind)),
        content_type="text/csv; charset=utf-8",
        filename=f"speciosa-{kind}-{today_for(owner(request))}.csv",
    )


@router.post(
    "/import",
    response={200: ImportReportOut, 413: ErrorOut, **WRITE_ERRORS},
    summary="Import a speciosa JSON or CSV export or a PsychonautWiki Journal export (multipart `file`)",
)
def import_journal(request: HttpRequest, file: File[UploadedFile]) -> Any:
    limit = settings.MAX_IMPORT_BYTES
    if file.size is not None and file.size > limit:
        raise TooLarge(f"the file is larger than the {limit:,} bytes an import may have", field="file")
    report = journal_transfer.import_file(
        user=owner(request), content=file.read(), filename=file.name or "", max_bytes=limit
    )
    return report.as_dict()
