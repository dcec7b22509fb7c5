"""`speciosa assess`: the safety findings for the stored journal, or for an exported one.

The stored journal's findings are the ones the pages and the API show (speciosa.journal.findings:
kept current by the journal's write path, acknowledged there). `--file` reads an export with the
importer's parser and checks (a file `speciosa import` would refuse is refused, every problem
named), then runs the engine on it alone with the same windows: nothing is stored, and no account
is needed. Both say what the assessment covered (the scope), so no findings never reads as an
all-clear for an old journal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

import typer
from django.conf import settings
from django.utils import timezone as dj_timezone

from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.describe import count
from speciosa.cli.output import Format, FormatOption, command, csv_text, emit, fail, say, show_errors
from speciosa.core.days import zone
from speciosa.core.errors import ApplicationError, InvalidInput
from speciosa.journal import findings as safety
from speciosa.journal import selectors
from speciosa.journal.findings import AssessmentScope, CurrentFinding, Finding, Severity
from speciosa.journal.transfer import MAX_REPORTED_ERRORS, journal_file_checked
from speciosa.refdata import sources

commands = typer.Typer()

COLUMNS: list[tuple[str, Any]] = [
    ("Severity", lambda row: row["severity"].upper()),
    ("When", lambda row: row["at"].strftime("%Y-%m-%d %H:%M") if row["at"] else "standing"),
    ("Finding", "title"),
    ("What to do", "action"),
    ("Evidence", "grade"),
    ("Sources", lambda row: [source["id"] for source in row["sources"]]),
]


def source_json(source_id: str) -> dict[str, Any]:
    """A source id with its citation, link, evidence grade and notes (the id alone if unknown)."""
    found = sources().get(source_id)
    if found is None:
        return {"id": source_id, "citation": "", "link": "", "grade": "", "as_of": None, "note": ""}
    return found.model_dump(mode="json")


def finding_row(finding: Finding, tz: ZoneInfo, state: CurrentFinding | None = None) -> dict[str, Any]:
    """One finding as a record: its words, sources expanded, entries, and (when stored) its state."""
    row: dict[str, Any] = {
        "severity": finding.severity.value,
        "title": finding.title,
        "meaning": finding.meaning,
        "action": finding.action,
        "grade": finding.grade,
        "sources": [source_json(source_id) for source_id in finding.sources],
        "code": finding.code,
        "subject": finding.subject,
        "key": finding.key,
        "at": finding.at.astimezone(tz) if finding.at else None,
        "entries": [{"kind": entry.kind, "uid": str(entry.uid)} for entry in finding.entries],
    }
    if state is not None:
        row["first_seen_at"] = state.first_seen_at.astimezone(tz)
        row["acknowledged_at"] = state.acknowledged_at.astimezone(tz) if state.acknowledged_at else None
    return row


#: CSV columns, in order (also the header of an empty result).
CSV_FIELDS = (
    "severity",
    "title",
    "meaning",
    "action",
    "grade",
    "sources",
    "code",
    "subject",
    "key",
    "at",
    "entries",
    "first_seen_at",
    "acknowledged_at",
)


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A record flattened for CSV: source ids and entries as `kind:uid`, joined by `; `."""
    return {
        **row,
        "sources": [source["id"] for source in row["sources"]],
        "entries": [f"{entry['kind']}:{entry['uid']}" for entry in row["entries"]],
    }


def summary_lines(
    rows: Sequence[dict[str, Any]], *, assessed: str, scope: AssessmentScope | None = None
) -> list[str]:
    """How many findings of each severity, what the assessment covered, and every cited source."""
    by_severity = [
        count(n, severity.value)
        for severity in reversed(Severity)
        if (n := sum(row["severity"] == severity.value for row in rows))
    ]
    lines = [
        f"{assessed}: {count(len(rows), 'finding')}" + (f" ({', '.join(by_severity)})." if rows else ".")
    ]
    if scope is not None:
        lines.append(scope.message)
    cited: dict[str, dict[str, Any]] = {}
    for row in rows:
        for source in row["sources"]:
            cited.setdefault(source["id"], source)
    if cited:
        lines.append("Sources:")
        lines += [f"  {s['id']}: {s['citation']} {s['link']}".rstrip() for s in cited.values()]
    lines.append("speciosa is not medical advice; ask your clinician or pharmacist about any finding.")
    return lines


def file_zone(name: str) -> ZoneInfo:
    try:
        return zone(name)
    except InvalidInput:
        return ZoneInfo("UTC")


@command(commands, "assess", example="speciosa assess --file speciosa-export.json --format json")
def assess_journal(
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            metavar="FILE",
            help="Assess this exported journal (speciosa JSON or CSV, or PsychonautWiki) without storing it.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """The safety findings for your journal, urgent first: what each means, what to do, and its sources."""
    if as_json:
        if fmt is Format.CSV:
            fail("--json and --format csv disagree; give one of them", field="json")
        fmt = Format.JSON
    now = dj_timezone.now()
    if file is not None:
        rows, assessed, scope = findings_of_file(file, now)
    else:
        owner = account_chosen(user)
        tz = selectors.user_zone(user=owner)
        rows = [finding_row(c.finding, tz, c) for c in safety.findings_current(user=owner, now=now)]
        scope = safety.findings_scope(user=owner, now=now)
        assessed = f"Your journal as of {now.astimezone(tz):%Y-%m-%d %H:%M} ({tz.key})"
    if fmt is Format.CSV:
        fields = CSV_FIELDS if file is None else CSV_FIELDS[:-2]
        typer.echo(csv_text([csv_row(row) for row in rows], fields), nl=False)
        say(scope.message)
        return
    emit(
        rows,
        fmt,
        title="Safety findings, urgent first",
        columns=COLUMNS,
        summary=summary_lines(rows, assessed=assessed, scope=scope),
        document={"scope": scope.as_dict(), "findings": rows},
        empty=empty_words(scope),
    )


#: How each severity is coloured where findings are said in a line.
SEVERITY_STYLES = {"urgent": "bold red", "warning": "red", "caution": "yellow", "info": ""}


def say_findings_of(*, user: Any, kind: str, uid: UUID, now: datetime) -> None:
    """After logging an entry: say (on stderr, so --format json stays clean) each current finding that
    concerns the entry (the write stored them), then any urgent one not yet acknowledged. Nothing
    raised prints nothing: that is not an all-clear, and `assess` shows the rest."""
    current = safety.findings_current(user=user, now=now)
    raised = [
        c.finding
        for c in current
        if any(entry.kind == kind and entry.uid == uid for entry in c.finding.entries)
    ]
    shown = {finding.key for finding in raised}
    urgent = [
        f for f in safety.findings_urgent_unacknowledged(user=user, current=current) if f.key not in shown
    ]
    for finding in [*raised, *urgent]:
        severity = finding.severity.value
        say(f"{severity.upper()}: {finding.title}. {finding.action}", style=SEVERITY_STYLES.get(severity))
    if raised or urgent:
        line = "`speciosa assess` shows what each finding means and its sources"
        if any(finding.severity.value == "urgent" for finding in [*raised, *urgent]):
            line += "; acknowledge an urgent one on the Findings page"
        say(line + ".")


def empty_words(scope: AssessmentScope) -> str:
    """What to say when no rule raised anything: never an all-clear, least of all for an old journal."""
    if scope.window_empty:
        return "No findings, because nothing recent enough was logged for the rules to look at."
    return "No findings: no rule matched what this journal holds. Rules see only what is logged."


def findings_of_file(file: Path, now: datetime) -> tuple[list[dict[str, Any]], str, AssessmentScope]:
    """The findings for an exported journal at `now`, stored nowhere, a line saying what was read, and
    what the assessment covered. A file `speciosa import` would refuse is refused the same way."""
    if not file.is_file():
        fail(f"there is no file at {file}", field="file")
    limit = settings.MAX_IMPORT_BYTES
    if file.stat().st_size > limit:
        fail(f"{file} is larger than {limit // (1024 * 1024)} MB (SPECIOSA_MAX_IMPORT_BYTES)", field="file")
    try:
        parsed = journal_file_checked(file.read_bytes(), now=now, filename=file.name, max_bytes=limit)
    except ApplicationError as error:
        show_errors(error)
        if len(error.errors) >= MAX_REPORTED_ERRORS:
            say(f"(The first {MAX_REPORTED_ERRORS} problems are listed; there may be more.)")
        say("Nothing was assessed.")
        raise typer.Exit(1) from None
    document = parsed.document
    tz = file_zone(document.profile.timezone)
    findings, scope = safety.findings_of_document(document=document, now=now)
    rows = [finding_row(finding, tz) for finding in findings]
    return rows, f"{file.name} as of {now.astimezone(tz):%Y-%m-%d %H:%M} ({tz.key}), nothing stored", scope
