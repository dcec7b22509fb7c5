import socket

import pytest
import segno
import waitress
from django.test import Client

from speciosa.cli import server
from speciosa.cli.server import is_loopback, lan_address, url_for

#: How segno draws two rows of modules in one line of text: (top, bottom), 1 for a dark module.
HALF_BLOCKS = {" ": (1, 1), "\u2580": (0, 1), "\u2584": (1, 0), "\u2588": (0, 0)}
QUIET_ZONE = 4


@pytest.fixture
def served(monkeypatch, settings):
    """waitress.serve records its calls instead of serving; what serve changes in settings is undone."""
    calls = []
    monkeypatch.setattr(waitress, "serve", lambda app, **options: calls.append((app, options)))
    return calls


@pytest.fixture
def on_a_network(monkeypatch):
    monkeypatch.setattr(server, "lan_address", lambda: "192.168.1.20")


def printed_qr_codes(text: str) -> list[list[list[int]]]:
    """Every QR code drawn in `text`, read back into its modules (1 dark), without its quiet zone."""
    drawings: list[list[str]] = []
    previous_was_drawing = False
    for line in text.splitlines():
        is_drawing = bool(line) and set(line) <= set(HALF_BLOCKS)
        if is_drawing and not previous_was_drawing:
            drawings.append([])
        if is_drawing:
            drawings[-1].append(line)
        previous_was_drawing = is_drawing
    codes = []
    for lines in drawings:
        rows = [[HALF_BLOCKS[c][half] for c in line] for line in lines for half in (0, 1)]
        size = len(rows[0])
        modules = rows[:size]  # an odd size: the last line's lower half is only padding
        assert all(not any(row) for row in modules[:QUIET_ZONE] + modules[-QUIET_ZONE:])
        assert all(not any(row[:QUIET_ZONE] + row[-QUIET_ZONE:]) for row in modules)
        codes.append([row[QUIET_ZONE:-QUIET_ZONE] for row in modules[QUIET_ZONE:-QUIET_ZONE]])
    return codes


def qr_modules(url: str) -> list[list[int]]:
    """The modules of a full (not micro) QR code for `url`, as segno makes it."""
    return [list(row) for row in segno.make_qr(url).matrix]


def test_serve_listens_on_loopback_with_four_threads_and_prints_the_url(db, speciosa, served):
    result = speciosa("serve")
    assert result.exit_code == 0, result.stderr
    ((app, options),) = served
    assert callable(app)
    assert options["host"] == "127.0.0.1" and options["port"] == 8000 and options["threads"] == 4
    assert "http://127.0.0.1:8000/" in result.stderr
    assert "Warning" not in result.stderr
    assert printed_qr_codes(result.stderr) == []


def test_serve_on_another_address_warns_about_privacy(db, speciosa, served):
    result = speciosa("serve", "--host", "0.0.0.0", "--port", "8080")
    assert result.exit_code == 0, result.stderr
    assert served[0][1]["host"] == "0.0.0.0" and served[0][1]["port"] == 8080
    assert "Warning: listening on 0.0.0.0" in result.stderr and "private health data" in result.stderr


def test_serve_beyond_this_computer_says_sign_up_is_closed_and_people_join_by_invitation(
    db, speciosa, served, settings
):
    settings.SIGNUP_OPEN = None
    result = speciosa("serve", "--host", "0.0.0.0")
    assert "Sign-up is closed: people join by invitation (speciosa invite)." in result.stderr


def test_serve_beyond_this_computer_says_when_sign_up_was_opened_anyway(db, speciosa, served, settings):
    settings.SIGNUP_OPEN = True
    result = speciosa("serve", "--host", "0.0.0.0")
    assert "Sign-up is open to anyone who reaches it" in result.stderr


def test_waitress_refuses_bodies_a_mebibyte_past_the_largest_import(db, speciosa, served, settings):
    settings.MAX_IMPORT_BYTES = 10_000_000
    speciosa("serve")
    assert served[0][1]["max_request_body_size"] == 10_000_000 + 1024 * 1024


def test_serve_lan_listens_on_the_network_address_and_shows_it_as_a_qr_code(
    db, speciosa, served, on_a_network
):
    result = speciosa("serve", "--lan")
    assert result.exit_code == 0, result.stderr
    assert served[0][1]["host"] == "192.168.1.20" and served[0][1]["port"] == 8000
    assert "On your phone, open http://192.168.1.20:8000/" in result.stderr
    assert printed_qr_codes(result.stderr) == [qr_modules("http://192.168.1.20:8000/")]


def test_serve_lan_answers_to_the_network_address_it_was_refused_before(db, speciosa, served, on_a_network):
    bad_host = 400
    assert Client().get("/login/", HTTP_HOST="192.168.1.20:8000").status_code == bad_host
    speciosa("serve", "--lan")
    assert Client().get("/login/", HTTP_HOST="192.168.1.20:8000").status_code != bad_host


def test_serve_lan_says_plainly_what_https_would_add(db, speciosa, served, on_a_network):
    said = " ".join(speciosa("serve", "--lan").stderr.split())
    assert "This is plain http on your network: pages work, but a phone installs speciosa as an app" in said
    assert "logs while offline only over HTTPS" in said and "docs/deploy.md" in said


def test_serve_lan_without_a_network_listens_everywhere_and_says_so(db, speciosa, served, monkeypatch):
    monkeypatch.setattr(server, "lan_address", lambda: None)
    result = speciosa("serve", "--lan")
    assert served[0][1]["host"] == "0.0.0.0"
    assert "network address was not found" in " ".join(result.stderr.split())
    assert printed_qr_codes(result.stderr) == []


def test_serve_shows_the_public_address_as_a_qr_code(db, speciosa, served, settings):
    settings.PUBLIC_URL = "https://journal.example.org"
    result = speciosa("serve")
    assert served[0][1]["host"] == "127.0.0.1"
    assert "On your phone, open https://journal.example.org/ (SPECIOSA_PUBLIC_URL)" in result.stderr
    assert printed_qr_codes(result.stderr) == [qr_modules("https://journal.example.org/")]


def test_behind_a_proxy_waitress_believes_only_this_computer_about_scheme_and_client(
    db, speciosa, served, settings
):
    speciosa("serve")
    assert "trusted_proxy" not in served[0][1]
    settings.PUBLIC_URL = "https://journal.example.org"
    speciosa("serve")
    options = served[1][1]
    assert (options["trusted_proxy"], options["trusted_proxy_count"]) == ("127.0.0.1", 1)
    assert options["trusted_proxy_headers"] == {"x-forwarded-proto", "x-forwarded-for"}


def test_serve_lan_is_refused_when_pages_are_served_over_https_only(db, speciosa, served, settings):
    settings.PUBLIC_URL = "https://journal.example.org"
    result = speciosa("serve", "--lan")
    assert result.exit_code == 1 and served == []
    assert "--lan: SPECIOSA_PUBLIC_URL is set" in result.stderr
    assert "open https://journal.example.org instead" in " ".join(result.stderr.split())


def test_serve_lan_and_host_together_are_refused(db, speciosa, served):
    result = speciosa("serve", "--lan", "--host", "0.0.0.0")
    assert result.exit_code == 1 and served == []
    assert "--lan: choose --host or --lan, not both" in result.stderr


def test_the_network_address_is_one_this_computer_can_listen_on():
    address = lan_address()
    if address is None:
        pytest.skip("this machine has no network route")
    assert not is_loopback(address)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind((address, 0))


def test_a_route_that_only_leads_back_to_this_computer_is_no_network_address(monkeypatch):
    monkeypatch.setattr(server, "ROUTE_PROBE", ("127.0.0.1", 9))
    assert lan_address() is None


def test_only_loopback_addresses_count_as_private():
    assert all(is_loopback(host) for host in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"))
    assert not any(is_loopback(host) for host in ("0.0.0.0", "192.168.1.20", "::", "example.org"))
    assert url_for("::1", 8000) == "http://[::1]:8000/"
