"""/findings and /rules: what the safety rules found in your journal, with sources, and the rules themselves.

GET /findings answers the current findings of the journal (kept current by the journal's write path:
the pure engine in speciosa.core.safety over the window speciosa.journal.window reads), urgent first,
with the assessment's `scope`: the windows read, your
newest entry and a sentence to show beside the findings (no findings for an old journal is not an
all-clear). Acknowledging a finding keeps it in the list (and in
the history) with the time you acknowledged it; an urgent finding stops being shown above
every page once acknowledged. A key that is not one of your findings answers 404.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS, WRITE_ERRORS
from speciosa.api.schemas_safety import (
    AcknowledgeIn,
    EntryRefOut,
    FindingHistoryQuery,
    FindingOut,
    FindingsOut,
    RaisedOut,
    RuleOut,
    ScopeOut,
    sources_out,
)
from speciosa.journal import findings as safety
from speciosa.journal.finding_symptoms import finding_after_logging, finding_log_symptoms
from speciosa.journal.findings import CurrentFinding, Finding

router = Router(tags=["Safety findings"])


def raised_out(finding: Finding) -> RaisedOut:
    """A finding as the engine raised it: its sources expanded."""
    return RaisedOut(
        key=finding.key,
        code=finding.code,
        severity=finding.severity.value,
        title=finding.title,
        meaning=finding.meaning,
        action=finding.action,
        grade=finding.grade,
        sources=sources_out(finding.sources),
        entries=[EntryRefOut(kind=entry.kind, uid=entry.uid) for entry in finding.entries],
        subject=finding.subject,
        symptoms_to_log=list(finding.symptoms_to_log),
        at=finding.at,
    )


def finding_out(current: CurrentFinding) -> FindingOut:
    """A finding as the API answers it: its sources expanded, with when it was seen and acknowledged."""
    return FindingOut(
        **raised_out(current.finding).model_dump(),
        first_seen_at=current.first_seen_at,
        last_seen_at=current.last_seen_at,
        acknowledged_at=current.acknowledged_at,
        active=current.active,
    )


@router.get(
    "/findings",
    response={200: FindingsOut, **READ_ERRORS},
    summary="The current findings of your journal, urgent first, with their sources, and what the "
    "assessment covered (scope)",
)
def findings_list(request: HttpRequest) -> Any:
    user = owner(request)
    now = timezone.now()
    return FindingsOut(
        scope=ScopeOut(**safety.findings_scope(user=user, now=now).as_dict()),
        findings=[finding_out(current) for current in safety.findings_current(user=user, now=now)],
    )


@router.get(
    "/findings/history",
    response={200: list[FindingOut], **READ_ERRORS},
    summary="Every finding ever raised for you, the most recently seen first (active: still raised)",
)
def findings_history(request: HttpRequest, filters: Query[FindingHistoryQuery]) -> Any:
    return [finding_out(c) for c in safety.findings_history(user=owner(request), limit=filters.limit)]


@router.post(
    "/findings/acknowledge",
    response={200: FindingOut, **WRITE_ERRORS},
    summary="Acknowledge a finding by its key (an urgent one stops being shown above every page)",
)
def findings_acknowledge(request: HttpRequest, payload: AcknowledgeIn) -> Any:
    return finding_out(safety.finding_acknowledge(user=owner(request), key=payload.key, now=timezone.now()))


@router.post(
    "/findings/log-symptoms",
    response={200: FindingOut, **WRITE_ERRORS},
    summary="Log the symptoms a red flag read from a note describes as coded side effects (one tap); "
    "answers the finding that takes its place",
)
def findings_log_symptoms(request: HttpRequest, payload: AcknowledgeIn) -> Any:
    user = owner(request)
    checkin = finding_log_symptoms(user=user, key=payload.key, now=timezone.now())
    replaced_by = finding_after_logging(user=user, key=payload.key, checkin=checkin)
    assert replaced_by is not None  # the finding read was stored before its symptoms were logged
    return finding_out(replaced_by)


@router.get(
    "/rules",
    response={200: list[RuleOut], **READ_ERRORS},
    summary="Every safety rule: its code, what it checks, its sources and where a threshold is ours",
)
def rules_list(request: HttpRequest) -> Any:
    return [
        RuleOut(
            code=rule.code,
            title=rule.title,
            checks=rule.checks,
            sources=sources_out(rule.sources),
            design_choice=rule.design_choice,
        )
        for rule in safety.all_rules()
    ]
