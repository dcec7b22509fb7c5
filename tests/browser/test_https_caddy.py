"""speciosa behind Caddy with its own certificate (deploy/Caddyfile.internal), driven over HTTPS.

`speciosa serve` runs on a free loopback port with SPECIOSA_PUBLIC_URL set to Caddy's address, as
docs/deploy.md says; Caddy's state lives in the test's folder, nothing in the home directory. Skipped
only where caddy is not installed (`apt-get install -y caddy`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import ssl
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect
from playwright.sync_api import Error as PlaywrightError

from tests.browser.support import BROWSER_ZONE, CHROMIUM, CHROMIUM_ARGS, DESKTOP
from tests.conftest import PASSWORD
from tests.support.processes import ROOT, free_port, running, speciosa_command, speciosa_environment

pytestmark = pytest.mark.browser

CADDY = shutil.which("caddy")
ONE_YEAR = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class Site:
    url: str
    app_port: int
    authority: Path


def caddyfile(*, https_port: int, http_port: int, app_port: int, storage: Path) -> str:
    """deploy/Caddyfile.internal with this machine's name and free ports, and Caddy kept to `storage`."""
    documented = (ROOT / "deploy" / "Caddyfile.internal").read_text()
    site = documented.replace("https://192.168.1.20", f"https://localhost:{https_port}").replace(
        "127.0.0.1:8000", f"127.0.0.1:{app_port}"
    )
    assert site != documented and f"127.0.0.1:{app_port}" in site
    return (
        "{\n\tadmin off\n\tlocal_certs\n\tskip_install_trust\n"
        f"\thttp_port {http_port}\n\thttps_port {https_port}\n"
        f"\tstorage file_system {storage}\n}}\n\n{site}"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if CADDY is None:
        pytest.skip("caddy is not installed (apt-get install -y caddy)")
    tmp_path = tmp_path_factory.mktemp("https")
    app_port, https_port, http_port = free_port(), free_port(), free_port()
    url = f"https://localhost:{https_port}"
    environment = speciosa_environment(tmp_path / "data", SPECIOSA_PUBLIC_URL=url)
    subprocess.run(
        speciosa_command("user", "create", "maria", "--timezone", BROWSER_ZONE, "--password-stdin"),
        input=PASSWORD + "\n",
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    config = tmp_path / "Caddyfile"
    storage = tmp_path / "caddy"
    config.write_text(
        caddyfile(https_port=https_port, http_port=http_port, app_port=app_port, storage=storage)
    )
    caddy_environment = {
        "PATH": environment["PATH"],
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
    }
    caddy = [CADDY, "run", "--adapter", "caddyfile", "--config", str(config)]
    serve = speciosa_command("serve", "--port", str(app_port))
    with (
        running(serve, port=app_port, environment=environment, name="speciosa serve"),
        running(caddy, port=https_port, environment=caddy_environment, name="caddy"),
    ):
        yield Site(url, app_port, storage / "pki" / "authorities" / "local")


def public_key_pin(certificate: Path) -> str:
    """The certificate's public key as Chromium pins it: base64 of the SHA-256 of its SubjectPublicKeyInfo."""
    key = subprocess.run(
        ["openssl", "x509", "-in", str(certificate), "-pubkey", "-noout"], capture_output=True, check=True
    ).stdout
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"], input=key, capture_output=True, check=True
    ).stdout
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


@pytest.fixture(scope="module")
def browser_trusting_caddy(playwright: Playwright, site: Site) -> Iterator[Browser]:
    """Chromium that accepts certificates signed by this Caddy's authority (its intermediate key), and no others."""
    pin = public_key_pin(site.authority / "intermediate.crt")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={pin}"]
    )
    yield browser
    browser.close()


def test_the_certificate_is_caddys_own_for_localhost_and_pages_ask_for_https_only(site: Site):
    trusting_caddy = ssl.create_default_context(cafile=site.authority / "root.crt")
    with urllib.request.urlopen(f"{site.url}/login/", context=trusting_caddy, timeout=30) as response:
        assert response.status == 200 and response.url == f"{site.url}/login/"
        assert response.headers["Strict-Transport-Security"] == f"max-age={ONE_YEAR}"


def test_plain_http_to_speciosa_itself_is_sent_to_https(site: Site):
    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirects)
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(f"http://127.0.0.1:{site.app_port}/login/", timeout=30)
    assert refused.value.code == 301
    assert refused.value.headers["Location"] == f"https://127.0.0.1:{site.app_port}/login/"


def test_over_https_a_person_signs_in_logs_a_dose_and_downloads_the_export(
    browser_trusting_caddy: Browser, site: Site, tmp_path: Path
):
    context = browser_trusting_caddy.new_context(
        base_url=site.url, timezone_id=BROWSER_ZONE, locale="en-US", **DESKTOP
    )
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page: Page = context.new_page()

    first = page.goto("/")
    assert first is not None
    expect(page).to_have_url(re.compile(rf"^{re.escape(site.url)}/login/"))
    assert first.headers["strict-transport-security"] == f"max-age={ONE_YEAR}"
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("^Today"), level=1)).to_be_visible()
    cookies = {cookie["name"]: cookie for cookie in context.cookies()}
    assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]
    assert cookies["csrftoken"]["secure"]

    page.goto("/doses/new/")
    page.locator("input[name=amount]").fill("2.5")
    page.get_by_role("button", name="Log dose", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Logged 2.5 g at")).to_be_visible()

    page.goto("/transfer")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download everything (JSON)").click()
    export = tmp_path / download.value.suggested_filename
    download.value.save_as(export)
    assert [dose["amount"] for dose in json.loads(export.read_text())["doses"]] == [2.5]

    assert page.url.startswith(f"{site.url}/")
    assert [url for url in requested if not url.startswith(f"{site.url}/")] == []
    context.close()


def test_a_browser_that_does_not_trust_caddys_authority_is_refused_the_page(browser: Browser, site: Site):
    page = browser.new_page()
    with pytest.raises(PlaywrightError, match="ERR_CERT_AUTHORITY_INVALID"):
        page.goto(f"{site.url}/login/")
    page.close()
