"""Log, edit and delete a dose. Bad input re-renders the form with the problem on its field, and
stores nothing; over 100 g asks to confirm; over 250 g, or in the future, is refused.

Before saving, the form shows the dose among the sources' bands, against the person's usual amount,
and the findings it would raise: as the person types (htmx posts the form to `dose_preview`), or with
the "Check this dose" button without JavaScript (the same form, `check` set, stores nothing).

The edit form carries the version of the dose it was filled from: if the dose changed elsewhere
meanwhile, nothing is saved and the form comes back filled from the dose as it is now, saying so."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from speciosa.core.errors import ConfirmationRequired, InvalidInput, StaleEntry
from speciosa.core.limits import CONFIRM_DOSE_GRAMS, MAX_DOSE_GRAMS
from speciosa.core.units import ASSUMED_TEASPOON_GRAMS, TEASPOON_SOURCE
from speciosa.journal import entries as m
from speciosa.journal import selectors, services
from speciosa.web.forms import DoseForm, dose_initial
from speciosa.web.presenters.dose_preview import DosePreview, preview_for
from speciosa.web.shortcuts import (
    add_errors,
    changed_elsewhere,
    go_next,
    next_url,
    owned_or_404,
    posted_uid,
    posted_version,
    success_with_undo,
)
from speciosa.web.templatetags.journal_tags import entry_summary, number
from speciosa.web.views.journal_delete import delete_entry


def _grams_to_confirm(request: HttpRequest, form: DoseForm) -> str:
    """The grams a too-large dose comes to, for the "Yes, log N g" button."""
    values = form.service_values()
    conversion, _ = services.dose_convert(
        user=request.user,
        amount=values["amount"],
        unit=values["unit"],
        product_uid=values["product_uid"],
        tea_grams=values["tea_grams"],
        tea_ml=values["tea_ml"],
    )
    return number(conversion.grams)


def _when_text(form: DoseForm) -> str:
    """The dose's time as the collapsed "More details" names it ("now", "10:05", "Fri 6 Mar, 22:40")."""
    value = form["taken_at"].value()
    if not value:
        return "now"
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    same_day = moment.date() == timezone.localdate()
    return date_format(moment, "H:i" if same_day else "D j M, H:i")


def _render(
    request: HttpRequest,
    form: DoseForm,
    *,
    dose: m.Dose | None,
    confirm_grams: str = "",
    preview: DosePreview | None = None,
    version: int | None = None,
    conflict: str = "",
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "dose": dose,
        "version": dose.version if dose and version is None else version,
        "changed_elsewhere": conflict,
        "confirm_grams": confirm_grams,
        "preview": preview,
        "when": _when_text(form),
        "teaspoon_grams": selectors.profile_get(user=request.user).teaspoon_grams,
        "assumed_teaspoon_grams": number(ASSUMED_TEASPOON_GRAMS),
        "teaspoon_source": TEASPOON_SOURCE,
        "confirm_limit": number(CONFIRM_DOSE_GRAMS),
        "max_limit": number(MAX_DOSE_GRAMS),
        "next": next_url(request),
    }
    return render(request, "web/journal/dose_form.html", context)


def _try(
    request: HttpRequest, form: DoseForm, write: Any, *, dose: m.Dose | None, version: int | None = None
) -> HttpResponse | None:
    """Run a write; on a problem, the form again with it shown (None means it was stored)."""
    try:
        write()
    except ConfirmationRequired as error:
        grams = _grams_to_confirm(request, form)  # before add_errors takes the amount out of cleaned_data
        add_errors(form, error)
        return _render(request, form, dose=dose, confirm_grams=grams, version=version)
    except InvalidInput as error:
        add_errors(form, error)
        return _render(request, form, dose=dose, version=version)
    except StaleEntry:
        assert dose is not None
        stored = owned_or_404(request, "doses", dose.uid)
        return _dose_form(request, stored, conflict=changed_elsewhere("dose"))
    return None


def _dose_form(request: HttpRequest, dose: m.Entry, *, conflict: str = "") -> HttpResponse:
    """The edit form filled from the dose as stored."""
    assert isinstance(dose, m.Dose)
    products = list(selectors.product_list(user=request.user))
    if dose.product and dose.product not in products:
        products.append(dose.product)
    form = DoseForm(initial=dose_initial(dose), products=products)
    return _render(request, form, dose=dose, conflict=conflict)


def dose_new(request: HttpRequest) -> HttpResponse:
    products = list(selectors.product_list(user=request.user))
    if request.method != "POST":
        initial: dict[str, Any] = {
            name: request.GET[name] for name in ("amount", "unit", "product") if request.GET.get(name)
        }
        form = DoseForm(initial=initial, products=products)
        form.fields["amount"].widget.attrs["autofocus"] = True  # the one thing to type: no Tabs to reach it
        return _render(request, form, dose=None)
    form = DoseForm(request.POST, products=products)
    if "check" in request.POST:
        return _render(request, form, dose=None, preview=preview_for(user=request.user, form=form))
    if not form.is_valid():
        return _render(request, form, dose=None)
    created: list[m.Dose] = []

    def write() -> None:
        created.append(
            services.dose_create(
                user=request.user,
                confirmed=form.cleaned_data["confirmed"],
                uid=posted_uid(request),  # a second tap of the same form finds the dose stored
                **form.service_values(),
            )
        )

    if problem := _try(request, form, write, dose=None):
        return problem
    dose = created[0]
    logged_at = date_format(timezone.localtime(dose.taken_at), "H:i")
    success_with_undo(request, f"Logged {entry_summary('doses', dose)} at {logged_at}.")
    return go_next(request)


def dose_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    dose = owned_or_404(request, "doses", uid)
    assert isinstance(dose, m.Dose)
    if request.method != "POST":
        return _dose_form(request, dose)
    products = list(selectors.product_list(user=request.user))
    if dose.product and dose.product not in products:
        products.append(dose.product)
    version = posted_version(request)  # the dose as the form was filled from it
    form = DoseForm(request.POST, initial=dose_initial(dose), products=products)
    if "check" in request.POST:
        preview = preview_for(user=request.user, form=form, editing=dose.uid)
        return _render(request, form, dose=dose, preview=preview, version=version)
    if not form.is_valid():
        return _render(request, form, dose=dose, version=version)
    changes = form.changed_values(dose)
    if not changes:
        messages.info(request, "Nothing changed.")
        return go_next(request)

    def write() -> None:
        services.dose_update(
            user=request.user,
            uid=dose.uid,
            confirmed=form.cleaned_data["confirmed"],
            expected_version=version,
            **changes,
        )

    if problem := _try(request, form, write, dose=dose, version=version):
        return problem
    dose.refresh_from_db()
    success_with_undo(request, f"Saved the dose: {entry_summary('doses', dose)}.")
    return go_next(request)


def dose_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    response = delete_entry(request, kind="doses", uid=uid)
    if request.method == "POST" and response.status_code == 302:
        return go_next(request)
    return response


@require_POST
def dose_preview(request: HttpRequest) -> HttpResponse:
    """The preview partial for the dose form's current values (htmx swaps it in). Stores nothing."""
    products = list(selectors.product_list(user=request.user))
    editing = None
    if request.POST.get("editing"):
        dose = owned_or_404(request, "doses", request.POST["editing"])
        assert isinstance(dose, m.Dose)
        editing = dose.uid
        if dose.product and dose.product not in products:
            products.append(dose.product)
    form = DoseForm(request.POST, products=products)
    preview = preview_for(user=request.user, form=form, editing=editing)
    return render(request, "web/journal/_dose_preview.html", {"preview": preview})
