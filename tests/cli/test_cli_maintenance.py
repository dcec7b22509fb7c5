import json

from django.contrib.auth import get_user_model

from speciosa.cli.maintenance import SCHEMA_FILE, schema_text
from speciosa.core.journal_format import json_schema
from speciosa.journal import models as m


def test_demo_loads_the_demo_accounts_and_prints_their_passwords(db, speciosa, frozen_now):
    result = speciosa("demo")
    assert result.exit_code == 0, result.stderr
    usernames = sorted(get_user_model().objects.values_list("username", flat=True))
    assert len(usernames) == 4
    assert all(name in result.stdout for name in usernames)
    assert "local demo accounts" in result.stdout
    assert "Writing the demo journals" in result.stderr
    assert m.Dose.objects.count() > 100


def test_demo_as_json_lists_accounts_and_loading_again_adds_nothing(db, speciosa, frozen_now):
    first = json.loads(speciosa("demo", "--format", "json").stdout)
    assert all(account["entries"] > 0 and account["password"] for account in first)
    again = json.loads(speciosa("demo", "--format", "json").stdout)
    assert [account["entries"] for account in again] == [0, 0, 0, 0]


def test_schema_prints_the_journal_formats_json_schema():
    result_text = schema_text()
    assert json.loads(result_text) == json.loads(json.dumps(json_schema()))
    assert result_text.endswith("}\n")


def test_schema_command_prints_it(speciosa):
    result = speciosa("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_text()


def test_schema_check_passes_on_the_repositorys_schema_and_fails_on_a_stale_one(speciosa, tmp_path):
    result = speciosa("schema", "--check")
    assert result.exit_code == 0, result.stderr
    assert SCHEMA_FILE.read_text() == schema_text()
    stale = tmp_path / "schema.json"
    stale.write_text(schema_text().replace('"title"', '"Title"', 1))
    result = speciosa("schema", "--check", "--file", str(stale))
    assert result.exit_code == 1 and "differs from the journal format" in result.stderr
    result = speciosa("schema", "--check", "--file", str(tmp_path / "missing.json"))
    assert result.exit_code == 1
