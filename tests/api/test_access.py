"""Nobody but alice reads or changes alice's journal through the API.

The operations come from the OpenAPI document the server serves, so a new endpoint is walked here
without editing this file. Path parameters are filled with alice's real objects (one of each kind,
and her token); a parameter this test does not know fails the test until it is taught how to fill
it. Request bodies are built from the document's schemas, valid enough to reach the handler.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from speciosa.journal import services
from tests.api.conftest import Journal, call, errors_of, journal_snapshot

NOTE = "bob was here"
#: Path parameters that name one of the owner's objects: anyone else must get 404 for them.
OWNED = {"uid", "token_id", "link_id"}
PUBLIC = {("get", "/api/v1/health")}


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = [
        (method, path, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    # Reads first and deletions last, so alice's own walk reads her objects before changing them.
    return sorted(found, key=lambda op: (op[0] != "get", op[0] == "delete", op[1], op[0]))


def path_parameters(path: str) -> list[str]:
    return [part.split("}")[0] for part in path.split("{")[1:]]


def fill_path(path: str, journal: Journal) -> str:
    """`path` with each parameter replaced by one of alice's objects."""
    resource = path.removeprefix("/api/v1/").split("/")[0]
    for name in path_parameters(path):
        if name == "uid":
            value = str(journal.entry(resource).uid)
        elif name == "token_id":
            value = str(journal.token.id)
        elif name == "link_id":
            value = str(journal.share_link.id)
        elif name == "invitation_id":
            value = str(journal.invitation.id)
        elif name == "kind":
            value = "doses"
        elif name == "instrument":
            value = "sows"
        elif name == "exporter_id":
            value = "csv-doses"
        elif name == "topic":
            value = "interactions"
        else:
            pytest.fail(
                f"{path} has a path parameter {name!r} this test cannot fill; teach fill_path about it"
            )
        path = path.replace(f"{{{name}}}", value)
    return path


def resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def sample(schema: dict[str, Any], document: dict[str, Any]) -> Any:
    """A small value that the schema accepts: required fields only, plus a note when there is one."""
    schema = resolve(schema, document)
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        return sample(options[0], document)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        body = {name: sample(properties[name], document) for name in schema.get("required", [])}
        if "note" in properties:
            body["note"] = NOTE
        return body
    if kind == "string":
        return {"date-time": "2026-03-07T14:00:00Z", "date": "2026-03-06", "uuid": str(uuid.uuid4())}.get(
            schema.get("format", ""), "bob"
        )
    if kind in {"integer", "number"}:
        return 1
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    return None


def send(client: Any, method: str, path: str, operation: dict[str, Any], document: dict[str, Any]) -> Any:
    content = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        return client.post(path, {"file": SimpleUploadedFile("journal.json", b"{}")})
    if "application/json" in content:
        return call(client, method, path, sample(content["application/json"]["schema"], document))
    return call(client, method, path)


@pytest.fixture
def document(alice_client) -> dict[str, Any]:
    response = alice_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def bobs_own_entry(bob, frozen_now):
    return services.dose_create(user=bob, amount=2, note="bob's own dose")


def test_the_walk_covers_every_resource_and_only_the_health_check_is_public(document):
    walked = operations(document)
    assert len(walked) >= 45
    resources = {path.removeprefix("/api/v1/").split("/")[0] for _, path, _ in walked}
    assert {"doses", "products", "checkins", "medications", "substances", "therapies", "labs"} <= resources
    assert {
        "today",
        "history",
        "trends",
        "profile",
        "changes",
        "export",
        "import",
        "tokens",
        "refdata",
        "taper",
        "selfchecks",
    } <= resources
    public = {(method, path) for method, path, operation in walked if not operation.get("security")}
    assert public == PUBLIC


def test_nobody_signed_in_gets_401_from_every_operation_but_health(alice_journal, anonymous, document):
    before = journal_snapshot(alice_journal.token.user)
    for method, path, operation in operations(document):
        if (method, path) in PUBLIC:
            continue
        response = send(anonymous, method, fill_path(path, alice_journal), operation, document)
        assert response.status_code == 401, f"{method.upper()} {path}: {response.status_code}"
        assert errors_of(response)
        assert not any(secret in response.getvalue().decode() for secret in alice_journal.secrets)
    assert journal_snapshot(alice_journal.token.user) == before


def test_bob_gets_404_for_alices_objects_and_never_sees_her_data(
    alice_journal, bob_client, bobs_own_entry, document
):
    alice = alice_journal.token.user
    before = journal_snapshot(alice)
    for method, path, operation in operations(document):
        response = send(bob_client, method, fill_path(path, alice_journal), operation, document)
        where = f"{method.upper()} {path}: {response.status_code} {response.getvalue()[:200]!r}"
        if OWNED & set(path_parameters(path)):
            assert response.status_code == 404, where
            assert errors_of(response), where
        else:
            assert response.status_code < 500, where
        body = response.getvalue().decode()
        leaked = [secret for secret in alice_journal.secrets if secret in body]
        assert not leaked, f"{where} shows alice's {leaked}"
    assert journal_snapshot(alice) == before


def test_a_missing_object_and_another_persons_object_get_the_same_answer(alice_journal, bob_client, document):
    for method, path, operation in operations(document):
        if "uid" not in path_parameters(path):
            continue
        theirs = send(bob_client, method, fill_path(path, alice_journal), operation, document)
        missing = send(bob_client, method, path.replace("{uid}", str(uuid.uuid4())), operation, document)
        assert (theirs.status_code, theirs.json()) == (missing.status_code, missing.json()), (
            f"{method} {path}"
        )


def test_alice_gets_an_answer_without_a_server_error_from_every_operation(
    alice_journal, alice_client, document
):
    for method, path, operation in operations(document):
        response = send(alice_client, method, fill_path(path, alice_journal), operation, document)
        assert response.status_code < 500, f"{method.upper()} {path}: {response.status_code}"
        if method == "get" and OWNED & set(path_parameters(path)):
            assert response.status_code == 200, f"GET {path}: {response.getvalue()[:200]!r}"
