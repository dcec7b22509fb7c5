"""/api/v1/: the API's URL patterns, answering in JSON whoever calls.

The site requires sign-in everywhere (LoginRequiredMiddleware redirects to the login page); the API
does its own authentication and answers 401 instead, so its views are marked login_not_required.
The interactive docs page stays behind the login page, since a person reads it in a browser.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path

from speciosa.api.api import api
from speciosa.api.errors import NOT_FOUND, error_response
from speciosa.core.errors import FieldError

DOCS_PAGE = "openapi-view"


def answering_json(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`view`, with the two answers ninja gives outside its operations in the error shape too."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return error_response(404, [FieldError("", NOT_FOUND)])
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allowed = response.get("Allow", "")
            answer = error_response(
                405, [FieldError("", f"{request.method} is not allowed here; use {allowed}")]
            )
            answer["Allow"] = allowed
            return answer
        return response

    return wrapped


def api_patterns() -> list[Any]:
    patterns, _app_name, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name != DOCS_PAGE:
            pattern.callback = login_not_required(answering_json(pattern.callback))
    return patterns


urlpatterns = [path("", (api_patterns(), "ninja", api.urls_namespace))]
