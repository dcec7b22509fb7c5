"""The entry point of `speciosa` (pyproject.toml: `speciosa = "speciosa.cli.main:run"`).

Django is set up before the command tree is imported, because the commands' modules import the
journal's models. Commands that touch the database apply pending migrations first
(`bootstrap.database_ready`), so the first command on a fresh machine just works.
"""

from __future__ import annotations

import sys

from speciosa.cli.bootstrap import django_setup


def run() -> None:
    django_setup()
    from django.db.utils import OperationalError

    from speciosa.cli.app import app

    try:
        app(prog_name="speciosa")
    except OperationalError as error:
        sys.stderr.write(
            f"database: cannot use the database ({error}); check DATABASE_URL or SPECIOSA_DATA_DIR\n"
        )
        sys.exit(1)
