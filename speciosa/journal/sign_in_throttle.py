"""Sign-in throttling: the policy django-axes applies (docs/security.md explains the choice).

Failed sign-ins are counted per (name, address) and per address over the cool-off window. A pair
that reaches `settings.AXES_FAILURE_LIMIT` is refused (even with the right password) until the window
passes; an address that reaches `ADDRESS_LIMIT`, whatever names it tried, is refused for every name.
Nothing counts per name alone, so a stranger elsewhere cannot lock the owner out. Unknown API tokens
count against their address only.
"""

from __future__ import annotations

import ipaddress
import math
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import QuerySet, Sum
from django.http import HttpRequest

#: Failures one address may make in the cool-off window, over all names and unknown tokens: high
#: enough that a household or a clinic's waiting room behind one address can mistype, low enough
#: that guessing stays at a few tries a minute.
ADDRESS_LIMIT = 20


def client_address(request: HttpRequest) -> str:
    """The address a request came from. Behind a reverse proxy on this computer (SPECIOSA_PUBLIC_URL
    set, the request from loopback), the proxy's own addition to X-Forwarded-For: the right-most."""
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.PUBLIC_URL and forwarded and _loopback(remote):
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return remote
    return remote


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def attempted_name(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The name a sign-in tried, case-folded as account names are unique regardless of case."""
    name = credentials.get("username") if credentials else request.POST.get("username")
    return name.strip().casefold() if isinstance(name, str) and name.strip() else None


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PairAndAddressHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes's database handler with two limits: one per (name, address), a higher one per address."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        recent = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
            attempt_time__gte=get_cool_off_threshold(request),
        )
        name = get_client_username(request, credentials)
        by_pair = _failures(recent.filter(username=name)) if name else 0
        if _failures(recent) >= ADDRESS_LIMIT:
            return max(by_pair, settings.AXES_FAILURE_LIMIT)
        return by_pair


def paused(request: HttpRequest, *, name: str | None = None) -> bool:
    """Whether sign-ins from this request's address (with this name) are refused for now."""
    return bool(AxesProxyHandler.is_locked(request, {"username": name}))


def note_failure(request: HttpRequest, *, name: str | None = None) -> None:
    """Count a failed attempt: a name refused at sign-up, or an unknown API token (no name)."""
    user_login_failed.send(sender=__name__, credentials={"username": name}, request=request)


def minutes_to_wait() -> int:
    """The cool-off, in whole minutes, for messages."""
    cool_off = get_cool_off()
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
