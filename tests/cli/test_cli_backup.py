import json
import re
import sqlite3
import stat

import pytest
from django.db import connection

from speciosa.cli import backup as backup_command
from speciosa.journal import services


def live_database(path):
    """A WAL database with an open connection whose last rows are still in the write-ahead log."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("CREATE TABLE dose (grams REAL)")
    db.executemany("INSERT INTO dose VALUES (?)", [(3.0,), (4.5,)])
    db.commit()
    return db


def grams_in(path):
    copy = sqlite3.connect(path)
    try:
        return [row[0] for row in copy.execute("SELECT grams FROM dose ORDER BY grams")]
    finally:
        copy.close()


def test_sqlite_backup_is_a_readable_self_contained_copy_of_a_live_database(tmp_path):
    source = tmp_path / "speciosa.sqlite3"
    db = live_database(source)
    target = backup_command.sqlite_backup(source, tmp_path / "copy.sqlite3")
    db.close()
    assert grams_in(target) == [3.0, 4.5]
    assert sqlite3.connect(target).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not (tmp_path / "copy.sqlite3.partial").exists()


@pytest.fixture
def sqlite_file(db, tmp_path, monkeypatch, settings):
    """The backup command pointed at a temporary file database (the test database lives in memory)."""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backup runs only on SQLite")
    settings.DATA_DIR = tmp_path / "data"
    source = tmp_path / "speciosa.sqlite3"
    live_database(source).close()
    monkeypatch.setattr(backup_command, "database_file", lambda: source)
    return source


def test_backup_copies_sqlite_into_the_backups_folder_with_a_timestamped_name(
    sqlite_file, speciosa, tmp_path
):
    result = speciosa("backup")
    assert result.exit_code == 0, result.stderr
    (made,) = (tmp_path / "data" / "backups").iterdir()
    assert re.fullmatch(r"speciosa-\d{8}-\d{6}\.sqlite3", made.name)
    assert str(made) in result.stderr.replace("\n", "")
    assert grams_in(made) == [3.0, 4.5]
    second = speciosa("backup")
    assert second.exit_code == 0 and len(list((tmp_path / "data" / "backups").iterdir())) == 2


def test_backup_to_a_chosen_file_or_directory_and_never_over_a_file(sqlite_file, speciosa, tmp_path):
    chosen = tmp_path / "mine.sqlite3"
    assert speciosa("backup", "-o", str(chosen)).exit_code == 0
    assert grams_in(chosen) == [3.0, 4.5]
    refused = speciosa("backup", "-o", str(chosen))
    assert refused.exit_code == 1 and "output: " in refused.stderr and "exists" in refused.stderr
    folder = tmp_path / "usb"
    folder.mkdir()
    assert speciosa("backup", "-o", str(folder)).exit_code == 0
    assert len(list(folder.glob("speciosa-*.sqlite3"))) == 1


def test_an_in_memory_database_is_not_backed_up_silently(db, speciosa, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    monkeypatch.setattr(backup_command, "database_file", lambda: None)
    result = speciosa("backup")
    assert result.exit_code == 1 and "database: an in-memory database cannot be backed up" in result.stderr


def test_accounts_backup_writes_each_persons_journal_to_their_own_file(alice, bob, tmp_path, frozen_now):
    services.dose_create(user=alice, amount=3, note="alice's")
    written = backup_command.accounts_backup(tmp_path / "exports")
    assert [p.name for p in written] == ["alice.json", "bob.json"]
    assert [d["note"] for d in json.loads(written[0].read_text())["doses"]] == ["alice's"]
    assert json.loads(written[1].read_text())["doses"] == []
    assert stat.S_IMODE(written[0].stat().st_mode) == 0o600


def test_backup_on_postgresql_writes_json_exports_and_says_so(alice, speciosa, tmp_path, settings):
    if connection.vendor == "sqlite":
        pytest.skip("the JSON backup is what PostgreSQL gets")
    settings.DATA_DIR = tmp_path
    result = speciosa("backup")
    assert result.exit_code == 0, result.stderr
    assert "one JSON export per account" in result.stderr
    (folder,) = (tmp_path / "backups").iterdir()
    assert json.loads((folder / "alice.json").read_text())["format"] == "speciosa-journal"
