"""`python -m bench.worker TASK ARGS_JSON RESULT_PATH`: one measurement in a fresh process.

The parent (bench.workspace.Workspace.run_worker) sets DATABASE_URL and DJANGO_SETTINGS_MODULE;
the worker sets Django up, runs one task and writes the task's answer as JSON to RESULT_PATH.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

#: Task name -> "module:function". Each function takes keyword arguments and returns a JSON-able dict.
TASKS = {
    "prepare": "bench.journals:prepare_database",
    "import": "bench.importing:import_with_speciosa",
    "raw-insert": "bench.importing:insert_with_sqlite",
    "pages": "bench.pages:time_pages",
    "api": "bench.api_dose:time_requests",
}


def main(argv: list[str]) -> None:
    task, args, result = argv[0], json.loads(argv[1]), Path(argv[2])
    import django

    django.setup()
    module, function = TASKS[task].split(":")
    answer = getattr(importlib.import_module(module), function)(**args)
    result.write_text(json.dumps(answer))


if __name__ == "__main__":
    main(sys.argv[1:])
