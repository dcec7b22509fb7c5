"""The installable app's shell: a manifest a phone can install from, icons of the sizes it names, a
service worker served from the root that caches only the shell, and an offline page that holds
nothing personal. (tests/browser/test_installable.py checks installability in Chromium.)"""

from __future__ import annotations

import json
import struct

from django.test import Client
from django.urls import reverse

from speciosa.journal import services
from speciosa.web.views.app_shell import SHELL_FILES


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n", "a PNG"
    width, height = struct.unpack(">II", content[16:24])
    return width, height


def static_bytes(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_manifest_names_the_app_its_start_its_scope_and_standalone_display(anonymous):
    response = anonymous.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"].startswith("speciosa") and manifest["short_name"] == "speciosa"
    assert manifest["start_url"] == manifest["scope"] == reverse("web:today")
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#007a50" and manifest["background_color"] == "#ffffff"


def test_the_manifest_icons_are_pngs_of_the_sizes_it_says_with_a_maskable_one(anonymous):
    icons = json.loads(anonymous.get("/manifest.webmanifest").content)["icons"]
    for icon in icons:
        width, height = png_size(static_bytes(anonymous, icon["src"]))
        assert icon["sizes"] == f"{width}x{height}", icon["src"]
    assert {icon["sizes"] for icon in icons} >= {"192x192", "512x512"}
    assert any(icon["purpose"] == "maskable" for icon in icons)


def test_every_page_links_the_manifest(alice_client, anonymous):
    for client, url in ((alice_client, reverse("web:today")), (anonymous, reverse("web:login"))):
        assert '<link rel="manifest" href="/manifest.webmanifest">' in client.get(url).content.decode()


def test_the_service_worker_is_served_from_the_root_and_caches_the_shell_and_the_offline_page(anonymous):
    response = anonymous.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    script = response.content.decode()
    shell = json.loads(script.split("const SHELL = ")[1].split(";\n")[0])
    assert reverse("web:offline") in shell
    assert {f"/static/{name}" for name in SHELL_FILES} <= set(shell)
    for url in shell:
        assert anonymous.get(url).status_code == 200, url


def test_the_service_worker_never_caches_pages_or_the_api(anonymous):
    script = anonymous.get("/sw.js").content.decode()
    assert 'if (request.method !== "GET") return;' in script
    assert "cache.put" not in script, "only the shell list is cached, at install"
    shell = json.loads(script.split("const SHELL = ")[1].split(";\n")[0])
    assert not [url for url in shell if url.startswith("/api/") or url == reverse("web:today")]


def test_a_new_release_of_a_shell_file_renames_the_cache(anonymous):
    script = anonymous.get("/sw.js").content.decode()
    assert 'const CACHE = "speciosa-shell-' in script


def test_the_offline_page_is_public_and_shows_no_one_s_journal(alice, anonymous):
    services.dose_create(user=alice, amount=3, note="alicesecret7f3a")
    response = anonymous.get(reverse("web:offline"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "No connection to speciosa" in html
    assert "alice" not in html and "alicesecret7f3a" not in html
    assert 'data-offline="dose"' in html and 'data-offline="checkin"' in html
    assert "Safety findings for these doses appear once they are synced." in html


def test_today_and_the_dose_form_mark_their_forms_for_the_offline_queue(alice, alice_client):
    services.dose_create(user=alice, amount=3.5, unit="g")
    today = alice_client.get(reverse("web:today")).content.decode()
    assert 'data-offline="repeat"' in today and 'data-amount="3.5" data-unit="g"' in today
    assert 'data-offline="checkin"' in today
    assert f'data-owner="{alice.username}"' in today
    form = alice_client.get(reverse("web:dose_new")).content.decode()
    assert 'data-offline="dose"' in form
