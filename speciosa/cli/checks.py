"""`speciosa check`: the withdrawal score (SOWS) and the dependence self-check (DSM-5 criteria applied to
kratom), answered item by item at prompts or all at once with --answers, stored as journal entries
through the same journal functions as the Self-checks pages and the API."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from django.utils import timezone as dj_timezone
from rich.text import Text

from speciosa.cli import inputs
from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, err, fail, out
from speciosa.journal import selectors, selfchecks
from speciosa.journal import taper as tp
from speciosa.refdata.taper import Questionnaire

check = typer.Typer(
    help="Self-checks: your withdrawal score now (SOWS) and the dependence self-check (DSM-5 criteria).",
    no_args_is_help=True,
    epilog="Example: speciosa check sows",
)

NOT_A_DIAGNOSIS = (
    "This is a self-check, not a diagnosis: it counts the criteria clinicians use, and only a clinician "
    "can diagnose a substance use disorder."
)
SOWS_WORDS = (
    "The SOWS has no kratom cut-offs, so there is no label: compare your totals over time "
    "(`speciosa check list --instrument sows`)."
)
FIELDS = {"answers": "--answers", "at": "--at", "note": "--note"}
YES = {"y": 1, "yes": 1, "1": 1, "n": 0, "no": 0, "0": 0}

AnswersOption = Annotated[
    str | None,
    typer.Option(
        "--answers",
        metavar="LIST",
        help="Every answer at once, in order, separated by commas (no prompts).",
    ),
]
AtOption = Annotated[
    str | None, typer.Option("--at", metavar="TIME", help="When, your local time (default now).")
]
NoteOption = Annotated[str, typer.Option("--note", help="A few words to keep with it.")]


def _parse(text: str, instrument: str) -> list[Any]:
    """`--answers 0,1,2`: numbers stay numbers, y/n count for the DSM-5 self-check; anything else is
    passed on as typed, so the journal names it (`--answers[3]`)."""
    values: list[Any] = []
    for part in text.split(","):
        part = part.strip().lower()
        if instrument == "dsm5" and part in YES:
            values.append(YES[part])
        elif part.lstrip("-").isdigit():
            values.append(int(part))
        else:
            values.append(part)
    return values


def _ask(form: Questionnaire) -> list[int]:
    """Each item at a prompt (on stderr, so --format json keeps stdout clean), asked again until the
    answer is one the form has."""
    console = err()
    console.print(Text(form.name, style="bold"))
    console.print(Text(form.instructions))
    yes_no = form.id == "dsm5"
    allowed = {a.value for a in form.answers}
    hint = "y/n" if yes_no else f"{min(allowed)}-{max(allowed)}"
    low, high = min(allowed), max(allowed)
    again = "   Please answer y or n." if yes_no else f"   Please answer a number from {low} to {high}."
    answers = []
    for number, item in enumerate(form.items, start=1):
        console.print(Text(f"\n{number}/{len(form.items)}. {item}"))
        while True:
            typed = typer.prompt(f"   {hint}", err=True).strip().lower()
            value = YES.get(typed) if yes_no else (int(typed) if typed.isdigit() else None)
            if value is not None and value in allowed:
                answers.append(value)
                break
            console.print(Text(again, style="red"))
    console.print(Text(""))
    return answers


def _row(scored: selfchecks.ScoredCheck, zone: Any) -> dict[str, Any]:
    entry, result = scored.entry, scored.result
    return {
        "uid": str(entry.uid),
        "at": entry.at.astimezone(zone),
        "instrument": entry.instrument,
        "answers": list(entry.answers),
        "total": result.total,
        "max_total": result.max_total,
        "score": f"{result.total} of {result.max_total}",
        "band": result.band,
        "words": result.words,
        "next": result.next,
        "notice": NOT_A_DIAGNOSIS if entry.instrument == "dsm5" else "",
        "note": entry.note,
    }


def _take(
    instrument: str, answers: str | None, at: str | None, note: str, user: str | None, fmt: Format
) -> None:
    owner = account_chosen(user)
    zone = selectors.user_zone(user=owner)
    moment = inputs.local_moment(at, tz=zone, now=dj_timezone.now()) if at else None
    form = selfchecks.form_of(instrument)
    given = _parse(answers, instrument) if answers is not None else _ask(form)
    scored = selfchecks.selfcheck_create(
        user=owner, instrument=instrument, answers=given, at=moment, note=note
    )
    row = _row(scored, zone)
    result = scored.result
    if instrument == "dsm5":
        summary = [
            f"{form.short}: {result.total} of {result.max_total} criteria. {result.band}.",
            result.words,
            result.next,
            NOT_A_DIAGNOSIS,
        ]
    else:
        summary = [f"{form.short}: {result.total} of {result.max_total}.", SOWS_WORDS]
        view = tp.taper_active(user=owner)
        if view is not None and view.progress.auto_paused and view.progress.paused_since == view.today:
            summary.append(
                f"Your taper plan is paused. {view.progress.pause_reason}. See `speciosa taper status`."
            )
    if fmt is Format.TABLE:
        console = out()
        for line in summary:
            console.print(Text(line))
        return
    emit([row], fmt, columns=[("Score", "score")], document=row)


@command(check, "sows", example="speciosa check sows", fields=FIELDS)
def sows(
    answers: AnswersOption = None,
    at: AtOption = None,
    note: NoteOption = "",
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Your withdrawal score now (SOWS): 16 statements, each 0 (not at all) to 4 (extremely)."""
    _take("sows", answers, at, note, user, fmt)


@command(check, "dsm5", example="speciosa check dsm5", fields=FIELDS)
def dsm5(
    answers: AnswersOption = None,
    at: AtOption = None,
    note: NoteOption = "",
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """The dependence self-check: 11 yes/no questions about the past 12 months. Not a diagnosis."""
    _take("dsm5", answers, at, note, user, fmt)


@command(
    check, "list", example="speciosa check list --instrument sows", fields={"instrument": "--instrument"}
)
def check_list(
    instrument: Annotated[
        str | None, typer.Option("--instrument", help="Only sows or dsm5 (default: both).")
    ] = None,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Your self-checks with their totals, newest first."""
    owner = account_chosen(user)
    zone = selectors.user_zone(user=owner)
    if instrument not in (None, "sows", "dsm5"):
        fail("must be sows or dsm5", field="instrument")
    chosen = [instrument] if instrument else ["sows", "dsm5"]
    found = [c for name in chosen for c in selfchecks.selfcheck_list(user=owner, instrument=name)]
    found.sort(key=lambda c: (c.at, c.entry.pk), reverse=True)
    rows = [_row(c, zone) for c in found]
    for row in rows:
        row["name"] = "SOWS" if row["instrument"] == "sows" else "DSM-5 self-check"
    emit(
        rows,
        fmt,
        title="Self-checks",
        columns=[
            ("When", "at"),
            ("Questionnaire", "name"),
            ("Score", "score"),
            ("Band", "band"),
            ("Note", "note"),
        ],
        summary=[NOT_A_DIAGNOSIS] if any(r["instrument"] == "dsm5" for r in rows) else [],
        empty="No self-checks yet. `speciosa check sows` asks the 16 SOWS questions.",
    )
