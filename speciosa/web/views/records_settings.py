"""Settings: time zone, country and check-in reminder, teaspoon calibration, the pregnancy flag and personal
access tokens for programs."""

from __future__ import annotations

from typing import Any

import pydantic
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from speciosa.core.errors import ApplicationError, NotFound
from speciosa.core.units import ASSUMED_TEASPOON_GRAMS, TEASPOON_SOURCE
from speciosa.journal import selectors, services
from speciosa.journal.records import field_errors
from speciosa.web.forms import PregnancyForm, TeaspoonForm, TimeZoneForm, TokenForm
from speciosa.web.shortcuts import add_errors


def _page(request: HttpRequest, status: int = 200, **forms: Any) -> HttpResponse:
    profile = selectors.profile_get(user=request.user)
    context = {
        "nav": "settings",
        "profile": profile,
        "zone_form": forms.get("zone_form")
        or TimeZoneForm(
            current=profile.timezone,
            country=profile.country,
            reminder=profile.checkin_reminder,
            region=profile.region,
        ),
        "teaspoon_form": forms.get("teaspoon_form")
        or TeaspoonForm(initial={"teaspoon_grams": profile.teaspoon_grams}),
        "pregnancy_form": PregnancyForm(
            initial={"pregnant": profile.pregnant, "breastfeeding": profile.breastfeeding}
        ),
        "token_form": forms.get("token_form") or TokenForm(),
        "tokens": selectors.token_list(user=request.user),
        "new_token": forms.get("new_token"),
        "assumed_teaspoon": ASSUMED_TEASPOON_GRAMS,
        "teaspoon_source": TEASPOON_SOURCE,
    }
    return render(request, "web/records/settings.html", context, status=status)


@require_GET
def settings_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
def timezone_save(request: HttpRequest) -> HttpResponse:
    """Save the time zone and (when the form sent them) the country of the emergency numbers and the
    check-in reminder's time (empty: no reminder)."""
    profile = selectors.profile_get(user=request.user)
    form = TimeZoneForm(request.POST, current=profile.timezone, country=profile.country)
    if form.is_valid():
        country = form.cleaned_data["country"] if "country" in request.POST else None
        region = form.cleaned_data["region"] if "region" in request.POST else None
        reminder = (
            form.cleaned_data["checkin_reminder"] if "checkin_reminder" in request.POST else "unchanged"
        )
        try:
            services.profile_update(
                user=request.user,
                timezone=form.cleaned_data["timezone"],
                country=country,
                checkin_reminder=reminder,
                region=region,
            )
        except ApplicationError as error:
            add_errors(form, error)
        else:
            saved = f"Your time zone is now {form.cleaned_data['timezone']}"
            if country:
                saved += f", and your country {dict(form.fields['country'].choices)[country]}"  # type: ignore[attr-defined]
            messages.success(request, saved + ".")
            return redirect("web:settings")
    return _page(request, status=400, zone_form=form)


@require_POST
def teaspoon_save(request: HttpRequest) -> HttpResponse:
    """Save the weighed teaspoon, or (clear, or an empty field) go back to the assumed figure."""
    clearing = "clear" in request.POST
    form = TeaspoonForm({} if clearing else request.POST)
    if form.is_valid():
        grams = None if clearing else form.cleaned_data["teaspoon_grams"]
        try:
            services.profile_update(user=request.user, teaspoon_grams=grams)
        except ApplicationError as error:
            add_errors(form, error)
        except pydantic.ValidationError as error:
            for item in field_errors(error):
                form.add_error("teaspoon_grams", item.message)
        else:
            if grams is None:
                messages.success(
                    request, f"Teaspoons are converted with the assumed {ASSUMED_TEASPOON_GRAMS:g} g again."
                )
            else:
                messages.success(request, f"One level teaspoon of your powder is now {grams:g} g.")
            return redirect("web:settings")
    return _page(request, status=400, teaspoon_form=form)


@require_POST
def pregnancy_save(request: HttpRequest) -> HttpResponse:
    """Turn the pregnancy and breastfeeding flags on or off; the standing warnings follow at once."""
    form = PregnancyForm(request.POST)
    form.is_valid()  # checkboxes: absent means off, so the form is always valid
    pregnant = bool(form.cleaned_data.get("pregnant"))
    breastfeeding = bool(form.cleaned_data.get("breastfeeding"))
    services.profile_update(user=request.user, pregnant=pregnant, breastfeeding=breastfeeding)
    flags = [
        words
        for on, words in ((pregnant, "pregnant or may become pregnant"), (breastfeeding, "breastfeeding"))
        if on
    ]
    if flags:
        messages.success(request, f"Saved: you are {' and '.join(flags)}. See the warning on Findings.")
    else:
        messages.success(request, "Saved: the pregnancy and breastfeeding flags are off.")
    return redirect("web:settings")


@never_cache
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Create a token and show it once, on this response only; it is never stored in clear."""
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = services.token_create(user=request.user, name=form.cleaned_data["name"])
        except ApplicationError as error:
            add_errors(form, error)
        else:
            return _page(request, new_token={"token": token, "raw": raw})
    return _page(request, status=400, token_form=form)


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = services.token_revoke(user=request.user, token_id=token_id)
    except NotFound:
        raise Http404("no such token") from None
    messages.success(request, f"Revoked the token “{token.name}”. Programs using it can no longer sign in.")
    return redirect("web:settings")
