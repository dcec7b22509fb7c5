"""/refdata: the side-effect vocabulary and the units, with their sources."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS
from speciosa.api.schemas_views import SideEffectTermOut, UnitOut, UnitsOut
from speciosa.core.units import ASSUMED_TEASPOON_GRAMS, TEASPOON_SOURCE, Unit
from speciosa.journal import selectors
from speciosa.refdata import side_effects

router = Router(tags=["Reference data"])

#: The id, in refdata/data/sources.yaml, of the source of the assumed teaspoon.
TEASPOON_SOURCE_ID = "erowid-kratom-dose"


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
