"""A measurement in its own process, against the database its environment names.

    python -m bench.worker TASK ARGS_JSON RESULT_PATH   # one task in a fresh process
    python -m bench.worker --session                    # tasks from stdin, answers on stdout

The parent (bench.workspace) sets DATABASE_URL and DJANGO_SETTINGS_MODULE; the worker sets
Django up and runs tasks. One-shot: the answer goes to RESULT_PATH as JSON. Session: each stdin
line is `{"task": ..., "args": {...}}` and each answer one JSON line, `{"ok": ...}` or
`{"error": traceback}`; a session keeps its state (a signed-in client) between tasks, so two
sessions on two databases can take turns round by round.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

#: Task name -> "module:function". Each function takes keyword arguments and returns a JSON-able dict.
TASKS = {
    "prepare": "bench.journals:prepare_database",
    "import": "bench.importing:import_with_speciosa",
    "raw-insert": "bench.importing:insert_with_sqlite",
    "pages": "bench.pages:time_pages",
    "api": "bench.api_dose:time_requests",
    "assess-stored": "bench.assess:time_stored",
    "insights-stored": "bench.insights:time_stored",
    "report-render": "bench.reports:time_render",
    "taper": "bench.taper:time_taper",
    "scale-generate": "bench.scale_data:generate",
    "scale-measure": "bench.scale:time_requests",
    "scale-plans": "bench.scale_plans:plans",
}


def run_task(task: str, args: dict[str, Any]) -> Any:
    module, function = TASKS[task].split(":")
    return getattr(importlib.import_module(module), function)(**args)


def serve_session() -> None:
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # anything else written to stdout goes to stderr, not into the answers
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = {"ok": run_task(request["task"], request["args"])}
        except Exception:
            answer = {"error": traceback.format_exc()}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


def main(argv: list[str]) -> None:
    import django

    django.setup()
    if argv == ["--session"]:
        serve_session()
        return
    task, args, result = argv[0], json.loads(argv[1]), Path(argv[2])
    result.write_text(json.dumps(run_task(task, args)))


if __name__ == "__main__":
    main(sys.argv[1:])
