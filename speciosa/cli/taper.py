"""`speciosa taper`: cutting down with a plan built from your own amount, in a terminal (plan or
preview it, see where it stands, pause, resume, hold, slow, mark a bad day, end, list, delete), through
the same journal-layer functions as the Cutting down page and the API. The words describe the person's
own plan ("your plan's target today"); nothing here tells anyone what to take."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from speciosa.cli import inputs
from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, fail, say
from speciosa.core.taper.follow import PlannedStep
from speciosa.journal import selectors
from speciosa.journal import taper as tp

taper = typer.Typer(
    help="Cutting down: a taper plan built from your own daily amount, and where it stands.",
    no_args_is_help=True,
    epilog="Example: speciosa taper status",
)

PLAN_FIELDS = {
    "start_grams": "--start-grams",
    "pace": "--pace",
    "measure": "--measure",
    "measure_grams": "--measure-grams",
    "doses_per_day": "--doses-per-day",
    "long_term": "--long-term",
    "target_grams": "--target-grams",
    "start_on": "--start-on",
}
STATUS = {"done": "done", "current": "now", "ahead": "ahead"}


# --- words -------------------------------------------------------------------------------------


def amount(grams: float, measure: str, measure_grams: float) -> str:
    return tp.amount_in_measure(grams, measure, measure_grams)


def doses_text(doses: tuple[float, ...], measure: str, measure_grams: float) -> str:
    """A day's doses, "4.5 + 4.5 + 4.25 g" (or in teaspoons)."""
    if not doses:
        return "–"
    if measure != "tsp":
        return " + ".join(f"{d:g}" for d in doses) + " g"
    return (
        " + ".join(amount(d, measure, measure_grams).split(" (")[0].removesuffix(" tsp") for d in doses)
        + " tsp"
    )


def day_text(day: date, today: date) -> str:
    return f"{day:%-d %b}" if day.year == today.year else f"{day:%-d %b %Y}"


def dates_text(start: date, end: date) -> str:
    """A step's days, short enough for a narrow table: "6–12 Dec", "27 Dec – 2 Jan" (the summary gives
    the years)."""
    if start == end:
        return f"{start:%-d %b}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end:%-d %b}"
    return f"{start:%-d %b} – {end:%-d %b}"


def _step_rows(
    planned: tuple[PlannedStep, ...], measure: str, measure_grams: float, today: date
) -> list[dict[str, Any]]:
    return [
        {
            "step": p.step.number,
            "from": p.start,
            "to": p.end,
            "dates": dates_text(p.start, p.end),
            "days": p.step.hold_days,
            "grams": p.step.grams,
            "target": amount(p.step.grams, measure, measure_grams)
            + (" *" if p.step.over_monthly_cap else ""),
            "doses": list(p.step.doses),
            "doses_text": doses_text(p.step.doses, measure, measure_grams),
            "cut_percent": p.step.cut_percent,
            "cut": f"{p.step.cut_percent:g}%",
            "over_monthly_cap": p.step.over_monthly_cap,
            "status": p.status,
        }
        for p in planned
    ]


STEP_COLUMNS: list[tuple[str, Any]] = [
    ("Step", "step"),
    ("Dates", "dates"),
    ("Days", "days"),
    ("Target a day", "target"),
    ("Doses", "doses_text"),
    ("Cut", "cut"),
]
CAP_NOTE = (
    "* One measuring unit is more than about 10% in 28 days at this step; a finer measure "
    "(--measure-grams 0.1) makes smaller steps possible."
)


def _pace_words(pace: str, percent: float, hold_days: int, long_term: bool) -> str:
    words = f"about {percent:g}% lower a step, each step held at least {hold_days} days"
    if long_term:
        words += ", and no more than about 10% lower in 28 days (more than a year of daily use)"
    return f"{pace} pace: {words}"


# --- planning ----------------------------------------------------------------------------------


@command(
    taper,
    "plan",
    example="speciosa taper plan --dry-run --start-grams 15 --doses-per-day 3",
    fields=PLAN_FIELDS,
)
def plan(
    start_grams: Annotated[
        float | None,
        typer.Option(
            "--start-grams",
            help="Grams a day to start from (default: your recent daily amount; never above it).",
        ),
    ] = None,
    pace: Annotated[
        str, typer.Option("--pace", help="standard (about 10% a step) or gentle (about 5%).")
    ] = "standard",
    measure: Annotated[
        str, typer.Option("--measure", help="g (a scale) or tsp (your teaspoon, from `speciosa profile`).")
    ] = "g",
    measure_grams: Annotated[
        float | None, typer.Option("--measure-grams", help="What your scale can weigh: 0.1, 0.25 or 0.5 g.")
    ] = None,
    doses_per_day: Annotated[
        int | None, typer.Option("--doses-per-day", help="Doses a day (default: your usual number).")
    ] = None,
    long_term: Annotated[
        bool | None,
        typer.Option(
            "--long-term/--not-long-term",
            help="More than a year of near-daily use: at most about 10% lower a month "
            "(default: your journal).",
            show_default=False,
        ),
    ] = None,
    target_grams: Annotated[
        float, typer.Option("--target-grams", help="Where the plan ends, grams a day (0: stopping).")
    ] = 0.0,
    start_on: Annotated[
        str | None, typer.Option("--start-on", metavar="DATE", help="The first day (default today).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the schedule these choices give; store nothing.")
    ] = False,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Plan a taper from your own daily amount, or preview it with --dry-run."""
    owner = account_chosen(user)
    choices: dict[str, Any] = {
        "start_grams": start_grams,
        "pace": pace,
        "measure": measure,
        "measure_grams": measure_grams,
        "doses_per_day": doses_per_day,
        "long_term": long_term,
        "target_grams": target_grams,
        "start_on": inputs.local_date(start_on, field="start_on") if start_on else None,
    }
    if not dry_run:
        made = tp.taper_plan(user=owner, **choices)
        _status(tp.taper_view(user=owner, uid=made.uid), fmt, lead="Planned. ")
        return
    draft = tp.taper_preview(user=owner, **choices)
    spec = draft.spec
    today = draft.defaults.today
    rows = _step_rows(draft.dated_steps, draft.measure, spec.measure_grams, today)
    start = amount(spec.start_grams, draft.measure, spec.measure_grams)
    end = (
        "stopping" if not spec.target_grams else amount(spec.target_grams, draft.measure, spec.measure_grams)
    )
    recent = draft.defaults.recent_grams
    summary = [
        f"From {start} a day to {end}: {len(rows)} steps, {draft.total_days} days, "
        f"{draft.start_on:%-d %b %Y} to {draft.finish_on:%-d %b %Y} if nothing pauses it.",
        _pace_words(draft.pace, spec.percent, spec.hold_days, spec.long_term).capitalize() + ".",
        f"Your recent daily amount: {recent:g} g (the median of the dosed days in the last "
        f"{tp.RECENT_DAYS} days)."
        if recent is not None
        else f"No kratom is logged in the last {tp.RECENT_DAYS} days.",
        *([CAP_NOTE] if any(r["over_monthly_cap"] for r in rows) else []),
        "Nothing is stored (--dry-run): run it again without --dry-run to keep this plan.",
    ]
    document = {
        "start_on": draft.start_on,
        "finish_on": draft.finish_on,
        "total_days": draft.total_days,
        "start_grams": spec.start_grams,
        "pace": draft.pace,
        "percent": spec.percent,
        "hold_days": spec.hold_days,
        "measure": draft.measure,
        "measure_grams": spec.measure_grams,
        "doses_per_day": spec.doses_per_day,
        "long_term": spec.long_term,
        "target_grams": spec.target_grams,
        "recent_grams": recent,
        "steps": [_step_json(r) for r in rows],
    }
    emit(rows, fmt, title="Your plan, not stored", columns=STEP_COLUMNS, summary=summary, document=document)


def _step_json(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("step", "from", "to", "days", "grams", "doses", "cut_percent", "over_monthly_cap", "status")
    return {key: row[key] for key in keys}


# --- where it stands -----------------------------------------------------------------------------


def _document(view: tp.TaperView, rows: list[dict[str, Any]]) -> dict[str, Any]:
    plan, progress = view.plan, view.progress
    latest = view.latest_sows
    return {
        "uid": plan.uid,
        "start_on": plan.start_on,
        "start_grams": plan.start_grams,
        "pace": plan.pace,
        "measure": plan.measure,
        "measure_grams": plan.measure_grams,
        "doses_per_day": plan.doses_per_day,
        "long_term": plan.long_term,
        "target_grams": plan.target_grams,
        "today": view.today,
        "state": view.state,
        "state_words": view.state_words,
        "target_today": view.target_today,
        "logged_today": view.logged_today,
        "over_today": view.over_today,
        "current_step": progress.current.step.number if progress.current else None,
        "steps_total": len(progress.steps),
        "day_in_step": progress.day_in_step,
        "days_left_in_step": progress.days_left_in_step,
        "paused_since": progress.paused_since,
        "pause_reason": progress.pause_reason,
        "finish_on": progress.ended_on or progress.finish_on,
        "over_days": progress.over_days,
        "potency": view.potency.words if view.potency else "",
        "latest_sows": {
            "at": latest.at.astimezone(selectors.user_zone(user=plan.user)),
            "total": latest.result.total,
            "max_total": latest.result.max_total,
        }
        if latest
        else None,
        "steps": [_step_json(r) for r in rows],
        "time_course": tp.time_course_words()[0],
        "certainty": tp.time_course_words()[1],
        "crisis": tp.crisis_words(),
    }


def _summary(view: tp.TaperView) -> list[str]:
    plan, progress = view.plan, view.progress
    today = view.today
    lines: list[str] = []
    current = progress.current
    if current is not None:
        target = view.target_today
        doses = doses_text(current.step.doses, plan.measure, plan.measure_grams)
        lines.append(
            f"Your plan's target today: {view.in_measure(target or 0)} ({doses}). "
            f"Logged today: {view.logged_today:g} g" + (", above the target." if view.over_today else ".")
        )
        left = progress.days_left_in_step
        day = f", day {progress.day_in_step} of {current.step.hold_days}" if progress.day_in_step else ""
        lines.append(
            f"Step {current.step.number} of {len(progress.steps)}{day}: "
            f"{left} more day{'s' if left != 1 else ''} at this step."
        )
    elif view.state == "planned":
        lines.append(f"It starts on {day_text(plan.start_on, today)}.")
    elif view.state == "ended" and progress.ended_on:
        lines.append(f"Ended on {day_text(progress.ended_on, today)}.")
    if progress.paused_since is not None:
        lines.append(
            f"Paused since {day_text(progress.paused_since, today)}. {progress.pause_reason}. "
            "The target stays at this step's amount; `speciosa taper resume` goes on."
        )
    if view.over_words:
        lines.append(view.over_words)
    if view.potency is not None:
        lines.append(view.potency.words)
    latest = view.latest_sows
    if latest is not None:
        at = latest.at.astimezone(selectors.user_zone(user=plan.user))
        lines.append(
            f"Latest withdrawal score (SOWS): {latest.result.total} of {latest.result.max_total}, "
            f"on {day_text(at.date(), today)}."
        )
    finish = progress.ended_on or progress.finish_on
    if finish and view.state in ("planned", "running", "paused"):
        lines.append(f"Projected last day, if nothing pauses it: {day_text(finish, today)}.")
    if view.state in ("planned", "running", "paused"):
        course, certainty = tp.time_course_words()
        lines += [f"{course} ({certainty})", f"Thoughts of suicide? {tp.crisis_words()}"]
    return lines


def _status(view: tp.TaperView, fmt: Format, *, lead: str = "") -> None:
    plan = view.plan
    rows = _step_rows(view.progress.steps, plan.measure, plan.measure_grams, view.today)
    for row in rows:
        row["status_text"] = STATUS[row["status"]]
    title = f"{lead}Your taper plan: {view.state_words}"
    summary = _summary(view)
    if any(r["over_monthly_cap"] for r in rows):
        summary.append(CAP_NOTE)
    emit(
        rows,
        fmt,
        title=title,
        columns=[*STEP_COLUMNS[:5], ("Status", "status_text")],
        summary=summary,
        document=_document(view, rows),
    )


def _active(owner: Any) -> tp.TaperView:
    view = tp.taper_active(user=owner)
    if view is None:
        fail("you have no taper plan under way; plan one with `speciosa taper plan`", field="plan")
    return view


@command(taper, "status", example="speciosa taper status")
def status(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """Where your plan stands today: your plan's target against what is logged, the step, pauses."""
    owner = account_chosen(user)
    view = tp.taper_latest(user=owner)
    if view is None:
        fail("you have no taper plan yet; `speciosa taper plan --dry-run` shows one", field="plan")
    _status(view, fmt)


def _act(user: str | None, fmt: Format, action: str, *, note: str = "", days: int = 0) -> None:
    owner = account_chosen(user)
    view = _active(owner)
    acted = tp.taper_act(user=owner, uid=view.plan.uid, action=action, note=note, days=days)
    say(tp.ACTIONS[action][1])
    _status(acted, fmt)


NoteOption = Annotated[str, typer.Option("--note", help="A few words on why, kept with the plan.")]


@command(taper, "pause", example="speciosa taper pause --note 'visiting family'", fields={"action": "plan"})
def pause(note: NoteOption = "", user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """Pause your plan: the target stays at this step's amount until you resume."""
    _act(user, fmt, "pause", note=note)


@command(taper, "resume", example="speciosa taper resume", fields={"action": "plan"})
def resume(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """Resume a paused plan; the step goes on from the days it had done."""
    _act(user, fmt, "resume")


@command(taper, "hold", example="speciosa taper hold --days 7", fields={"action": "plan"})
def hold(
    days: Annotated[int, typer.Option("--days", help="How many more days at this step (1-28).")] = 7,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Hold the current step longer."""
    _act(user, fmt, "hold", days=days)


@command(taper, "slow", example="speciosa taper slow", fields={"action": "plan"})
def slow(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """Slow the rest of the plan: the gentle pace, or a week more a step when it is already gentle."""
    _act(user, fmt, "slow")


@command(taper, "bad-day", example="speciosa taper bad-day --note 'rough night'", fields={"action": "plan"})
def bad_day(note: NoteOption = "", user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """Mark today a bad day: the plan pauses until you resume it."""
    _act(user, fmt, "bad_day", note=note)


@command(taper, "end", example="speciosa taper end", fields={"action": "plan"})
def end(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """End your plan; your doses and scores stay in the journal."""
    _act(user, fmt, "end")


@command(taper, "list", example="speciosa taper list")
def taper_list(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """Your taper plans, the latest first, with where each stands."""
    owner = account_chosen(user)
    rows = []
    for view in tp.taper_views(user=owner):
        progress = view.progress
        rows.append(
            {
                "uid": str(view.plan.uid),
                "start_on": view.plan.start_on,
                "start": view.in_measure(view.plan.start_grams),
                "state": view.state,
                "state_words": view.state_words,
                "step": f"{progress.current.step.number} of {len(progress.steps)}"
                if progress.current
                else "",
                "target_today": view.target_today,
                "finish_on": progress.ended_on or progress.finish_on,
            }
        )
    emit(
        rows,
        fmt,
        title="Taper plans",
        columns=[
            ("UID", "uid"),
            ("From", "start_on"),
            ("State", "state_words"),
            ("Step", "step"),
        ],
        empty="No taper plans yet. `speciosa taper plan --dry-run` shows one without storing it.",
    )


@command(taper, "delete", example="speciosa taper delete 0f5c…", fields={"": "uid"})
def delete(
    uid: Annotated[str, typer.Argument(metavar="UID", help="The plan's UID from `speciosa taper list`.")],
    user: UserOption = None,
) -> None:
    """Delete a taper plan and its pauses; your doses and self-checks stay. There is no undo."""
    owner = account_chosen(user)
    deleted = tp.taper_delete(user=owner, uid=uid)
    say(
        f"Deleted the taper plan from {deleted.start_on:%-d %b %Y}. Your doses and self-checks are unchanged."
    )
