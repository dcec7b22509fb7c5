from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def keep_sqlite_files_private(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Health data: the SQLite database and its -wal/-shm files are readable by their owner only."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (Path(name), Path(name + "-wal"), Path(name + "-shm")):
        if path.exists() and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)


class JournalConfig(AppConfig):
    name = "speciosa.journal"
    label = "journal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        connection_created.connect(keep_sqlite_files_private, dispatch_uid="speciosa-private-sqlite")
        from django.db.models.signals import post_migrate

        from speciosa.journal.search import build_after_migrate

        post_migrate.connect(build_after_migrate, sender=self, dispatch_uid="speciosa-search-index")
