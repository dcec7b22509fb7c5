"""Export and import whole journals: speciosa JSON (versioned), CSV per kind, PsychonautWiki Journal.

An import is all-or-nothing: the whole file is checked first and every bad row is reported with
its place and reason, in one pass (records pydantic refuses, then the checks of
speciosa.core.journal_checks on the others); only a clean file is written, in one transaction.
Entries already in the journal (same uid) are skipped, so importing the same file twice adds
nothing, also when both imports run at the same moment (the second waits for the first).
`speciosa assess --file` reads a file through `journal_file_checked`: the same checks.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pydantic
from django.db import connection, transaction
from django.utils import timezone as dj_timezone

from speciosa.core import journal_checks as checks
from speciosa.core import journal_format as fmt
from speciosa.core import psychonautwiki
from speciosa.core.csv_cells import csv_value
from speciosa.core.errors import FieldError, InvalidInput, TooLarge
from speciosa.core.json_text import json_loads
from speciosa.journal import models as m
from speciosa.journal.csv_rows import answers_of_cell, csv_columns, csv_lines
from speciosa.journal.findings import findings_after_write
from speciosa.journal.records import (
    KINDS,
    experiment_record,
    experiment_values,
    model_values,
    profile_record,
    taper_event_values,
    taper_record,
    taper_values,
    to_record,
)
from speciosa.journal.rows import (
    column_of,
    insert_rows,
    insert_values,
    row_values,
    scratch_database,
    scratch_fill,
    scratch_insert,
    stored_values,
)
from speciosa.journal.selectors import profile_get
from speciosa.journal.services import lock_journal

Progress = Callable[[int, int], None]
BATCH = 1000
#: Where a bad file stops being reported row by row (the report stays readable).
MAX_REPORTED_ERRORS = checks.MAX_REPORTED_ERRORS


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    already_present: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    profile_updated: bool = False
    source: str = "speciosa"

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "added": self.added,
            "already_present": self.already_present,
            "skipped": self.skipped,
            "profile_updated": self.profile_updated,
        }


# --- export -----------------------------------------------------------------------------------


def journal_export(*, user: Any, now: datetime | None = None) -> fmt.JournalDocument:
    """The whole journal of one person as a document (what `speciosa export` writes)."""
    profile = profile_get(user=user)
    product_uids = dict(m.Product.objects.filter(user=user).values_list("id", "uid"))
    lists: dict[str, list[fmt.Record]] = {}
    for name, kind in KINDS.items():
        rows = kind.model.objects.filter(user=user).order_by(kind.time_field, "id")
        if name == "checkins":
            rows = rows.prefetch_related("side_effects")
        lists[name] = [to_record(row, product_uids=product_uids) for row in rows]
    return fmt.JournalDocument(
        exported_at=now or dj_timezone.now(),
        profile=profile_record(profile),
        experiments=_experiments(user=user),
        tapers=_tapers(user=user),
        **lists,
    )


def _experiments(*, user: Any) -> list[fmt.ExperimentRecord]:
    """The person's experiments, the first planned first."""
    return [experiment_record(e) for e in m.Experiment.objects.filter(user=user).order_by("created_at", "id")]


def _tapers(*, user: Any) -> list[fmt.TaperRecord]:
    """The person's taper plans with their events, the first planned first."""
    plans = m.TaperPlan.objects.filter(user=user).order_by("created_at", "id").prefetch_related("events")
    return [taper_record(plan) for plan in plans]


def journal_export_chunks(*, user: Any, now: datetime | None = None) -> Iterator[bytes]:
    """The journal JSON document in pieces, one entry at a time, so a long history is never held
    in memory whole (what the export views stream). Joined, it is the `journal_export` document."""
    profile = profile_get(user=user)
    head = fmt.JournalDocument(
        exported_at=now or dj_timezone.now(),
        profile=profile_record(profile),
    ).model_dump(mode="json", include={"format", "version", "exported_at", "profile"})
    yield json.dumps(head, ensure_ascii=False)[:-1].encode()
    product_uids = dict(m.Product.objects.filter(user=user).values_list("id", "uid"))
    for name, kind in KINDS.items():
        yield f',\n"{name}": ['.encode()
        rows = kind.model.objects.filter(user=user).order_by(kind.time_field, "id")
        if name == "checkins":
            rows = rows.prefetch_related("side_effects")
        for i, row in enumerate(rows.iterator(chunk_size=EXPORT_CHUNK)):
            record = to_record(row, product_uids=product_uids).model_dump_json()
            yield (",\n" if i else "\n").encode() + record.encode()
        yield b"]"
    yield b',\n"experiments": ['
    for i, experiment in enumerate(_experiments(user=user)):
        yield (",\n" if i else "\n").encode() + experiment.model_dump_json().encode()
    yield b'],\n"tapers": ['
    for i, plan in enumerate(_tapers(user=user)):
        yield (",\n" if i else "\n").encode() + plan.model_dump_json().encode()
    yield b"]}\n"


#: Rows read from the database at a time while exporting.
EXPORT_CHUNK = 2000


def journal_export_json(*, user: Any, now: datetime | None = None) -> bytes:
    return b"".join(journal_export_chunks(user=user, now=now))


def journal_export_csv(*, user: Any, kind: str, document: fmt.JournalDocument | None = None) -> str:
    """One kind of entry as CSV, formula-safe (speciosa.journal.csv_rows); a check-in's side effects
    are one JSON list in their cell.

    Pass `document` (from `journal_export`) to write several kinds without reading the journal again.
    """
    document = document or journal_export(user=user)
    return "".join(csv_lines(kind, getattr(document, kind)))


# --- reading files ----------------------------------------------------------------------------


@dataclass
class Parsed:
    document: fmt.JournalDocument
    source: str
    skipped: list[str]
    #: Records refused while reading, with their place in the file; `document` holds the others.
    errors: list[FieldError] = field(default_factory=list)
    #: Where each record of `document` is in the file, when some were refused (None: all kept).
    places: dict[str, list[int]] | None = None


def journal_read(content: bytes | str, *, filename: str = "", max_bytes: int | None = None) -> Parsed:
    """Read a speciosa JSON document, a speciosa CSV file or a PsychonautWiki Journal export.

    Raises InvalidInput only for a file that cannot be read as a journal at all (not text, not
    JSON or CSV, not an object); a bad record is listed in `errors` with its place, and the records
    that passed are kept so that the checks after reading can report their problems in the same pass.
    A clean speciosa JSON export is validated in one go straight from its text (the fast path).
    """
    if max_bytes is not None and len(content) > max_bytes:
        raise TooLarge(f"the file is larger than {max_bytes // (1024 * 1024)} MB", field="file")
    try:
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    except UnicodeDecodeError:
        raise InvalidInput("is not UTF-8 text; choose a .json or .csv export", field="file") from None
    if filename.lower().endswith(".csv") or (
        text.lstrip()[:1] not in {"{", "["} and "," in text.split("\n", 1)[0]
    ):
        return _validated(_csv_rows(text), "csv", [])
    if '"speciosa-journal"' in text[:1000]:  # our own export: validate straight from the JSON text (fast)
        try:
            return Parsed(fmt.JournalDocument.model_validate_json(text), "speciosa", [])
        except pydantic.ValidationError:
            pass  # invalid JSON is described below; bad records are found one by one
    data = json_loads(text, field="file")
    skipped: list[str] = []
    source = "speciosa"
    if psychonautwiki.looks_like_psychonautwiki(data):
        converted = psychonautwiki.convert(data)
        if converted.errors:
            raise InvalidInput(converted.errors[:MAX_REPORTED_ERRORS])
        data, skipped, source = converted.document, converted.skipped, "psychonautwiki"
    if not isinstance(data, dict):
        raise InvalidInput("must be a JSON object with format, version and lists of entries", field="file")
    return _validated(data, source, skipped)


def _validated(data: dict[str, Any], source: str, skipped: list[str]) -> Parsed:
    """The whole document validated at once, or record by record when that fails."""
    try:
        return Parsed(fmt.JournalDocument.model_validate(data), source, skipped)
    except pydantic.ValidationError:
        found = checks.validate_records(data)
        return Parsed(found.document, source, skipped, found.errors, found.places)


def journal_parse(content: bytes | str, *, filename: str = "", max_bytes: int | None = None) -> Parsed:
    """`journal_read`, refusing a file with any bad record (every one named, in file order)."""
    parsed = journal_read(content, filename=filename, max_bytes=max_bytes)
    checks.refuse(parsed.errors)
    return parsed


def journal_file_checked(
    content: bytes | str, *, now: datetime, filename: str = "", max_bytes: int | None = None
) -> Parsed:
    """A file read and checked as an import checks it, on its own (what `speciosa assess --file` reads).

    Every check of an import runs (structure, time zone, duplicates, future times, products, side
    effects, grams against amount and unit) with the file's own products and teaspoon, and no
    database; a file with problems raises InvalidInput naming each, exactly as an import would.
    """
    parsed = journal_read(content, filename=filename, max_bytes=max_bytes)
    checks.check_file(parsed.document, now=now, errors=parsed.errors, places=parsed.places)
    return parsed


def _csv_rows(text: str) -> dict[str, Any]:
    """The rows of a speciosa CSV file as the journal document's list of their kind."""
    reader = csv.DictReader(io.StringIO(text))
    header = set(reader.fieldnames or [])
    kind = next((k for k in KINDS if set(csv_columns(k)) == header), None)
    if kind is None:
        raise InvalidInput(
            "the CSV header matches no kind of entry; use a file from speciosa's CSV export", field="file"
        )
    text_fields = {name for name, spec in KINDS[kind].record.model_fields.items() if spec.default == ""}
    rows: list[dict[str, Any]] = []
    try:
        for row in reader:
            values: dict[str, Any] = {
                k: (None if v == "" else csv_value(v)) for k, v in row.items() if k is not None
            }
            for name in text_fields:
                if name in values and values[name] is None:
                    values[name] = ""
            if "side_effects" in values:
                values["side_effects"] = _side_effects_cell(values["side_effects"], line=reader.line_num)
            if "answers" in values:
                values["answers"] = answers_of_cell(values["answers"])
            rows.append(values)
    except csv.Error as error:
        raise InvalidInput(f"is not valid CSV (line {reader.line_num}: {error})", field="file") from None
    return {kind: rows}


def _side_effects_cell(cell: str | None, *, line: int) -> list[Any]:
    if not cell:
        return []
    try:
        effects = json_loads(cell, field="file")
    except InvalidInput:
        raise InvalidInput(f"line {line}: side_effects must be a JSON list", field="file") from None
    if not isinstance(effects, list):
        raise InvalidInput(f"line {line}: side_effects must be a JSON list", field="file")
    return effects


# --- import -----------------------------------------------------------------------------------


def journal_import(
    *,
    user: Any,
    document: fmt.JournalDocument,
    now: datetime | None = None,
    progress: Progress | None = None,
    source: str = "speciosa",
    skipped: Iterable[str] = (),
) -> ImportReport:
    """Add every entry of the document that the journal does not have yet, or nothing at all."""
    now = now or dj_timezone.now()
    checks.refuse(import_problems(user=user, document=document, now=now))
    return _write(user=user, document=document, now=now, progress=progress, source=source, skipped=skipped)


def import_problems(
    *,
    user: Any,
    document: fmt.JournalDocument,
    now: datetime,
    places: checks.Places | None = None,
) -> list[FieldError]:
    """What is wrong with importing the document into this journal (speciosa.core.journal_checks):
    a dose may name a product of the file or of the journal, and use the journal's weighed teaspoon."""
    stored = dict(m.Product.objects.filter(user=user).values_list("uid", "grams_per_capsule"))
    return checks.document_problems(
        document,
        now=now,
        products={**stored, **checks.own_products(document)},
        teaspoons=(profile_get(user=user).teaspoon_grams,),
        places=places,
    ) + _taper_problems(document, places)


@dataclass
class _Staged:
    """One kind's new rows, converted for the database before the write lock is taken."""

    name: str
    model: Any
    records: int
    values: list[list[Any]]
    #: doses: the rows of each product uid, whose product id is known once the file's products are stored
    product_rows: dict[Any, list[int]] = field(default_factory=dict)
    #: check-ins: each row's side effects as SideEffect rows, less their check-in id
    effects: list[list[list[Any]]] = field(default_factory=list)
    #: whether the rows wait in the scratch database too (SQLite, `rows.scratch_database`)
    scratch: bool = False


def _staged(*, user: Any, document: fmt.JournalDocument, now: datetime, scratch: bool) -> list[_Staged]:
    """Every entry the journal does not hold yet, as rows ready to insert.

    This is the slow part of writing a large file (about as long again as the inserts themselves),
    so it runs before the write lock is taken: on SQLite one write runs at a time, and everyone
    else's writes wait while an import holds the lock."""
    staged = []
    for name, kind in KINDS.items():
        records: list[fmt.Record] = getattr(document, name)
        if not records:
            continue
        present = set(kind.model.objects.filter(user=user).values_list("uid", flat=True))
        fresh = [r for r in records if r.uid not in present]
        # a dose's product id is known once the file's products are stored (`_insert`)
        unknown = {r.product_uid: None for r in fresh} if name == "doses" else {}  # type: ignore[attr-defined]
        rows = (model_values(r, product_ids=unknown) for r in fresh)
        batch = _Staged(
            name=name,
            model=kind.model,
            records=len(records),
            values=row_values(kind.model, rows, user_id=user.pk, created_at=now, updated_at=now),
        )
        if name == "doses":
            for i, r in enumerate(fresh):
                batch.product_rows.setdefault(r.product_uid, []).append(i)  # type: ignore[attr-defined]
        if scratch:
            _fill_scratch(batch)
        if name == "checkins":
            batch.effects = [
                row_values(
                    m.SideEffect,
                    (
                        {"checkin_id": None, "code": e.code, "severity": e.severity.value, "text": e.text}
                        for e in r.side_effects  # type: ignore[attr-defined]
                    ),
                )
                for r in fresh
            ]
        staged.append(batch)
    return staged


def _write(
    *,
    user: Any,
    document: fmt.JournalDocument,
    now: datetime,
    progress: Progress | None,
    source: str,
    skipped: Iterable[str],
) -> ImportReport:
    """Write the document's new entries in one transaction, so all or nothing. Everything that can be
    done before it (reading, checking, converting every row) is done before it (`_staged`): inside,
    only the inserts run, and the person's stored uids are read again, so that an entry another
    import or device added in the meantime is skipped, not added twice."""
    report = ImportReport(source=source, skipped=list(skipped))
    total = sum(len(getattr(document, kind)) for kind in KINDS)
    done = 0
    with scratch_database() as scratch:
        staged = _staged(user=user, document=document, now=now, scratch=scratch)
        with transaction.atomic():
            lock_journal(user=user)  # a second import at the same moment waits here, then finds these present
            for batch in staged:
                done += _insert(
                    user=user, batch=batch, report=report, progress=progress, done=done, total=total
                )
            _write_experiments(user=user, records=document.experiments, now=now, report=report)
            _write_tapers(user=user, records=document.tapers, now=now, report=report)
            report.profile_updated = _adopt_profile(user=user, profile=document.profile)
    findings_after_write(user=user, now=now, force=True)  # a red flag in the file shows at once
    if progress:
        progress(total, total)
    return report


def _insert(
    *, user: Any, batch: _Staged, report: ImportReport, progress: Progress | None, done: int, total: int
) -> int:
    """Insert one kind's staged rows that are still new (inside the import's transaction); how many
    entries of the file this accounts for. Everything here works on the values as the database
    stores them (`stored_values`), so that holding the lock costs little besides the inserts."""
    uid_at = column_of(batch.model, "uid")
    present = {uid for (uid,) in stored_values(batch.model, "uid", user_id=user.pk)}
    keep = [i for i, line in enumerate(batch.values) if line[uid_at] not in present] if present else None
    values = batch.values if keep is None else [batch.values[i] for i in keep]
    report.added[batch.name] = len(values)
    report.already_present[batch.name] = batch.records - len(values)
    copied = batch.scratch and keep is None  # every staged row is still new: copied over in the database
    if batch.name == "doses" and not copied:
        product_ids = dict(m.Product.objects.filter(user=user).values_list("uid", "id"))
        at = column_of(m.Dose, "product_id")
        kept = None if keep is None else set(keep)
        for uid, indexes in batch.product_rows.items():
            product_id = product_ids[uid] if uid else None
            for i in indexes if kept is None else (i for i in indexes if i in kept):
                batch.values[i][at] = product_id
    accounted = batch.records - len(values)
    for start in range(0, len(values), BATCH):
        if copied:
            scratch_insert(batch.model, first=start, last=start + BATCH, **_scratch_lookups(batch, user))
        else:
            insert_values(batch.model, values[start : start + BATCH])
        accounted += len(values[start : start + BATCH])
        if progress:
            progress(done + accounted, total)
    if batch.name == "checkins" and values:
        checkin_ids = dict(stored_values(m.CheckIn, "uid", "id", user_id=user.pk))
        at = column_of(m.SideEffect, "checkin_id")
        effects = []
        for i in range(len(batch.values)) if keep is None else keep:
            for line in batch.effects[i]:
                line[at] = checkin_ids[batch.values[i][uid_at]]
                effects.append(line)
        insert_values(m.SideEffect, effects)
    return batch.records


def _fill_scratch(batch: _Staged) -> None:
    """Put the batch's rows into the scratch database; a dose's product column holds its product's uid
    there (the id is looked up while copying, `_scratch_lookups`)."""
    values = batch.values
    if batch.name == "doses":
        at = column_of(m.Dose, "product_id")
        values = [list(line) for line in values]
        for uid, indexes in batch.product_rows.items():
            for i in indexes:
                values[i][at] = uid.hex if uid else None
    scratch_fill(batch.model, values)
    batch.scratch = True


def _scratch_lookups(batch: _Staged, user: Any) -> dict[str, Any]:
    if batch.name != "doses":
        return {}
    products = connection.ops.quote_name(m.Product._meta.db_table)
    product_id = f"(SELECT p.id FROM main.{products} AS p WHERE p.user_id = %s AND p.uid = s.product_id)"
    return {"lookups": {"product_id": product_id}, "params": [user.pk]}


def _write_experiments(
    *, user: Any, records: list[fmt.ExperimentRecord], now: datetime, report: ImportReport
) -> None:
    """Add the experiments the journal does not have yet, exactly as they were planned (their
    schedule is replayed from the stored order; the plan's safety checks ran when it was made)."""
    if not records:
        return
    present = set(m.Experiment.objects.filter(user=user).values_list("uid", flat=True))
    fresh = [r for r in records if r.uid not in present]
    report.already_present["experiments"] = len(records) - len(fresh)
    report.added["experiments"] = len(fresh)
    insert_rows(m.Experiment, (experiment_values(r, now=now) for r in fresh), user_id=user.pk)


def _write_tapers(*, user: Any, records: list[fmt.TaperRecord], now: datetime, report: ImportReport) -> None:
    """Add the taper plans the journal does not have yet, with their events, exactly as they were made
    (their steps and progress are replayed from these, the doses and the SOWS scores; the checks of a
    new plan ran when it was made)."""
    if not records:
        return
    present = set(m.TaperPlan.objects.filter(user=user).values_list("uid", flat=True))
    fresh = [r for r in records if r.uid not in present]
    report.already_present["tapers"] = len(records) - len(fresh)
    report.added["tapers"] = len(fresh)
    if not fresh:
        return
    insert_rows(m.TaperPlan, (taper_values(r, now=now) for r in fresh), user_id=user.pk)
    ids = dict(m.TaperPlan.objects.filter(user=user, uid__in=[r.uid for r in fresh]).values_list("uid", "id"))
    events = (taper_event_values(e, plan_id=ids[r.uid], now=now) for r in fresh for e in r.events)
    insert_rows(m.TaperEvent, events)


def _taper_problems(document: fmt.JournalDocument, places: checks.Places | None) -> list[FieldError]:
    """A taper plan's uid twice in the file (the other checks of a plan are its record's)."""
    at = places.get("tapers") if places is not None else None
    seen: set[Any] = set()
    errors = []
    for i, plan in enumerate(document.tapers):
        if plan.uid in seen:
            errors.append(
                FieldError(f"tapers[{at[i] if at is not None else i}].uid", "appears twice in this file")
            )
        seen.add(plan.uid)
    return errors


def import_file(
    *,
    user: Any,
    content: bytes,
    filename: str = "",
    now: datetime | None = None,
    progress: Progress | None = None,
    max_bytes: int | None = None,
) -> ImportReport:
    """Read a file and import it: every problem of the file (bad records, and what the checks find in
    the records that passed) is reported in one pass, and then nothing is imported."""
    parsed = journal_read(content, filename=filename, max_bytes=max_bytes)
    now = now or dj_timezone.now()
    problems = import_problems(user=user, document=parsed.document, now=now, places=parsed.places)
    checks.refuse([*parsed.errors, *problems])
    return _write(
        user=user,
        document=parsed.document,
        now=now,
        progress=progress,
        source=parsed.source,
        skipped=parsed.skipped,
    )


def _adopt_profile(*, user: Any, profile: fmt.ProfileRecord) -> bool:
    """Take the document's profile only into a profile still at its defaults."""
    current = profile_get(user=user)
    if (
        current.timezone != "UTC"
        or current.teaspoon_grams is not None
        or current.pregnant
        or current.breastfeeding
        or current.country
        or current.region
        or current.checkin_reminder is not None
    ):
        return False
    if profile == fmt.ProfileRecord():
        return False
    current.timezone, current.teaspoon_grams = profile.timezone, profile.teaspoon_grams
    current.pregnant = profile.pregnant
    current.breastfeeding = profile.breastfeeding
    current.country = profile.country
    current.region = profile.region
    current.checkin_reminder = fmt.clock_time(profile.checkin_reminder)
    current.save()
    return True
