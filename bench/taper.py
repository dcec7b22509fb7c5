"""The taper planner on a two-year journal of 15 g a day: (a) the time to plan and read a plan (the
journal's defaults, a preview of a plan, and the view of a plan under way for 90 days with its events
and withdrawal scores), against the goal of under 100 ms; (b) Today's server time with a plan under way
against the same journal with no plan, in the same worker, round by round (the plan is moved to another
account and back between rounds, so both states read the same journal). Today's taper card makes the
one `taper_active` call.

    python -m bench.taper              # 40 rounds
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.journals import USERNAME, load_journal, template_database
from bench.report import Goal, Row, median, table
from bench.workspace import WorkerSession, Workspace

PLAN_GOAL = Goal("measured", "<", 100, "ms")
TODAY_GOAL = Goal("ratio", "<=", 1.10)
DAYS = 730
GRAMS_A_DOSE = 3.75  # four doses: 15 g a day


def write_journal(ws: Workspace, *, end: datetime, days: int = DAYS) -> Path:
    """The synthetic journal (speciosa.demo.stories) with every dose at 3.75 g: about 15 g a day."""
    from speciosa.core.journal_format import JournalDocument
    from speciosa.demo.stories import synthetic_journal

    data = synthetic_journal(days=days, end=end)
    for dose in data["doses"]:
        dose.update(grams=GRAMS_A_DOSE, amount=GRAMS_A_DOSE, unit="g", conversion=f"{GRAMS_A_DOSE} g")
    path = ws.path(f"journal-taper-{days}d.json")
    path.write_text(JournalDocument.model_validate(data).model_dump_json())
    return path


def run(ws: Workspace, *, template: Path, end: datetime, rounds: int = 40, days: int = DAYS) -> list[Row]:
    journal = write_journal(ws, end=end, days=days)
    db = load_journal(ws, template, journal, name=f"journal-taper-{days}d")
    with WorkerSession(ws, db) as worker:
        done = worker.call("taper", username=USERNAME, rounds=rounds)
    label = f"{days // 365}y" if days % 365 == 0 else f"{days}d"
    return [
        Row(
            f"taper: plan and read a plan, {label} at 15 g a day",
            "ms",
            median(done["plan_ms"]),
            goal=PLAN_GOAL,
            note=f"taper_defaults + taper_preview + taper_view of a plan 90 days in ({done['sows']} SOWS "
            f"scores, {done['events']} events); server CPU time, median of {rounds}",
        ),
        Row(
            "taper: Today with a plan under way (÷ no plan)",
            "ms",
            median(done["with_ms"]),
            median(done["without_ms"]),
            TODAY_GOAL,
            note=f"GET {done['url']} (its taper card calls taper_active once), CPU time, median of {rounds} rounds each, "
            f"taking turns; by the wall clock the ratio was "
            f"{median(done['with_wall']) / median(done['without_wall']):.2f}",
        ),
    ]


# --- worker side -------------------------------------------------------------------------------


def _timed(call: Any) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - start) * 1000


def time_taper(*, username: str, rounds: int, warmup: int = 3) -> dict[str, Any]:
    """Make a plan that started 90 days ago (a SOWS every third day, a hold), then time (a) and (b)."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import timezone as dj_timezone

    from bench.pages import _signed_in_client
    from speciosa.journal import models as m
    from speciosa.journal import selfchecks, services, taper

    users = get_user_model().objects
    user = users.get(username=username)
    other = users.filter(username="bench-other").first() or services.account_create(
        username="bench-other", password="Unrelated horse staple 42"
    )
    now = dj_timezone.now()
    began = now - timedelta(days=90)
    m.TaperPlan.objects.filter(user__in=[user, other]).delete()
    plan = taper.taper_plan(user=user, now=began)
    for day in range(0, 90, 3):
        at = began + timedelta(days=day, hours=10)
        selfchecks.selfcheck_create(user=user, instrument="sows", answers=[day % 3 + 1] * 16, now=at)
    taper.taper_act(user=user, uid=plan.uid, action="hold", now=began + timedelta(days=20))

    def plan_and_read() -> None:
        taper.taper_defaults(user=user, now=now)
        taper.taper_preview(user=user, now=now)
        view = taper.taper_view(user=user, uid=plan.uid, now=now)
        assert view.state in ("running", "paused")

    client = _signed_in_client(username)
    url = reverse("web:today")

    def today() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")

    out: dict[str, Any] = {
        "plan_ms": [],
        "with_ms": [],
        "without_ms": [],
        "with_wall": [],
        "without_wall": [],
    }
    for i in range(warmup + rounds):
        m.TaperPlan.objects.filter(pk=plan.pk).update(user=user)
        cpu, _ = _timed(plan_and_read)
        states = ("with", "without") if i % 2 == 0 else ("without", "with")
        for state in states:
            m.TaperPlan.objects.filter(pk=plan.pk).update(user=user if state == "with" else other)
            cpu_today, wall_today = _timed(today)
            if i >= warmup:
                out[f"{state}_ms"].append(cpu_today)
                out[f"{state}_wall"].append(wall_today)
        if i >= warmup:
            out["plan_ms"].append(cpu)
    m.TaperPlan.objects.filter(pk=plan.pk).update(user=user)
    out.update(url=url, sows=30, events=plan.events.count())
    return out


def main(argv: list[str] | None = None) -> int:
    import shutil
    import tempfile
    from datetime import UTC

    parser = argparse.ArgumentParser(prog="python -m bench.taper", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="speciosa-bench-taper-"))
    try:
        ws = Workspace(root)
        template, _ = template_database(ws)
        end = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
        print(table(run(ws, template=template, end=end, rounds=args.rounds)))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
