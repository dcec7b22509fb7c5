"""/refdata: the reference data speciosa's safety rules and pages read, each entry with its sources.

Every answer is the refdata models as they are (speciosa/refdata, validated at load): dose context
from each source side by side, time courses and pharmacokinetics, product forms, veins and strains,
red flags, interactions, lab-report limits and the rules' thresholds. Entries cite sources by id;
GET /refdata/sources gives each id's citation, link and evidence grade. Nothing here is a dosing
recommendation.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS
from speciosa.api.schemas_safety import (
    InteractionsOut,
    InteractionsQuery,
    NameCheckOut,
    NameQuery,
    RedFlagsOut,
    VeinsOut,
)
from speciosa.api.schemas_views import SideEffectTermOut, UnitOut, UnitsOut
from speciosa.core.units import ASSUMED_TEASPOON_GRAMS, TEASPOON_SOURCE, Unit
from speciosa.journal import selectors
from speciosa.journal.names import name_check
from speciosa.refdata import (
    ACTION_LEVELS,
    SEVERITY_SCALE,
    DoseContext,
    FormInfo,
    LabLimits,
    PkFact,
    Source,
    Thresholds,
    TimeCourse,
    dose_context,
    forms,
    interaction_classes,
    interactions_for,
    lab_limits,
    pharmacokinetics,
    red_flags,
    side_effects,
    sources,
    strains,
    thresholds,
    time_courses,
    veins,
)

router = Router(tags=["Reference data"])

#: The id, in refdata/data/sources.yaml, of the source of the assumed teaspoon.
TEASPOON_SOURCE_ID = "erowid-kratom-dose"


NOT_IN_TABLE = (
    "{name!r} is not in speciosa's interaction table. That does not mean it is harmless with kratom: "
    "ask a pharmacist."
)


@router.get(
    "/refdata/side-effects",
    response={200: list[SideEffectTermOut], **READ_ERRORS},
    summary="The side effects a check-in can record, with their group and sources",
)
def refdata_side_effects(request: HttpRequest) -> Any:
    return [
        SideEffectTermOut(code=term.code, label=term.label, group=term.group, sources=list(term.sources))
        for term in side_effects().values()
    ]


@router.get(
    "/refdata/units",
    response={200: UnitsOut, **READ_ERRORS},
    summary="The units a dose can be logged in, and the assumed teaspoon with its source",
)
def refdata_units(request: HttpRequest) -> Any:
    return UnitsOut(
        units=[UnitOut(unit=unit, label=unit.label) for unit in Unit],
        assumed_teaspoon_grams=ASSUMED_TEASPOON_GRAMS,
        teaspoon_source=TEASPOON_SOURCE,
        teaspoon_source_id=TEASPOON_SOURCE_ID,
        your_teaspoon_grams=selectors.profile_get(user=owner(request)).teaspoon_grams,
    )


@router.get(
    "/refdata/sources",
    response={200: list[Source], **READ_ERRORS},
    summary="Every source the reference data cites: citation, link, evidence grade (A–D), as-of date, notes",
)
def refdata_sources(request: HttpRequest) -> Any:
    return list(sources().values())


@router.get(
    "/refdata/dose-context",
    response={200: list[DoseContext], **READ_ERRORS},
    summary="What each source says about amounts of plain leaf powder, side by side, never merged",
)
def refdata_dose_context(request: HttpRequest) -> Any:
    return dose_context()


@router.get(
    "/refdata/time-courses",
    response={200: dict[str, TimeCourse], **READ_ERRORS},
    summary="Onset, peak and duration by product form, with each source's own figures",
)
def refdata_time_courses(request: HttpRequest) -> Any:
    return time_courses()


@router.get(
    "/refdata/pharmacokinetics",
    response={200: list[PkFact], **READ_ERRORS},
    summary="Published half-lives, Tmax and steady state of mitragynine and 7-OH",
)
def refdata_pharmacokinetics(request: HttpRequest) -> Any:
    return pharmacokinetics()


@router.get(
    "/refdata/forms",
    response={200: list[FormInfo], **READ_ERRORS},
    summary="Each product form, and whether the published (plain-leaf) dose figures apply to it",
)
def refdata_forms(request: HttpRequest) -> Any:
    return forms()


@router.get(
    "/refdata/veins",
    response={200: VeinsOut, **READ_ERRORS},
    summary="Vein colours and strain names: what vendors claim, and what the evidence shows",
)
def refdata_veins(request: HttpRequest) -> Any:
    return VeinsOut(veins=veins(), strains=strains())


@router.get(
    "/refdata/red-flags",
    response={200: RedFlagsOut, **READ_ERRORS},
    summary="Symptoms that call for action now, each with its action level and what to do",
)
def refdata_red_flags(request: HttpRequest) -> Any:
    return RedFlagsOut(action_levels=list(ACTION_LEVELS.values()), red_flags=red_flags())


@router.get(
    "/refdata/interactions",
    response={200: InteractionsOut, **READ_ERRORS},
    summary="Interaction classes with their members, severity, mechanism and what to do; ?name= matches one",
)
def refdata_interactions(request: HttpRequest, query: Query[InteractionsQuery]) -> Any:
    name = query.name.strip()
    if not name:
        listed, message = interaction_classes(), "Every interaction class, in the order of the table."
    else:
        listed = interactions_for(name)
        message = (
            f"{name!r} belongs to {len(listed)} interaction {'class' if len(listed) == 1 else 'classes'}, "
            "worst first."
            if listed
            else NOT_IN_TABLE.format(name=name)
        )
    return InteractionsOut(
        name=name,
        message=message,
        severity_scale=sorted(SEVERITY_SCALE.values(), key=lambda level: level.order),
        interaction_classes=listed,
    )


@router.get(
    "/refdata/names",
    response={200: NameCheckOut, **READ_ERRORS},
    summary="What speciosa reads in a typed medicine or substance name, and 'did you mean ...?'",
)
def refdata_names(request: HttpRequest, query: Query[NameQuery]) -> Any:
    check = name_check(query.name.strip())
    return NameCheckOut(
        typed=check.typed,
        read_as=check.read_as,
        suggestions=list(check.suggestions),
        classes=list(check.classes),
        known=check.known,
        needs_confirmation=check.needs_confirmation,
        question=check.question if check.needs_confirmation else "",
    )


@router.get(
    "/refdata/lab-limits",
    response={200: LabLimits, **READ_ERRORS},
    summary="Limits a product's lab report is checked against: metals per day, microbes, 7-OH, extracts",
)
def refdata_lab_limits(request: HttpRequest) -> Any:
    return lab_limits()


@router.get(
    "/refdata/thresholds",
    response={200: Thresholds, **READ_ERRORS},
    summary="The numbers the safety rules compare against, with their sources; design_choice: ours",
)
def refdata_thresholds(request: HttpRequest) -> Any:
    return thresholds()
