"""The checks a journal file must pass, without a database: record by record, then across records."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from speciosa.core import journal_checks as checks
from speciosa.core.errors import InvalidInput
from speciosa.core.journal_format import JournalDocument
from speciosa.demo.stories import CASE_STUDIES, synthetic_journal

NOW = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def dose(n: int, **values) -> dict:
    return {"uid": uid(n), "taken_at": "2026-03-01T08:00:00Z", "grams": 3, "amount": 3, **values}


def test_records_are_validated_one_by_one_so_every_bad_one_is_named_and_the_rest_are_kept():
    found = checks.validate_records(
        {
            "format": "speciosa-journal",
            "version": 1,
            "doses": [dose(1), dose(2, grams=-1), dose(3), dose(4, taken_at="yesterday")],
            "checkins": "not a list",
            "labs": [{"uid": uid(5)}],
        }
    )
    assert [e.field for e in found.errors] == [
        "doses[1].grams",
        "doses[3].taken_at",
        "checkins",
        "labs[0].taken_on",
        "labs[0].test",
        "labs[0].value",
        "labs[0].unit",
    ]
    assert [str(d.uid) for d in found.document.doses] == [uid(1), uid(3)]
    assert found.places["doses"] == [0, 2]


def test_a_wrong_format_or_an_unknown_list_is_named_too():
    found = checks.validate_records({"format": "other", "pills": []})
    assert {e.field for e in found.errors} == {"format", "pills"}


def test_problems_found_in_the_records_kept_are_named_by_their_place_in_the_file():
    found = checks.validate_records({"doses": [dose(1, grams=-1), dose(2, grams=200, amount=200, unit="mg")]})
    problems = checks.document_problems(found.document, now=NOW, products={}, places=found.places)
    assert [(e.field, e.message) for e in problems] == [
        ("doses[1].grams", "200 g contradicts the amount: 200 mg is 0.2 g")
    ]


def test_problems_are_reported_in_file_order_and_at_most_200():
    errors = [checks.FieldError(f"checkins[{i}].at", "x") for i in range(150)]
    errors += [checks.FieldError(f"doses[{i}].grams", "x") for i in range(150)]
    errors.append(checks.FieldError("profile.timezone", "x"))
    with pytest.raises(InvalidInput) as caught:
        checks.refuse(errors)
    places = [e.field for e in caught.value.errors]
    assert len(places) == checks.MAX_REPORTED_ERRORS == 200
    assert places[:3] == ["profile.timezone", "doses[0].grams", "doses[1].grams"]
    assert places[-1] == "checkins[48].at"


def test_a_file_alone_may_name_only_its_own_products():
    document = JournalDocument.model_validate(
        {
            "products": [{"uid": uid(9), "name": "Caps", "form": "capsules", "grams_per_capsule": 0.5}],
            "doses": [
                dose(1, unit="capsule", amount=6, product_uid=uid(9)),
                dose(2, unit="capsule", amount=6, grams=30, product_uid=uid(9)),
                dose(3, product_uid=uid(8)),
            ],
        }
    )
    with pytest.raises(InvalidInput) as caught:
        checks.check_file(document, now=NOW)
    assert [e.field for e in caught.value.errors] == ["doses[1].grams", "doses[2].product_uid"]


@pytest.mark.parametrize("case", CASE_STUDIES, ids=lambda case: case.key)
def test_every_demo_journal_passes_the_checks(case):
    document = JournalDocument.model_validate(case.journal(end=NOW))
    assert checks.check_file(document, now=NOW) is document


def test_the_benchmarks_synthetic_year_passes_the_checks():
    document = JournalDocument.model_validate(synthetic_journal(days=365, end=NOW))
    assert checks.document_problems(document, now=NOW, products=checks.own_products(document)) == []
