"""Django for a command-line process: settings, set-up, and migrations applied on first use."""

from __future__ import annotations

import os

_ready: set[str] = set()


def django_setup() -> None:
    """Point Django at speciosa's settings and set it up (imports settings; touches no database)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "speciosa.settings"
    import django

    django.setup()


def pending_migrations(alias: str = "default") -> list[str]:
    """Names of the migrations the database still lacks, e.g. `journal.0001_initial`."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def database_ready(alias: str = "default") -> None:
    """Apply pending migrations quietly, once per process, before a command reads or writes."""
    if alias in _ready:
        return
    if pending_migrations(alias):
        from django.core.management import call_command

        call_command("migrate", database=alias, verbosity=0, interactive=False)
    _ready.add(alias)
