import pytest
from django.core.exceptions import ImproperlyConfigured
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


def served_at(public_url: str, **options):
    defaults = {
        "allowed_hosts": ["127.0.0.1"],
        "csrf_trusted_origins": [],
        "hsts_seconds": speciosa_settings.HSTS_SECONDS,
        "hsts_include_subdomains": False,
    }
    return speciosa_settings.served_at(public_url, **(defaults | options))


def test_without_a_public_url_nothing_changes():
    assert served_at("") == {}


def test_an_https_public_url_adds_its_host_and_origin_and_asks_for_https_everywhere():
    derived = served_at("https://Journal.example.org")
    assert derived["ALLOWED_HOSTS"] == ["127.0.0.1", "journal.example.org"]
    assert derived["CSRF_TRUSTED_ORIGINS"] == ["https://journal.example.org"]
    assert derived["SESSION_COOKIE_SECURE"] is True and derived["CSRF_COOKIE_SECURE"] is True
    assert derived["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert derived["SECURE_SSL_REDIRECT"] is True
    assert derived["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert derived["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False


def test_the_public_urls_port_is_part_of_the_trusted_origin_not_of_the_host():
    derived = served_at("https://journal.example.org:8443", csrf_trusted_origins=["https://a.example"])
    assert derived["ALLOWED_HOSTS"][-1] == "journal.example.org"
    assert derived["CSRF_TRUSTED_ORIGINS"] == ["https://a.example", "https://journal.example.org:8443"]


def test_hsts_can_be_shortened_and_cover_subdomains_when_asked():
    derived = served_at("https://journal.example.org", hsts_seconds=300, hsts_include_subdomains=True)
    assert (derived["SECURE_HSTS_SECONDS"], derived["SECURE_HSTS_INCLUDE_SUBDOMAINS"]) == (300, True)


def test_plain_http_is_accepted_only_for_this_computer_and_asks_for_no_https():
    derived = served_at("http://localhost:8000")
    assert derived == {
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
        "CSRF_TRUSTED_ORIGINS": ["http://localhost:8000"],
    }
    assert served_at("http://[::1]:8000")["ALLOWED_HOSTS"][-1] == "[::1]"


@pytest.mark.parametrize(
    ("public_url", "problem"),
    [
        ("http://journal.example.org", "must start with https://"),
        ("http://192.168.1.20:8000", "must start with https://"),
        ("journal.example.org", "must start with https://"),
        ("https://journal.example.org/speciosa", "must be a scheme and a host name"),
        ("https://sam:secret@journal.example.org", "must be a scheme and a host name"),
        ("https://", "must be a scheme and a host name"),
    ],
)
def test_a_public_url_that_is_not_plain_https_is_refused_with_the_variables_name(public_url, problem):
    with pytest.raises(ImproperlyConfigured, match=f"SPECIOSA_PUBLIC_URL {problem}"):
        served_at(public_url)
