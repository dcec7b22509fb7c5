"""Learn: the legal operations (issue 12): GET /legal?place=, the legal status of kratom and 7-OH
products in a place, or every entry. Nothing is sent anywhere: the lookup reads local reference data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from speciosa.api.crud import READ_ERRORS
from speciosa.core.legal import NO_ENTRY, TRAVEL, lookup, place_row
from speciosa.refdata.legal import legal_places

router = Router(tags=["Learn"])


class LegalEntryOut(Schema):
    kind: str = Field(description="country, us_state or us_locality")
    code: str = Field(description="ISO 3166 code (country), USPS code (US state) or a slug (US locality)")
    name: str
    state: str = Field(description="A US locality's state (USPS code); empty otherwise")
    status: str = Field(description="legal, regulated, restricted, banned or unclear")
    leaf: str = Field(description="What the entry says about the natural leaf")
    seven_oh: str = Field(description="What the entry says about 7-OH products")
    conditions: list[str] = Field(description='Conditions such as "age 21 or older"')
    since: str = Field(description="A date or year as the sources give it; empty when unknown")
    as_of: str = Field(description="The date of our information (ISO)")
    confidence: str = Field(description="high, medium or low")
    verify_locally: bool = Field(description="True below high confidence: verify locally")
    sources: list[str] = Field(description="Source ids (see /refdata/sources)")
    notes: str
    url: str = Field(description="The entry on /learn/legal/")


class LegalOut(Schema):
    place: str = Field(description="The place asked about; empty: every entry")
    found: bool = Field(description="False when we have no entry for this place (never read as legal)")
    message: str = Field(
        description="What to say when nothing was found, and that laws change when travelling"
    )
    entries: list[LegalEntryOut] = Field(
        description="Most specific first: a locality, then its state, then US federal"
    )


@router.get(
    "/legal",
    response={200: LegalOut, **READ_ERRORS},
    summary="Legal status of kratom and 7-OH products in a place (or every entry)",
)
def legal_status(request: HttpRequest, place: str = "") -> Any:
    if place.strip():
        rows = [place_row(p) for answer in lookup(place) for p in answer.entries]
    else:
        rows = [place_row(p) for p in legal_places()]
    message = TRAVEL if rows else f"{NO_ENTRY} {TRAVEL}"
    return {"place": place.strip(), "found": bool(rows), "message": message, "entries": rows}
