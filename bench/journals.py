"""The synthetic journals (1 year and 10 years of daily use) as export files and databases.

A journal is made by speciosa's own generator (speciosa.demo.stories.synthetic_journal), written as
a journal-format export file, and imported into a copy of a template database that holds only the
benchmark's account. Each journal lives in its own database file.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.workspace import Account, Workspace, copy_database

USERNAME = "bench"


def write_journal(ws: Workspace, *, name: str, days: int, end: datetime, seed: int = 0) -> Path:
    """`days` of synthetic journal ending at `end`, as the same JSON an export writes."""
    from speciosa.core.journal_format import JournalDocument
    from speciosa.demo.stories import synthetic_journal

    document = JournalDocument.model_validate(synthetic_journal(days=days, end=end, seed=seed))
    path = ws.path(f"{name}.json")
    path.write_text(document.model_dump_json(indent=1))
    return path


def template_database(ws: Workspace) -> tuple[Path, Account]:
    """A migrated database with the benchmark's account and API token, and no journal yet."""
    db = ws.path("template.sqlite3")
    password = "bench-" + secrets.token_urlsafe(12)
    made = ws.run_worker("prepare", db=db, username=USERNAME, password=password)
    return db, Account(USERNAME, password, made["token"], made["user_id"])


def fresh_database(ws: Workspace, template: Path, name: str) -> Path:
    return copy_database(template, ws.path(f"{name}.sqlite3"))


def load_journal(ws: Workspace, template: Path, journal: Path, *, name: str) -> Path:
    """A new database file holding the account and the journal imported from `journal`."""
    db = fresh_database(ws, template, name)
    ws.run_worker("import", db=db, path=str(journal), username=USERNAME)
    return db


# --- worker side (runs inside `python -m bench.worker prepare`) -------------------------------


def prepare_database(*, username: str, password: str) -> dict[str, Any]:
    from django.core.management import call_command

    from speciosa.journal import services

    call_command("migrate", verbosity=0, interactive=False)
    user = services.account_create(username=username, password=password)
    _, token = services.token_create(user=user, name="benchmark")
    return {"user_id": user.pk, "token": token}
