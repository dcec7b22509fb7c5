"""On PostgreSQL `speciosa backup` writes one JSON export per account; restoring is creating each
account again and importing its file (docs/postgresql.md). Here every journal comes back whole."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from speciosa.core.journal_format import JournalDocument
from speciosa.demo.stories import synthetic_journal
from speciosa.journal import services, transfer

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the JSON backup and its restore are PostgreSQL's"
)


def journal_of(username):
    """Everything a person's export holds, except when it was written."""
    user = get_user_model().objects.get(username=username)
    document = json.loads(transfer.journal_export_json(user=user))
    document.pop("exported_at")
    return document


@pytest.fixture
def two_journals(alice, bob, frozen_now):
    year = JournalDocument.model_validate(synthetic_journal(days=120, end=frozen_now - timedelta(hours=1)))
    transfer.journal_import(user=alice, document=year)
    services.profile_update(user=bob, teaspoon_grams=2.5, checkin_reminder="21:30")
    services.dose_create(user=bob, amount=2, note="=bob's evening dose")
    return ["alice", "bob"]


def test_backup_wipe_and_restore_gives_every_journal_back_entry_for_entry(two_journals, speciosa, tmp_path):
    before = {name: journal_of(name) for name in two_journals}
    assert len(before["alice"]["doses"]) > 100 and before["alice"]["checkins"]

    backed_up = speciosa("backup", "-o", str(tmp_path / "backup"))
    assert backed_up.exit_code == 0, backed_up.stderr
    assert sorted(p.name for p in (tmp_path / "backup").iterdir()) == ["alice.json", "bob.json"]

    get_user_model().objects.all().delete()  # the database is lost
    assert not get_user_model().objects.exists()

    for name in two_journals:
        created = speciosa(
            "user", "create", name, "--timezone", "UTC", "--password-stdin", input="a new passphrase\n"
        )
        assert created.exit_code == 0, created.stderr
        restored = speciosa("import", str(tmp_path / "backup" / f"{name}.json"), "--user", name)
        assert restored.exit_code == 0, restored.stderr

    assert {name: journal_of(name) for name in two_journals} == before
