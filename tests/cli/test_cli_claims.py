"""`speciosa claims`: a file or standard input is checked; the table names each marked sentence with its
verdict and the sources; --format json gives the API's fields; a missing file is refused."""

from __future__ import annotations

import json

TEXT = "Kratom is non-addictive.\nWe ship in one day.\nIt is legal in all 50 states.\n"


def test_a_file_is_checked(speciosa, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    result = speciosa("claims", str(page))
    assert result.exit_code == 0, result.stderr
    assert "2 of 3 sentences make a known marketing claim" in result.stdout
    assert "> Kratom is non-addictive." in result.stdout and "FALSE" in result.stdout
    assert "singh-2014" in result.stdout and "legal-everywhere" in result.stdout


def test_standard_input_and_json(speciosa):
    result = speciosa("claims", "-", "--format", "json", input=TEXT)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["sentences"] == 3
    assert [m["claims"] for m in document["marked"]] == [["non-addictive"], ["legal-everywhere"]]
    assert {c["id"] for c in document["claims"]} == {"non-addictive", "legal-everywhere"}
    assert all(c["sources"] and c["verdict"] for c in document["claims"])


def test_no_claims_and_a_missing_file(speciosa, tmp_path):
    assert "No known marketing claim" in speciosa("claims", input="We ship fast.").stdout
    result = speciosa("claims", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1 and "no such file" in result.stderr
