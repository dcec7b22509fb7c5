"""The installable app's shell: the web-app manifest, the service worker and the offline page.

None of them holds personal data, so all three are public. The service worker caches only the
shell (static files and the offline page); pages and API answers stay no-store (docs/offline.md).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from speciosa.core.units import Unit

#: Pico's jade (the buttons and links) and its light background.
THEME_COLOUR = "#007a50"
BACKGROUND_COLOUR = "#ffffff"
#: Every static file the pages load (base.html), so a page opened offline looks and works as online.
SHELL_FILES = (
    "vendor/pico-2.1.1.jade.min.css",
    "web/app.css",
    "web/records.css",
    "web/safety.css",
    "web/journal.css",
    "web/dose.css",
    "web/trends.css",
    "web/insights.css",
    "web/experiments.css",
    "web/taper.css",
    "web/learn.css",
    "vendor/htmx-2.0.8.min.js",
    "web/records.js",
    "web/journal.js",
    "web/offline.js",
    "web/icons/icon-192.png",
    "web/icons/icon-512.png",
    "web/icons/icon-maskable-512.png",
)


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    start = reverse("web:today")
    icons = [
        {"src": static("web/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": static("web/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {
            "src": static("web/icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    body = {
        "id": start,
        "name": "speciosa: kratom journal",
        "short_name": "speciosa",
        "description": "A private journal for kratom doses, pain and sleep, with sourced safety notes.",
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }
    return JsonResponse(body, content_type="application/manifest+json")


@cache
def shell_version() -> str:
    """A digest of the shell files: a new release changes it, and the service worker replaces its cache."""
    digest = hashlib.sha256()
    for name in SHELL_FILES:
        found = finders.find(name)
        assert isinstance(found, str), f"{name} is a shell file but is missing"
        with open(found, "rb") as file:
            digest.update(file.read())
    return digest.hexdigest()[:16]


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    context = {
        "cache_name": f"speciosa-shell-{shell_version()}",
        "shell_json": json.dumps([reverse("web:offline"), *(static(name) for name in SHELL_FILES)]),
        "offline_url_json": json.dumps(reverse("web:offline")),
    }
    response = render(request, "web/shell/sw.js", context, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("web:today")
    return response


@login_not_required
@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it cannot fetch: a dose and a pain rating can still be
    logged, and wait on this device until the connection returns."""
    # Capsules and tea need a product or the brew's figures, which the offline page cannot offer.
    units = [(unit.value, unit.label) for unit in Unit if unit not in (Unit.CAPSULES, Unit.MILLILITRES)]
    return render(request, "web/shell/offline.html", {"units": units, "pain_scale": range(11)})
