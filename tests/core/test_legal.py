"""Looking up a place: by code, name and locality, case and accent tolerant; unknown places say so."""

from __future__ import annotations

from speciosa.core.legal import NO_ENTRY, lookup, lookup_one, own_place, place_of


def titles(query: str) -> list[list[str]]:
    return [[e.code for e in answer.entries] for answer in lookup(query)]


def test_a_state_by_code_or_name_comes_with_federal():
    assert titles("AL") == [["AL", "US"]]
    assert titles("alabama") == [["AL", "US"]]
    assert titles("  LOUISIANA ") == [["LA", "US"]]
    assert titles("US-CA") == [["CA", "US"]]


def test_a_shared_code_names_the_state_and_the_country():
    assert titles("CA") == [["CA", "US"], ["CA"]]


def test_a_locality_comes_with_its_state_and_federal():
    assert titles("San Diego") == [["us-ca-san-diego", "CA", "US"]]
    assert titles("san diego, ca") == [["us-ca-san-diego", "CA", "US"]]
    assert titles("Kansas City, Missouri") == [["us-mo-kansas-city", "MO", "US"]]
    assert titles("Lowell, TX") == []


def test_a_country_by_code_or_name_accents_and_case_ignored():
    assert titles("th") == [["TH"]]
    assert titles("THAÏLAND") == [["TH"]]
    assert titles("Czechia") == [["CZ"]]
    answer = lookup_one("united kingdom")
    assert answer is not None and answer.place.status == "banned"


def test_an_unknown_place_has_no_entry_and_is_never_called_legal():
    assert lookup("South Korea") == []
    assert lookup("Atlantis") == []
    assert lookup("") == []
    assert "no entry" in NO_ENTRY and "does not mean kratom is legal" in NO_ENTRY


def test_a_persons_place_reads_the_region_for_the_us_and_the_zone_without_a_country():
    answer = own_place(country="", region="AL", zone="America/Chicago")
    assert answer is not None and answer.place.code == "AL" and answer.restricts
    answer = own_place(country="", region="", zone="America/Chicago")
    assert answer is not None and answer.place.code == "US" and not answer.restricts
    answer = own_place(country="", region="", zone="Australia/Sydney")
    assert answer is not None and answer.place.code == "AU"
    assert own_place(country="ZZ", region="", zone="Europe/London") is None
    assert place_of(country="KR", region="") is None
    # A state without an entry falls back to federal, never "legal" by itself.
    answer = place_of(country="US", region="WY")
    assert answer is not None and answer.place.code == "US"
