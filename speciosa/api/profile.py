"""/profile: the person's time zone, country, weighed teaspoon, pregnancy and breastfeeding flags, and
check-in reminder time."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS, WRITE_ERRORS
from speciosa.api.schemas_views import ProfileOut, ProfilePatch
from speciosa.core.units import ASSUMED_TEASPOON_GRAMS
from speciosa.journal import entries as m
from speciosa.journal import selectors, services

router = Router(tags=["Profile"])


def profile_out(user: Any, profile: m.Profile) -> ProfileOut:
    return ProfileOut(
        username=user.get_username(),
        timezone=profile.timezone,
        teaspoon_grams=profile.teaspoon_grams,
        assumed_teaspoon_grams=ASSUMED_TEASPOON_GRAMS,
        pregnant=profile.pregnant,
        breastfeeding=profile.breastfeeding,
        country=profile.country,
        region=profile.region,
        checkin_reminder=f"{profile.checkin_reminder:%H:%M}" if profile.checkin_reminder else None,
    )


@router.get(
    "/profile",
    response={200: ProfileOut, **READ_ERRORS},
    summary="Your time zone, country, teaspoon, pregnancy and breastfeeding flags, check-in reminder",
)
def profile_get(request: HttpRequest) -> Any:
    return profile_out(owner(request), selectors.profile_get(user=owner(request)))


@router.patch(
    "/profile",
    response={200: ProfileOut, **WRITE_ERRORS},
    summary="Change your time zone, country, teaspoon, pregnancy or breastfeeding flag, check-in reminder",
)
def profile_update(request: HttpRequest, payload: ProfilePatch) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    profile = services.profile_update(
        user=owner(request),
        timezone=changes.get("timezone"),
        teaspoon_grams=changes.get("teaspoon_grams", "unchanged"),
        pregnant=changes.get("pregnant"),
        breastfeeding=changes.get("breastfeeding"),
        country=changes.get("country"),
        checkin_reminder=changes.get("checkin_reminder", "unchanged"),
        region=changes.get("region"),
    )
    return profile_out(owner(request), profile)
