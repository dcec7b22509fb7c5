"""Invitations (Settings → Invite someone): make a single-use link that lets one person create an
account, even while sign-up is closed; see and withdraw the ones you made."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from speciosa.core.errors import InvalidInput, NotFound
from speciosa.journal import accounts
from speciosa.journal.services import utcnow
from speciosa.web.forms import InvitationForm
from speciosa.web.shortcuts import add_errors


@require_http_methods(["GET", "POST"])
def invitations_page(request: HttpRequest) -> HttpResponse:
    """The invitations you made; POST makes one and shows its link, on this response only."""
    blank = InvitationForm(initial={"days": settings.INVITATION_DAYS})
    form, new_link, status = blank, None, 200
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                new = accounts.invitation_create(user=request.user, days=form.cleaned_data["days"])
            except InvalidInput as error:
                add_errors(form, error)
            else:
                form, new_link = (
                    blank,
                    accounts.invitation_link(new.token, base=request.build_absolute_uri("/")),
                )
        status = 200 if new_link else 400
    now = utcnow()
    context = {
        "nav": "settings",
        "form": form,
        "new_link": new_link,
        "invitations": [(i, i.state(now)) for i in accounts.invitation_list(user=request.user)],
        "signup_open": accounts.signup_open(),
    }
    return render(request, "web/records/invitations.html", context, status=status)


@require_POST
def invitation_withdraw(request: HttpRequest, invitation_id: int) -> HttpResponse:
    try:
        accounts.invitation_withdraw(user=request.user, invitation_id=invitation_id)
    except NotFound:
        raise Http404("no such invitation") from None
    messages.success(request, "Withdrew the invitation: its link no longer works.")
    return redirect("web:invitations")
