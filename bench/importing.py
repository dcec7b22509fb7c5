"""Importing the 10-year JSON export: speciosa's import against raw sqlite3 `executemany`.

Both sides start from a fresh copy of the same template database, in their own process, and
insert the same rows into the same tables. Both are timed with the process's CPU clock
(`time.process_time`): the work is single-threaded and, with WAL and synchronous=NORMAL, waits on
no fsync, so on an idle machine CPU time equals wall time, and on a shared machine it leaves out
the time the process waited for a core. The wall-clock ratio is kept in the row's note. speciosa's side is `transfer.import_file` on the file's
bytes: parsing, validation, checks and inserts. The baseline is the floor: the rows already decoded
into tuples before the clock starts, then `executemany` per table and one commit, with the same
pragmas speciosa's connections use (WAL, synchronous=NORMAL, foreign keys on).
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench.journals import USERNAME, fresh_database
from bench.report import Goal, Row, median
from bench.workspace import Account, Workspace

GOAL = Goal("ratio", ">=", 0.25)
#: Journal tables, in the order rows are inserted (parents before children).
TABLES = (
    "journal_product",
    "journal_dose",
    "journal_checkin",
    "journal_sideeffect",
    "journal_medication",
    "journal_substanceuse",
    "journal_therapy",
    "journal_labresult",
)


def run(
    ws: Workspace, *, template: Path, account: Account, journal: Path, repeats: int, label: str
) -> tuple[list[Row], Path]:
    """Rows per second of both imports (median of `repeats`); also the last database speciosa filled."""
    ours: list[float] = []
    raw: list[float] = []
    wall: list[float] = []  # the same ratio by the wall clock, for the note
    rows = 0
    db = template
    for i in range(repeats):
        if db != template:  # keep only the last import's database
            _remove_database(db)
        db = fresh_database(ws, template, f"import-{label}-{i}")
        done = ws.run_worker("import", db=db, path=str(journal), username=account.username)
        ours.append(done["rows"] / done["cpu_seconds"])
        baseline_db = fresh_database(ws, template, f"raw-insert-{label}-{i}")
        floor = ws.run_worker("raw-insert", db=baseline_db, path=str(journal), user_id=account.user_id)
        raw.append(floor["rows"] / floor["cpu_seconds"])
        wall.append(floor["seconds"] / done["seconds"])
        _remove_database(baseline_db)
        if floor["rows"] != done["rows"]:
            raise RuntimeError(f"the baseline inserted {floor['rows']} rows, speciosa {done['rows']}")
        rows = done["rows"]
    row = Row(
        f"import {label} JSON export ({rows:,} rows)",
        "rows/s",
        median(ours),
        median(raw),
        GOAL,
        note="transfer.import_file on the file's bytes vs sqlite3 executemany of pre-decoded rows; "
        f"CPU time, median of {repeats}; by the wall clock the ratio was {median(wall):.2f}",
    )
    return [row], db


def _remove_database(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def count_rows(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return sum(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES)


# --- worker side -------------------------------------------------------------------------------


def import_with_speciosa(*, path: str, username: str = USERNAME) -> dict[str, Any]:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from speciosa.journal.transfer import import_file

    content = Path(path).read_bytes()
    user = get_user_model().objects.get(username=username)
    start, cpu = time.perf_counter(), time.process_time()
    report = import_file(user=user, content=content, filename=Path(path).name)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rows": count_rows(Path(str(settings.DATABASES["default"]["NAME"]))),
        "added": report.added,
    }


def insert_with_sqlite(*, path: str, user_id: int) -> dict[str, Any]:
    """The baseline: the same rows into the same tables with sqlite3 alone, timed from BEGIN to COMMIT."""
    from django.conf import settings

    db = Path(str(settings.DATABASES["default"]["NAME"]))
    document = json.loads(Path(path).read_text())
    tables = _row_builders(user_id)
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=ON")
    prepared = {kind: [build(r) for r in document.get(kind, [])] for kind, (_, build) in tables.items()}
    effects = [
        (uuid.UUID(c["uid"]).hex, e["code"], e.get("severity", "mild"), e.get("text", ""))
        for c in document.get("checkins", [])
        for e in c.get("side_effects", [])
    ]
    start, cpu = time.perf_counter(), time.process_time()
    connection.execute("BEGIN IMMEDIATE")
    for kind, (sql, _) in tables.items():
        values = prepared[kind]
        if kind == "doses":
            ids = _uid_ids(connection, "journal_product", user_id)
            values = [(*v[:-1], ids[v[-1]] if v[-1] else None) for v in values]
        connection.executemany(sql, values)
    ids = _uid_ids(connection, "journal_checkin", user_id)
    connection.executemany(
        "INSERT INTO journal_sideeffect (checkin_id, code, severity, text) VALUES (?, ?, ?, ?)",
        [(ids[uid], code, severity, text) for uid, code, severity, text in effects],
    )
    connection.execute("COMMIT")
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    connection.close()
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "rows": count_rows(db)}


def _uid_ids(connection: sqlite3.Connection, table: str, user_id: int) -> dict[str, int]:
    return dict(connection.execute(f"SELECT uid, id FROM {table} WHERE user_id = ?", (user_id,)))


def _row_builders(user_id: int) -> dict[str, tuple[str, Any]]:
    """Per kind: the INSERT statement and a function from a record (JSON) to its row.

    Columns and defaults come from the Django models, so the baseline fills exactly the columns
    speciosa fills. A dose's product is left as its uid here and turned into an id inside the timed
    part (speciosa also has to look product ids up).
    """
    from speciosa.journal.records import KINDS

    stamp = _sqlite_datetime(datetime.now(UTC))
    builders: dict[str, tuple[str, Any]] = {}
    for kind, spec in KINDS.items():
        fields = [f for f in spec.model._meta.concrete_fields if not f.primary_key]
        fields.sort(key=lambda f: f.name == "product")  # the product, if any, goes last
        columns = ", ".join(str(f.column) for f in fields)
        sql = f"INSERT INTO {spec.model._meta.db_table} ({columns}) VALUES ({', '.join('?' * len(fields))})"

        def build(record: dict[str, Any], fields: list[Any] = fields) -> tuple[Any, ...]:
            return tuple(_column_value(f, record, user_id, stamp) for f in fields)

        builders[kind] = (sql, build)
    return builders


def _column_value(field: Any, record: dict[str, Any], user_id: int, stamp: str) -> Any:
    from django.db import models

    name = field.name
    if name == "user":
        return user_id
    if name in {"created_at", "updated_at"}:
        return stamp
    if name == "product":
        return uuid.UUID(record["product_uid"]).hex if record.get("product_uid") else None
    value = record.get(name, field.get_default())
    if value is None:
        return None
    if isinstance(field, models.UUIDField):
        return uuid.UUID(str(value)).hex
    if isinstance(field, models.DateTimeField):
        return _sqlite_datetime(datetime.fromisoformat(value))
    if isinstance(field, models.DateField):
        return date.fromisoformat(value).isoformat()
    if isinstance(field, models.BooleanField):
        return int(value)
    return value


def _sqlite_datetime(moment: datetime) -> str:
    """How Django's SQLite backend stores an aware datetime: UTC, naive, ISO with a space."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
