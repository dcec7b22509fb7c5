"""Check in: pain now, the PEG-3 items, sleep, mood, energy, side effects and a note.

The serious signs show the reference data's red flags with what to do, per action level. A saved,
changed or deleted check-in assesses the journal again, so a red flag shows above every page at once.
An edit of a check-in that changed elsewhere meanwhile saves nothing and shows it as it is now.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from speciosa.core.errors import InvalidInput, StaleEntry
from speciosa.journal import entries as m
from speciosa.journal import services
from speciosa.web.forms import CheckInForm, checkin_initial
from speciosa.web.forms.fields import local_minute, same_wall_time
from speciosa.web.presenters.findings_display import red_flag_levels
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
from speciosa.web.templatetags.journal_tags import entry_summary
from speciosa.web.views.journal_delete import delete_entry


def _render(
    request: HttpRequest,
    form: CheckInForm,
    checkin: m.CheckIn | None,
    *,
    version: int | None = None,
    conflict: str = "",
) -> HttpResponse:
    context = {
        "form": form,
        "checkin": checkin,
        "version": checkin.version if checkin and version is None else version,
        "changed_elsewhere": conflict,
        "next": next_url(request),
        "red_flag_levels": red_flag_levels(),
    }
    return render(request, "web/journal/checkin_form.html", context)


def checkin_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, CheckInForm(initial={"at": local_minute(timezone.now())}), None)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _render(request, form, None)
    try:
        checkin = services.entry_create(
            user=request.user,
            kind="checkins",
            values=form.service_values(now=timezone.now()),
            uid=posted_uid(request),  # a second tap of the same form finds the check-in stored
        )
    except InvalidInput as error:
        add_errors(form, error)
        return _render(request, form, None)
    success_with_undo(request, f"Checked in: {entry_summary('checkins', checkin)}.")
    return go_next(request)


def checkin_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    checkin = owned_or_404(request, "checkins", uid)
    assert isinstance(checkin, m.CheckIn)
    initial = checkin_initial(checkin)
    if request.method != "POST":
        return _render(request, CheckInForm(initial=initial), checkin)
    version = posted_version(request)  # the check-in as the form was filled from it
    form = CheckInForm(request.POST, initial=initial)
    if not form.is_valid():
        return _render(request, form, checkin, version=version)
    if not form.has_changed():
        messages.info(request, "Nothing changed.")
        return go_next(request)
    values = form.service_values(now=timezone.now())
    if form.cleaned_data.get("at") is None or same_wall_time(form.cleaned_data["at"], checkin.at):
        values["at"] = checkin.at  # an untouched time keeps its seconds
    try:
        services.entry_update(
            user=request.user, kind="checkins", uid=checkin.uid, values=values, expected_version=version
        )
    except StaleEntry:
        checkin = owned_or_404(request, "checkins", uid)
        assert isinstance(checkin, m.CheckIn)
        form = CheckInForm(initial=checkin_initial(checkin))
        return _render(request, form, checkin, conflict=changed_elsewhere("check-in"))
    except InvalidInput as error:
        add_errors(form, error)
        return _render(request, form, checkin, version=version)
    checkin.refresh_from_db()
    success_with_undo(request, f"Saved the check-in: {entry_summary('checkins', checkin)}.")
    return go_next(request)


def checkin_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    return delete_entry(request, kind="checkins", uid=uid)  # the service assesses a check-in's change
