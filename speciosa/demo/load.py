"""Demo accounts: one per case study in speciosa.demo.stories, each holding that story's journal.

`speciosa demo` calls `demo_load`. Loading again adds nothing: entries are matched by uid, and an
account loaded on an earlier day keeps its dates (the story is rebuilt on the days it was first
loaded, so only the rest of its last day, now in the past, can be added).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone as dj_timezone

from speciosa.core.errors import FieldError, InvalidInput, NotFound
from speciosa.core.journal_format import ENTRY_KINDS, JournalDocument
from speciosa.demo.stories import (
    CASE_STUDIES,
    EXPERIMENT_PLAN,
    EXPERIMENT_SEED,
    EXPERIMENT_START_DAY,
    CaseStudy,
)
from speciosa.journal import User, experiments, selectors, services, transfer
from speciosa.journal.findings import findings_refresh

#: One local password for every demo account. The demo journals are fiction; never put real data in them.
DEMO_PASSWORD = "speciosa-demo-password"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    description: str
    report: transfer.ImportReport


def demo_username(case: CaseStudy) -> str:
    return f"demo-{case.key}"


def demo_load(*, now: datetime | None = None, progress: Progress | None = None) -> list[DemoAccount]:
    """Create (or find) the demo accounts and import each one's journal, ending at `now`.

    Refuses, changing nothing, when a demo username belongs to an account that is not a demo account
    (one whose password is not the demo password). `progress(done, total)` counts entries over all of them.
    """
    now = now or dj_timezone.now()
    found = {case.key: _existing_demo_user(case) for case in CASE_STUDIES}
    documents = {case.key: _document(case, user=found[case.key], now=now) for case in CASE_STUDIES}
    total = sum(len(getattr(document, kind)) for document in documents.values() for kind in ENTRY_KINDS)
    done = 0
    accounts = []
    for case in CASE_STUDIES:
        user = found[case.key] or services.account_create(
            username=demo_username(case), password=DEMO_PASSWORD, timezone=case.timezone
        )
        document = documents[case.key]

        def step(count: int, _size: int, offset: int = done) -> None:
            if progress:
                progress(offset + count, total)

        report = transfer.journal_import(user=user, document=document, now=now, progress=step)
        if report.total_added:
            replay_findings(user=user, document=document, now=now)
        if case.key == "experiment":
            plan_demo_experiment(user=user, case=case, document=document)
        done += sum(len(getattr(document, kind)) for kind in ENTRY_KINDS)
        accounts.append(DemoAccount(demo_username(case), DEMO_PASSWORD, case.summary, report))
    return accounts


#: How often the demo's findings history is taken while its story unfolds.
REPLAY_EVERY = timedelta(days=7)


def replay_findings(*, user: User, document: JournalDocument, now: datetime) -> None:
    """Assess the journal week by week through its story, so the Findings page's history shows what
    the safety rules raised along the way (the interaction while two drugs overlapped, the creep at the
    height of use), and then at `now`."""
    times = [d.taken_at for d in document.doses] + [c.at for c in document.checkins]
    if not times:
        return
    moment = min(times) + REPLAY_EVERY
    while moment < now:
        findings_refresh(user=user, now=moment)
        moment += REPLAY_EVERY
    findings_refresh(user=user, now=now)


def plan_demo_experiment(*, user: User, case: CaseStudy, document: JournalDocument) -> None:
    """The experiment demo's plan, made (as the person made it) on the morning of its first day, once."""
    if experiments.experiment_list(user=user) or not document.products:
        return
    first_day = document.products[0].purchased_on
    assert first_day is not None
    start = first_day + timedelta(days=EXPERIMENT_START_DAY)
    planned_at = datetime.combine(start, time(6, 0), ZoneInfo(case.timezone))
    experiments.experiment_plan(
        user=user, start_on=start, seed=EXPERIMENT_SEED, now=planned_at, **EXPERIMENT_PLAN
    )


def _existing_demo_user(case: CaseStudy) -> User | None:
    username = demo_username(case)
    user = get_user_model().objects.filter(username__iexact=username).first()
    if user is not None and not user.check_password(DEMO_PASSWORD):
        raise InvalidInput(
            [
                FieldError(
                    "username",
                    f"{username!r} is taken by an account that is not a demo account; nothing was loaded",
                )
            ]
        )
    return user


def _document(case: CaseStudy, *, user: User | None, now: datetime) -> JournalDocument:
    """The case's journal ending at `now`, or on the dates it was first loaded into `user`'s account."""
    end = now
    if user is not None:
        try:
            anchor = selectors.product_get(user=user, uid=case.anchor_uid())
        except NotFound:
            anchor = None
        if anchor is not None and anchor.purchased_on is not None:
            end = case.resume_end(first_day=anchor.purchased_on, now=now)
    return JournalDocument.model_validate(case.journal(end=end))
