import pytest
import waitress

from speciosa.cli.server import is_loopback, url_for


@pytest.fixture
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(waitress, "serve", lambda app, **options: calls.append((app, options)))
    return calls


def test_serve_listens_on_loopback_with_four_threads_and_prints_the_url(db, speciosa, served):
    result = speciosa("serve")
    assert result.exit_code == 0, result.stderr
    ((app, options),) = served
    assert callable(app)
    assert options["host"] == "127.0.0.1" and options["port"] == 8000 and options["threads"] == 4
    assert "http://127.0.0.1:8000/" in result.stderr
    assert "Warning" not in result.stderr


def test_serve_on_another_address_warns_about_privacy(db, speciosa, served):
    result = speciosa("serve", "--host", "0.0.0.0", "--port", "8080")
    assert result.exit_code == 0, result.stderr
    assert served[0][1]["host"] == "0.0.0.0" and served[0][1]["port"] == 8080
    assert "Warning: listening on 0.0.0.0" in result.stderr and "private health data" in result.stderr


def test_only_loopback_addresses_count_as_private():
    assert all(is_loopback(host) for host in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"))
    assert not any(is_loopback(host) for host in ("0.0.0.0", "192.168.1.20", "::", "example.org"))
    assert url_for("::1", 8000) == "http://[::1]:8000/"
