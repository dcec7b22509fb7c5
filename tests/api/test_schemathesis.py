"""Every operation of /api/v1 answers as its OpenAPI document says, for data schemathesis makes up.

schemathesis takes the document GET /api/v1/openapi.json serves, then sends each operation valid and
invalid requests made from it through the app's WSGI entry point, on the test database, signed in
with a personal access token of alice's (who has one entry of each kind). Each answer must not be a
server error, must have a status, a content type and a body the document lists for it, and a request
the document calls invalid must be refused. A valid one may still be refused (400) by a rule of the
journal's that no schema can hold (a time in the future, a product that is not yours, `first` after
`last`), so positive_data_acceptance is not among the checks.
SPECIOSA_SCHEMATHESIS_EXAMPLES sets how many requests each operation gets (docs/api.md).
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import load_all_checks, not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from speciosa.api.api import api
from speciosa.journal import services
from speciosa.wsgi import application

load_all_checks()

#: Requests per operation; the default keeps the whole run near a minute on two cores.
EXAMPLES = int(os.environ.get("SPECIOSA_SCHEMATHESIS_EXAMPLES", "8"))

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"mode": "all", "deterministic": True, "max-examples": EXAMPLES},
        # POST /claims/check answers a text over its limit 413, as documented, rather than 400.
        "checks": {"negative_data_rejection": {"expected-statuses": [400, 401, 403, 404, 405, 409, 413]}},
    }
)


@pytest.fixture
def served_in_tests():
    """The WSGI app on the test's own database connection: Django would otherwise close it after
    each request, inside the test's transaction (its test client disconnects the same signals)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(alice_journal) -> dict[str, str]:
    _, raw = services.token_create(user=alice_journal.token.user, name="schemathesis")
    return {"Authorization": f"Bearer {raw}"}


def served_document() -> dict:
    """The OpenAPI document exactly as GET /api/v1/openapi.json serves it (the same call makes both)."""
    return json.loads(json.dumps(api.get_openapi_schema()))


schema = schemathesis.openapi.from_dict(served_document(), config=CONFIG)
schema.app = application


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_answers_as_its_schema_says(case, served_in_tests, bearer):
    case.call_and_validate(headers=bearer, checks=CHECKS)


def test_the_document_states_bounds_in_json_schema_words():
    """pydantic writes a bound it cannot place as its own word (`gt`), which no client reads."""
    document = json.dumps(served_document())
    assert [word for word in ('"gt"', '"ge"', '"lt"', '"le"', '"max_length"') if word in document] == []
    assert '"exclusiveMinimum": 0' in document and '"pattern": "^[^\\\\x00]*$"' in document
