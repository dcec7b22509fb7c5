"""One error shape for every answer that is not a success: {"errors": [{"field", "message"}]}.

ApplicationError keeps its own status (400, 404, 409, 412, 413); validation errors from the schemas
are 400 with the field's place; a missing or wrong credential is 401; a missing object, or another
person's, is the same 404; too many unknown tokens from one address is 429 with Retry-After. A change
refused because the entry changed since the If-Match version (412) names If-Match and carries the
entry's current ETag.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from speciosa.core.errors import ApplicationError, FieldError, StaleEntry, TooManyAttempts
from speciosa.core.json_text import json_loads

UNAUTHENTICATED = "sign in, or send a personal access token as 'Authorization: Bearer spc_...'"
NOT_FOUND = "not found"


class CsrfFailed(HttpError):
    """A signed-in browser session sent an unsafe request without its CSRF token."""

    def __init__(self) -> None:
        super().__init__(
            403,
            "the CSRF token is missing or wrong: send the csrftoken cookie's value in the X-CSRFToken "
            "header, or use a personal access token",
        )


class JsonParser(Parser):
    """The default JSON parser, with an error that says where the JSON is broken or that it nests
    too deeply (speciosa.core.json_text)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        return json_loads(request.body, field="body")  # type: ignore[no-any-return]


def error_body(errors: Iterable[FieldError]) -> dict[str, list[dict[str, str]]]:
    return {"errors": [error.as_dict() for error in errors]}


def error_response(status: int, errors: Iterable[FieldError]) -> HttpResponse:
    """The error shape, for views outside ninja's operations (the OpenAPI document, unknown methods)."""
    response = HttpResponse(
        json.dumps(error_body(errors)), status=status, content_type="application/json; charset=utf-8"
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="speciosa"'
    return response


def place(loc: Iterable[Any]) -> str:
    """A pydantic location as a field place: ("body", "payload", "side_effects", 0, "code") gives
    `side_effects.0.code`.

    The first item names where the value came from (body, query, path, file); for the body, the
    second is the operation's parameter name, which a caller never sees.
    """
    parts = list(loc)
    source = parts.pop(0) if parts else ""
    if source == "body" and parts:
        parts.pop(0)
    return ".".join(str(part) for part in parts) or str(source)


def validation_errors(items: Iterable[dict[str, Any]]) -> list[FieldError]:
    found = []
    for item in items:
        message = str(item.get("msg", "is not valid")).removeprefix("Value error, ")
        found.append(FieldError(place(item.get("loc", ())), message))
    return found


def install(api: NinjaAPI) -> None:
    """Map every exception an operation can raise to the one error shape."""

    def respond(request: HttpRequest, status: int, errors: Iterable[FieldError]) -> HttpResponse:
        response = api.create_response(request, error_body(errors), status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="speciosa"'
        return response

    def on_application_error(request: HttpRequest, error: ApplicationError) -> HttpResponse:
        if isinstance(error, StaleEntry):  # the API's version is the If-Match header
            errors = [FieldError("If-Match", e.message) for e in error.errors]
            response = respond(request, error.status, errors)
            response["ETag"] = f'"{error.current_version}"'
            return response
        response = respond(request, error.status, error.errors)
        if isinstance(error, TooManyAttempts):
            response["Retry-After"] = str(error.retry_after_seconds)
        return response

    def on_validation_error(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
        return respond(request, 400, validation_errors(error.errors))

    def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        if isinstance(error.__cause__, ApplicationError):  # the body parser's own error, wrapped by ninja
            return on_application_error(request, error.__cause__)
        if isinstance(error, AuthenticationError):
            message = UNAUTHENTICATED if error.message == "Unauthorized" else error.message
            return respond(request, 401, [FieldError("", message)])
        if isinstance(error, CsrfFailed):
            return respond(request, 403, [FieldError("X-CSRFToken", error.message)])
        return respond(request, error.status_code, [FieldError("", error.message)])

    def on_not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return respond(request, 404, [FieldError("", NOT_FOUND)])

    api.add_exception_handler(ApplicationError, on_application_error)  # type: ignore[arg-type]
    api.add_exception_handler(NinjaValidationError, on_validation_error)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, on_http_error)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, on_not_found)  # type: ignore[arg-type]
