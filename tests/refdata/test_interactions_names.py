"""Names people write on a medication list find the right interaction classes."""

import pytest

from speciosa.refdata import interactions_for


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tylenol #3", "opioids"),
        ("Mucinex DM", "cyp2d6_substrates"),
        ("Narcan nasal spray", "naloxone"),
    ],
)
def test_combination_and_brand_names_find_their_class(name, expected):
    assert expected in [c.id for c in interactions_for(name)]


def test_vinegar_is_not_alcohol():
    assert interactions_for("red wine vinegar") == []
    assert [c.id for c in interactions_for("red wine")] == ["alcohol"]


def test_naloxone_is_information_not_a_warning():
    [naloxone] = interactions_for("naloxone")
    assert naloxone.severity == "low_risk" and "keep it at hand" in naloxone.what_to_do.lower()
