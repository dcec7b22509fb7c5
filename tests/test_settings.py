from django.db.backends.sqlite3.base import DatabaseWrapper

from speciosa import settings as speciosa_settings


def test_the_default_database_is_sqlite_in_wal_mode_with_foreign_keys_and_a_busy_timeout(
    tmp_path, monkeypatch, django_db_blocker
):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(speciosa_settings, "DATA_DIR", tmp_path)
    config = speciosa_settings._database()
    assert config["NAME"] == str(tmp_path / "speciosa.sqlite3")
    wrapper = DatabaseWrapper(
        {
            **config,
            "TIME_ZONE": None,
            "CONN_HEALTH_CHECKS": False,
            "CONN_MAX_AGE": 0,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
        }
    )
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 20000
    wrapper.close()


def test_database_url_chooses_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@127.0.0.1:5432/journal")
    config = speciosa_settings._database()
    assert config["ENGINE"] == "django.db.backends.postgresql" and config["NAME"] == "journal"


def test_the_server_answers_only_to_local_host_names_by_default():
    assert set(speciosa_settings.ALLOWED_HOSTS) == {"127.0.0.1", "localhost", "[::1]"}


def test_passwords_are_hashed_with_argon2():
    assert speciosa_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_the_argon2_parameters_are_owasps_and_hashes_say_argon2id(settings):
    from django.contrib.auth.hashers import check_password, make_password

    settings.PASSWORD_HASHERS = speciosa_settings.PASSWORD_HASHERS
    encoded = make_password("correct horse battery")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("correct horse battery", encoded)


def test_the_sqlite_database_file_is_readable_by_its_owner_only(tmp_path, monkeypatch, django_db_blocker):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(speciosa_settings, "DATA_DIR", tmp_path)
    config = speciosa_settings._database()
    wrapper = DatabaseWrapper(
        {
            **config,
            "TIME_ZONE": None,
            "CONN_HEALTH_CHECKS": False,
            "CONN_MAX_AGE": 0,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
        }
    )
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x)")
    wrapper.close()
    assert (tmp_path / "speciosa.sqlite3").stat().st_mode & 0o777 == 0o600
