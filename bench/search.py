"""Learn search on the whole corpus (every provider's documents): the median time of a search, of a
search whose word needs correcting, and of a two-word search, against the goal of under 50 ms each.
A fresh SQLite database in a temporary directory (or DATABASE_URL's database), migrated first: the
migration's post_migrate builds the index.

    python -m bench.search              # 50 rounds
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

from bench.report import Goal, Row, median, table

GOAL = Goal("measured", "<", 50, "ms")
QUERIES = (
    ("a search (gabapentin)", "gabapentin"),
    ("a typo corrected (gabapentn)", "gabapentn"),
    ("two words (withdrawal liver)", "withdrawal liver"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("SPECIOSA_DATA_DIR", folder)
        os.environ["DJANGO_SETTINGS_MODULE"] = "speciosa.settings"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        from speciosa.journal.search import all_documents, ensure_index, search

        ensure_index()
        rows = []
        for name, query in QUERIES:
            search(query)  # warm
            times = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                search(query)
                times.append((time.perf_counter() - start) * 1000)
            rows.append(Row(name, "ms", median(times), goal=GOAL, note=f"{len(all_documents())} documents"))
    print(table(rows))
    return 0 if all(GOAL.met_by(r.measured) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
