"""Accounts: sign up, sign in, sign out, and the public health check.

The first visit to a fresh install offers to create an account: while nobody has one (and sign-up
is open), the sign-in page sends people to sign-up. `/` needs a session, so it goes there too.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView, LogoutView
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from speciosa.core.errors import InvalidInput
from speciosa.journal import selectors, services
from speciosa.web.forms import SignupForm
from speciosa.web.shortcuts import add_errors


def nobody_signed_up() -> bool:
    return not selectors.accounts_exist()


@login_not_required
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:today")
    if not settings.SIGNUP_OPEN:
        messages.info(request, "Sign-up is closed on this server. Ask the person who runs it for an account.")
        return redirect("web:login")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_create(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                timezone=form.cleaned_data["timezone"],
            )
        except InvalidInput as error:
            add_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
            messages.success(request, f"Welcome, {user.get_username()}. Your journal is ready.")
            return redirect("web:today")
    first = nobody_signed_up()
    return render(request, "web/journal/signup.html", {"form": form, "first_account": first})


@login_not_required
def login_page(request: HttpRequest) -> HttpResponseBase:
    if settings.SIGNUP_OPEN and nobody_signed_up():
        return redirect("web:signup")
    return LoginView.as_view(
        template_name="web/journal/login.html",
        redirect_authenticated_user=True,
        extra_context={"signup_open": settings.SIGNUP_OPEN},
    )(request)


class SignOutView(LogoutView):
    """Signs out (POST only) and says so on the sign-in page it leads to."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response


logout_page = SignOutView.as_view()


@login_not_required
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Public: {"status": "ok"} once the database has answered a query."""
    try:
        selectors.accounts_exist()
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
