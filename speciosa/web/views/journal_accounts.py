"""Accounts: sign up (open, or by invitation), sign in (throttled: docs/security.md), sign out, and the
public health check.

The first visit to a fresh install offers to create an account: while nobody has one (and sign-up
is open), the sign-in page sends people to sign-up. `/` needs a session, so it goes there too.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from speciosa.core.errors import InvalidInput, TooManyAttempts
from speciosa.journal import accounts, selectors
from speciosa.web.forms import SignupForm
from speciosa.web.shortcuts import add_errors


def nobody_signed_up() -> bool:
    return not selectors.accounts_exist()


SIGNUP_CLOSED_MESSAGE = (
    "Sign-up is closed on this server. Ask someone who has an account for an invitation link."
)


@login_not_required
def signup(request: HttpRequest, token: str | None = None) -> HttpResponse:
    """Sign-up: open sign-up (`/signup/`) or an invitation's link (`/join/<token>`), which works even
    while sign-up is closed and is used up by the account it creates."""
    if request.user.is_authenticated:
        return redirect("web:today")
    if token is None and not accounts.signup_open():
        messages.info(request, SIGNUP_CLOSED_MESSAGE)
        return redirect("web:login")
    if token is not None:
        try:
            accounts.invitation_check(token)
        except InvalidInput as error:
            return render(
                request, "web/journal/join_unusable.html", {"reason": error.errors[0].message}, status=410
            )
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.sign_up(
                request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                timezone=form.cleaned_data["timezone"],
                invitation=token,
            )
        except TooManyAttempts as error:
            return _too_many(request, error)
        except InvalidInput as error:
            add_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
            messages.success(request, f"Welcome, {user.get_username()}. Your journal is ready.")
            return redirect("web:today")
    context = {
        "form": form,
        "first_account": token is None and nobody_signed_up(),
        "invited": token is not None,
    }
    return render(request, "web/journal/signup.html", context)


def _too_many(request: HttpRequest, error: TooManyAttempts) -> HttpResponse:
    """The sign-in page, refusing for now (429): the same words whether or not the name has an account."""
    context = {"form": AuthenticationForm(request), "paused": error.errors[0].message, "signup_open": False}
    response = render(request, "web/journal/login.html", context, status=429)
    response["Retry-After"] = str(error.retry_after_seconds)
    return response


def sign_in_paused(request: HttpRequest, response: HttpResponse | None, credentials: object) -> HttpResponse:
    """django-axes's lockout response (AXES_LOCKOUT_CALLABLE): the sign-in page with a 429."""
    return _too_many(request, accounts.too_many_attempts())


@login_not_required
def login_page(request: HttpRequest) -> HttpResponseBase:
    open_ = accounts.signup_open()
    if open_ and nobody_signed_up():
        return redirect("web:signup")
    return LoginView.as_view(
        template_name="web/journal/login.html",
        redirect_authenticated_user=True,
        extra_context={"signup_open": open_},
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
