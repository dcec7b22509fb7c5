"""`speciosa backup`: a consistent copy of the SQLite database, or JSON exports from PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from django.conf import settings
from django.db import connection

from speciosa.cli.bootstrap import database_ready
from speciosa.cli.output import command, fail, say
from speciosa.journal import selectors, transfer

commands = typer.Typer()


def backup_name(now: datetime | None = None) -> str:
    return f"speciosa-{(now or datetime.now()):%Y%m%d-%H%M%S}"


def sqlite_backup(source: Path, target: Path) -> Path:
    """Copy a live SQLite database with SQLite's online backup API (consistent even while it is written).

    The copy is a single self-contained file (rollback journal, not WAL), readable by its owner only,
    and checked with `PRAGMA quick_check` before it takes its final name.
    """
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))  # private from its first byte
    source_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        copy_db = sqlite3.connect(partial)
        try:
            source_db.backup(copy_db)
            copy_db.execute("PRAGMA journal_mode=DELETE")
            (status,) = copy_db.execute("PRAGMA quick_check").fetchone()
        finally:
            copy_db.close()
    finally:
        source_db.close()
    if status != "ok":
        partial.unlink(missing_ok=True)
        raise OSError(f"the copy failed SQLite's check: {status}")
    os.chmod(partial, 0o600)
    partial.replace(target)
    return target


def accounts_backup(directory: Path) -> list[Path]:
    """One speciosa JSON export per account, named after the account, in a new directory."""
    directory.mkdir(parents=True, mode=0o700)
    written = []
    user: Any
    for user in selectors.account_list(include_inactive=True):
        path = directory / f"{user.username}.json"
        path.write_bytes(transfer.journal_export_json(user=user))
        path.chmod(0o600)
        written.append(path)
    return written


def database_file() -> Path | None:
    """The SQLite database's file, or None for an in-memory database."""
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        return None
    return Path(name)


def _free(path: Path) -> Path:
    """`path`, or `path` with -2, -3, ... before its suffix when it is taken."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


@command(commands, "backup", example="speciosa backup -o /media/usb/")
def backup(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to put the copy: a new file, or a directory. Default: <data directory>/backups/.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Back up every journal: SQLite as one consistent file, PostgreSQL as one JSON export per account."""
    database_ready()
    folder = Path(settings.DATA_DIR) / "backups"
    if connection.vendor == "sqlite":
        source = database_file()
        if source is None:
            fail("an in-memory database cannot be backed up", field="database")
        if output is None:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = _free(folder / f"{backup_name()}.sqlite3")
        elif output.is_dir():
            target = _free(output / f"{backup_name()}.sqlite3")
        elif output.exists():
            fail(f"{output} exists; choose a new file name or a directory", field="output")
        else:
            target = output
        try:
            sqlite_backup(source, target)
        except (OSError, sqlite3.Error) as error:
            fail(f"could not write {target}: {error}", field="output")
        say(f"Backed up the SQLite database to {target}")
        say(f"To restore it, stop speciosa and copy the backup over {source}.")
        return
    directory = output if output is not None and not output.is_dir() else (output or folder) / backup_name()
    if directory.exists():
        fail(f"{directory} exists; choose a new directory", field="output")
    written = accounts_backup(directory)
    say(
        f"The database is {connection.vendor}, so speciosa wrote one JSON export per account ({len(written)})"
    )
    say(f"into {directory}")
    say(
        "Passwords and API tokens are not in them. To restore, create each account, "
        "then `speciosa import` its file."
    )
