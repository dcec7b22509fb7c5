"""Plain INSERTs for the hot paths (imports, the undo log): one prepared statement per table.

Every value was validated before it gets here (journal-format records, services), and the
database's own constraints still apply. Values are converted the way Django's backends convert
them, chosen once per field type rather than once per value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from functools import cache
from typing import Any

from django.db import connection


@dataclass(frozen=True)
class _Plan:
    sql: str
    names: tuple[str, ...]
    defaults: tuple[Any, ...]
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]


def insert_rows(model: Any, rows: Iterable[dict[str, Any]], **same: Any) -> None:
    """INSERT every row (a dict of attribute names; `same` fills what all rows share)."""
    insert_values(model, row_values(model, rows, **same))


def row_values(model: Any, rows: Iterable[dict[str, Any]], **same: Any) -> list[list[Any]]:
    """Every row as the values of its INSERT, converted for the database: the work `insert_values`
    then needs none of (an import does it before it takes the write lock)."""
    plan = _plan(model, connection.vendor)
    values = []
    for row in rows:
        full = {**same, **row}
        line = [full.get(name, default) for name, default in zip(plan.names, plan.defaults, strict=True)]
        for i, convert in plan.converters:
            if plan.names[i] in full:
                line[i] = convert(line[i])
        values.append(line)
    return values


def insert_values(model: Any, values: list[list[Any]]) -> None:
    """INSERT rows made by `row_values`."""
    if values:
        with connection.cursor() as cursor:
            cursor.executemany(_plan(model, connection.vendor).sql, values)


#: The scratch database an import on SQLite fills before it takes the write lock.
SCRATCH = "speciosa_import_scratch"


@contextmanager
def scratch_database() -> Iterator[bool]:
    """On SQLite, outside any transaction: a private scratch database (a temporary file, gone once
    detached) attached to the connection meanwhile; yields whether there is one.

    An import writes its converted rows there (`scratch_fill`) before it takes the write lock, and
    inside it copies them over with one INSERT ... SELECT per piece (`scratch_insert`): about 40 % less
    work while the lock is held than binding every row of an executemany."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:  # ATTACH is refused in a transaction
        yield False
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ATTACH DATABASE '' AS {SCRATCH}")
    try:
        yield True
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DETACH DATABASE {SCRATCH}")


def scratch_fill(model: Any, values: list[list[Any]]) -> None:
    """Write rows made by `row_values` into the model's table of the scratch database, in order (row i
    gets rowid i + 1); one transaction that touches only the scratch database."""
    plan = _plan(model, connection.vendor)
    table = f"{SCRATCH}.{connection.ops.quote_name(model._meta.db_table)}"
    columns = ", ".join(connection.ops.quote_name(name) for name in plan.names)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE TABLE {table} ({columns})")
        cursor.execute("BEGIN")
        try:
            cursor.executemany(f"INSERT INTO {table} VALUES ({', '.join(['%s'] * len(plan.names))})", values)
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")


def scratch_insert(
    model: Any, *, first: int, last: int, lookups: dict[str, str] | None = None, params: Iterable[Any] = ()
) -> None:
    """INSERT rows first + 1 to last of the model's scratch table into the real one; `lookups` gives
    an attribute an SQL expression over the scratch row `s` instead (with `params`)."""
    plan = _plan(model, connection.vendor)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(model._meta.get_field(name).column)) for name in plan.names)
    chosen = ", ".join((lookups or {}).get(name, f"s.{quote(name)}") for name in plan.names)
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO main.{table} ({columns}) SELECT {chosen} FROM {SCRATCH}.{table} AS s"
            " WHERE s.rowid > %s AND s.rowid <= %s ORDER BY s.rowid",
            [*params, first, last],
        )


def stored_values(model: Any, *names: str, user_id: int) -> list[tuple[Any, ...]]:
    """These attributes of the person's rows, as the database gives them: comparable with the values of
    `row_values` (a uid is hex text on SQLite), and read without building a model or a UUID each."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(model._meta.get_field(name).column)) for name in names)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(model._meta.db_table)} WHERE user_id = %s", [user_id])
        found: list[tuple[Any, ...]] = cursor.fetchall()
        return found


def column_of(model: Any, name: str) -> int:
    """Where the attribute `name` (e.g. `product_id`) is in a row of `row_values`."""
    return _plan(model, connection.vendor).names.index(name)


def insert_row(model: Any, row: dict[str, Any], **same: Any) -> int:
    """INSERT one row and return its new primary key (RETURNING: SQLite 3.35+, PostgreSQL)."""
    plan = _plan(model, connection.vendor)
    full = {**same, **row}
    line = [full.get(name, default) for name, default in zip(plan.names, plan.defaults, strict=True)]
    for i, convert in plan.converters:
        if plan.names[i] in full:
            line[i] = convert(line[i])
    pk = connection.ops.quote_name(str(model._meta.pk.column))
    with connection.cursor() as cursor:
        cursor.execute(f"{plan.sql} RETURNING {pk}", line)
        return int(cursor.fetchone()[0])


@cache
def _plan(model: Any, vendor: str) -> _Plan:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    converters = [_to_database(f, vendor) for f in fields]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    return _Plan(
        sql=f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})",
        names=tuple(f.attname for f in fields),
        defaults=tuple(
            c(f.get_default()) if f.has_default() else None for f, c in zip(fields, converters, strict=True)
        ),
        converters=tuple((i, c) for i, c in enumerate(converters) if c is not _same),
    )


def _same(value: Any) -> Any:
    return value


def _to_database(field: Any, vendor: str) -> Callable[[Any], Any]:
    kind = field.get_internal_type()
    if vendor == "sqlite":
        if kind == "UUIDField":
            return lambda v: None if v is None else v.hex
        if kind == "DateTimeField":  # as Django's SQLite backend stores it: naive UTC text
            # str() of the naive UTC time, without building it: the ISO text less its "+00:00"
            return lambda v: None if v is None else v.astimezone(UTC).isoformat(" ")[:-6]
        if kind == "DateField":
            return lambda v: None if v is None else v.isoformat()
    if kind == "JSONField" or (
        vendor != "postgresql" and kind in {"UUIDField", "DateTimeField", "DateField"}
    ):
        return lambda v: field.get_db_prep_save(v, connection)
    return _same
