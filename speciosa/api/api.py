"""The one NinjaAPI of /api/v1: its authentication, its error shape and its routers.

Every operation needs a signed-in session (with CSRF on unsafe methods) or a personal access token,
except GET /health. The OpenAPI document is at /api/v1/openapi.json and interactive docs at
/api/v1/docs; both need a signed-in person, and the docs load only this server's own files.
"""

from ninja import NinjaAPI, Swagger
from ninja.operation import Operation

from speciosa.api import (
    changes,
    checkins,
    claims,
    doses,
    errors,
    experiments,
    faq,
    findings,
    guide,
    health,
    insights,
    invitations,
    labs,
    legal,
    medications,
    overview,
    products,
    profile,
    refdata,
    reports,
    search,
    selfchecks,
    share_links,
    substances,
    taper,
    therapies,
    tokens,
    transfer,
)
from speciosa.api.auth import SessionAuth, TokenAuth, signed_in_or_401

DESCRIPTION = """\
The speciosa journal for programs. Sign in on the web pages (the session cookie works here, with the
CSRF token in an `X-CSRFToken` header on POST, PATCH and DELETE), or create a personal access token
(POST /tokens) and send it as `Authorization: Bearer spc_...`.

Every error has one shape: `{"errors": [{"field": "...", "message": "..."}]}`. An entry that is not
yours answers 404, exactly like one that does not exist.

speciosa is a journal, not medical advice: it records what you report and never calls a dose safe.
"""


class SpeciosaAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """Operation ids are the handlers' names (doses_create, today), stable across refactors."""
        return operation.view_func.__name__


api = SpeciosaAPI(
    title="speciosa",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[TokenAuth(), SessionAuth()],
    parser=errors.JsonParser(),
    # validatorUrl None: Swagger UI would otherwise load a badge from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_decorator=signed_in_or_401,
)
errors.install(api)

api.add_router("", health.router)
api.add_router("/doses", doses.router)
api.add_router("/products", products.router)
api.add_router("/checkins", checkins.router)
api.add_router("/medications", medications.router)
api.add_router("/substances", substances.router)
api.add_router("/therapies", therapies.router)
api.add_router("/labs", labs.router)
api.add_router("", overview.router)
api.add_router("", profile.router)
api.add_router("", changes.router)
api.add_router("", transfer.router)
api.add_router("", tokens.router)
api.add_router("", invitations.router)
api.add_router("", refdata.router)
api.add_router("", findings.router)
api.add_router("", insights.router)
api.add_router("", experiments.router)
api.add_router("", taper.router)
api.add_router("", selfchecks.router)
api.add_router("", reports.router)
api.add_router("", share_links.router)
api.add_router("", guide.router)
api.add_router("", faq.router)
api.add_router("", claims.router)
api.add_router("", legal.router)
api.add_router("", search.router)
