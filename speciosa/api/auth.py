"""Who is calling: a personal access token (for programs) or the browser's session (for the pages).

A session is trusted on unsafe methods only with its CSRF token; a token needs none, since a
browser never sends it by itself. A token that is sent but unknown or revoked is refused outright
rather than falling back to the session, so a program learns at once that its token is dead; each
one counts against its address, which is answered 429 for a while once it has sent too many
(speciosa.journal.sign_in_throttle).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from speciosa.api.errors import UNAUTHENTICATED, CsrfFailed, error_response
from speciosa.core.errors import FieldError, TooManyAttempts
from speciosa.journal import sign_in_throttle
from speciosa.journal.accounts import too_many_attempts
from speciosa.journal.selectors import token_user
from speciosa.journal.services import token_note_use


class TokenAuth(HttpBearer):
    """`Authorization: Bearer spc_...` with a personal access token from POST /tokens."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if sign_in_throttle.paused(request):
            raise too_many_attempts()
        found = token_user(raw=token.strip())
        if found is None:
            sign_in_throttle.note_failure(request)
            raise AuthenticationError(401, "the access token is unknown or revoked")
        user, api_token = found
        token_note_use(token=api_token)
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods need the CSRF token (X-CSRFToken header)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise CsrfFailed()
        return user


def owner(request: HttpRequest) -> Any:
    """The person an operation acts for: the one TokenAuth or SessionAuth found."""
    return request.auth  # type: ignore[attr-defined]


def caller(request: HttpRequest) -> Any:
    """The signed-in person or token owner, or None (for views outside ninja's operations)."""
    try:
        return TokenAuth()(request) or SessionAuth()(request)
    except (AuthenticationError, CsrfFailed, TooManyAttempts):
        return None


def signed_in_or_401(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve `view` (the OpenAPI document) only to a signed-in person or a token."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if caller(request) is None:
            return error_response(401, [FieldError("", UNAUTHENTICATED)])
        return view(request, *args, **kwargs)

    return guarded
