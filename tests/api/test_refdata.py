"""/api/v1/refdata/...: the reference data as the refdata models hold it, every entry with its sources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from speciosa.refdata import (
    ACTION_LEVELS,
    SEVERITY_SCALE,
    dose_context,
    forms,
    interaction_classes,
    interactions_for,
    lab_limits,
    pharmacokinetics,
    red_flags,
    sources,
    strains,
    thresholds,
    time_courses,
    veins,
)
from tests.api.conftest import call, errors_of

#: Each endpoint, and the list of entries in its answer that must each cite a source.
ENDPOINTS = {
    "/refdata/dose-context": lambda body: body,
    "/refdata/time-courses": lambda body: list(body.values()),
    "/refdata/pharmacokinetics": lambda body: body,
    "/refdata/forms": lambda body: body,
    "/refdata/veins": lambda body: body["veins"] + body["strains"],
    "/refdata/red-flags": lambda body: body["red_flags"],
    "/refdata/interactions": lambda body: body["interaction_classes"] + body["severity_scale"],
    "/refdata/lab-limits": lambda body: [
        *body["heavy_metals"],
        *body["lead_reference_levels"],
        *body["microbial"],
        *body["seven_oh_weight_percent_flags"],
        body["seven_oh_share_of_alkaloids_max_percent"],
        body["seven_oh_mg_per_article_flag"],
        body["mitragynine_extract_percent"],
    ],
    "/refdata/thresholds": lambda body: list(body.values()),
    "/refdata/side-effects": lambda body: body,
}


def cited(value: Any) -> Iterator[str]:
    """Every source id named anywhere in an answer (`sources` lists and `source` fields)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and isinstance(item, list):
                yield from item
            elif key == "source" and isinstance(item, str):
                yield item
            else:
                yield from cited(item)
    elif isinstance(value, list):
        for item in value:
            yield from cited(item)


def dumped(models: Any) -> Any:
    """What the API answers for these refdata models (JSON, as pydantic writes it)."""
    if isinstance(models, dict):
        return {key: dumped(value) for key, value in models.items()}
    if isinstance(models, list | tuple):
        return [dumped(model) for model in models]
    return models.model_dump(mode="json")


@pytest.mark.parametrize("path", sorted(ENDPOINTS))
def test_every_entry_of_every_refdata_answer_cites_a_source_that_sources_lists(alice_client, path):
    known = {source["id"] for source in call(alice_client, "get", "/refdata/sources").json()}
    response = call(alice_client, "get", path)
    assert response.status_code == 200, response.content[:200]
    entries = ENDPOINTS[path](response.json())
    assert entries, path
    for entry in entries:
        assert entry["sources"], f"{path}: {entry} has no source"
    named = set(cited(response.json()))
    assert named and named <= known, f"{path} cites unknown sources {named - known}"


def test_sources_lists_every_source_with_its_citation_link_and_grade(alice_client):
    listed = call(alice_client, "get", "/refdata/sources").json()
    assert listed == dumped(list(sources().values()))
    for source in listed:
        assert source["citation"] and source["link"].startswith(("https://", "project:")), source["id"]
        assert source["grade"] in {"A", "B", "C", "D"}, source["id"]


def test_each_answer_is_the_refdata_models_as_they_are(alice_client):
    expected = {
        "/refdata/dose-context": dumped(dose_context()),
        "/refdata/time-courses": dumped(time_courses()),
        "/refdata/pharmacokinetics": dumped(pharmacokinetics()),
        "/refdata/forms": dumped(forms()),
        "/refdata/veins": {"veins": dumped(veins()), "strains": dumped(strains())},
        "/refdata/red-flags": {
            "action_levels": dumped(list(ACTION_LEVELS.values())),
            "red_flags": dumped(red_flags()),
        },
        "/refdata/lab-limits": dumped(lab_limits()),
        "/refdata/thresholds": dumped(thresholds()),
    }
    for path, body in expected.items():
        assert call(alice_client, "get", path).json() == body, path


def test_dose_context_keeps_each_source_apart(alice_client):
    contexts = call(alice_client, "get", "/refdata/dose-context").json()
    assert len({c["source"] for c in contexts}) == len(contexts) > 1
    assert all(c["applies_to"] == "plain leaf powder" for c in contexts)


def test_time_courses_cover_every_product_form_with_each_sources_own_figures(alice_client):
    courses = call(alice_client, "get", "/refdata/time-courses").json()
    assert {"powder", "capsules", "tea", "extract", "enhanced", "other"} <= set(courses)
    assert all(course["per_source"] for course in courses.values())


def test_interactions_list_every_class_and_the_severity_scale_worst_first(alice_client):
    answer = call(alice_client, "get", "/refdata/interactions").json()
    assert answer["name"] == ""
    assert answer["interaction_classes"] == dumped(interaction_classes())
    assert [level["code"] for level in answer["severity_scale"]] == [
        level.code for level in sorted(SEVERITY_SCALE.values(), key=lambda level: level.order)
    ]


@pytest.mark.parametrize("name", ["oxycodone", "Oxycodone 5 mg", "PERCOCET", "tramadol"])
def test_interactions_for_a_name_give_the_classes_it_belongs_to_worst_first(alice_client, name):
    answer = call(alice_client, "get", f"/refdata/interactions?name={quote(name)}").json()
    classes = answer["interaction_classes"]
    assert answer["name"] == name
    assert [c["id"] for c in classes] == [c.id for c in interactions_for(name)]
    assert classes and any("opioid" in c["id"] for c in classes), [c["id"] for c in classes]
    orders = [SEVERITY_SCALE[c["severity"]].order for c in classes]
    assert orders == sorted(orders)
    assert "worst first" in answer["message"]


def test_tramadol_belongs_to_more_than_one_class(alice_client):
    answer = call(alice_client, "get", "/refdata/interactions?name=tramadol").json()
    assert len(answer["interaction_classes"]) >= 2


def test_a_name_not_in_the_table_gives_no_class_and_says_to_ask_a_pharmacist(alice_client):
    answer = call(alice_client, "get", "/refdata/interactions?name=zqxv%20tablets").json()
    assert answer["interaction_classes"] == []
    assert (
        "not in speciosa's interaction table" in answer["message"] and "ask a pharmacist" in answer["message"]
    )
    assert answer["severity_scale"]


def test_an_overlong_name_is_refused_naming_the_field(alice_client):
    assert "name" in errors_of(call(alice_client, "get", f"/refdata/interactions?name={'a' * 201}"))


def test_nobody_signed_in_gets_401_from_the_reference_data(anonymous):
    for path in [*ENDPOINTS, "/refdata/sources"]:
        response = call(anonymous, "get", path)
        assert response.status_code == 401, path
        assert errors_of(response)


def test_a_typed_name_can_be_checked_before_saving(alice_client):
    answer = call(alice_client, "get", "/refdata/names?name=oxycodn%205mg").json()

    assert answer["needs_confirmation"] and answer["suggestions"] == ["oxycodone"]
    assert answer["read_as"] == "we read 'oxycodn' as oxycodone" and answer["classes"][0].startswith("Opioid")
    assert "did you mean oxycodone?" in answer["question"]
    plain = call(alice_client, "get", "/refdata/names?name=Gabapentin").json()
    assert not plain["needs_confirmation"] and plain["question"] == ""
