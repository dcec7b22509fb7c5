"""Pages and API reads only read: every GET in the URL conf and in the OpenAPI document runs no
INSERT, UPDATE or DELETE, whether the stored findings are current or a moment behind. (Findings are
stored by the journal's write path; `speciosa.journal.findings`.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from speciosa.journal import services
from tests.api.conftest import call
from tests.api.test_access import fill_path, operations
from tests.web.test_access import PAGES, url_kwargs
from tests.web.test_access import journal as journal  # the fixture: one of each of alice's things

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
#: Bookkeeping that is not the journal: a token's "last used" minute (at most one write a minute).
NOT_THE_JOURNAL = ("journal_apitoken",)


@contextmanager
def writes_recorded() -> Iterator[list[str]]:
    writes: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if WRITE.match(sql) and not any(table in sql for table in NOT_THE_JOURNAL):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield writes


@pytest.fixture(params=["stored findings current", "stored findings behind"])
def findings_state(request, alice, journal, frozen_now):
    if request.param == "stored findings behind":  # a second write a moment later leaves them behind
        services.dose_create(user=alice, amount=30, confirmed=True)
    return request.param


@pytest.mark.parametrize(("name", "arguments"), [p for p in PAGES if p[0] not in {"logout"}])
def test_no_page_writes_on_get(alice_client, journal, findings_state, name, arguments):
    url = reverse(f"web:{name}", kwargs=url_kwargs(name, arguments, journal))
    with writes_recorded() as writes:
        response = alice_client.get(url)
    assert response.status_code < 500
    assert writes == [], f"GET {url} wrote: {writes}"


def test_no_api_read_writes(alice_client, journal, findings_state):
    document = alice_client.get("/api/v1/openapi.json").json()
    api_journal = _ApiJournal(journal)
    for method, path, _operation in operations(document):
        if method != "get":
            continue
        url = fill_path(path, api_journal)  # type: ignore[arg-type]
        with writes_recorded() as writes:
            response = call(alice_client, "get", url.removeprefix("/api/v1"))
        assert response.status_code < 500, url
        assert writes == [], f"GET {url} wrote: {writes}"


class _ApiJournal:
    """The web test's objects, as the API walk asks for them."""

    def __init__(self, objects: dict[str, Any]) -> None:
        self.objects = objects
        self.token = objects["token"]

    def entry(self, resource: str) -> Any:
        return self.objects[
            {"lab-results": "labs", "checkins": "checkins", "taper": "tapers"}.get(resource, resource)
        ]
