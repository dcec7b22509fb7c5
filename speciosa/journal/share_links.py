"""Share links: a read-only, time-limited address to the person's clinician summary for one period,
which a clinician opens without signing in (speciosa.web shows it as a page and as the PDF).

The token is the credential: long and random, shown once, stored only as its SHA-256 (as API tokens
and calendar feeds are). A link opens nothing but its own summary for its own period; it reads
nothing after it expires or once revoked. Each opening is logged (when, and which view: the page or
the PDF) so the person sees who opened it when; no IP address or browser is kept.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from django.contrib.auth import get_user_model
from django.db import transaction

from speciosa.core.errors import FieldError, InvalidInput, NotFound
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.selectors import token_hash

#: What every share token starts with, so that one found in a log is recognised for what it is.
TOKEN_PREFIX = "spshr_"
#: How long a link lasts when the person does not say, and the longest it may last.
DEFAULT_EXPIRY_DAYS = 14
MAX_EXPIRY_DAYS = 90

View = Literal["page", "pdf"]
VIEWS: tuple[View, ...] = ("page", "pdf")


@dataclass(frozen=True)
class Opening:
    at: datetime
    view: str  # "page" or "pdf"


@dataclass(frozen=True)
class SharedLink:
    """A link as its owner sees it (never its token)."""

    id: int
    prefix: str
    start: date
    end: date
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    state: str  # "active", "expired" or "revoked"
    openings: list[Opening]


def share_create(
    *, user: User, start: date, end: date, expires_in_days: int = DEFAULT_EXPIRY_DAYS, now: datetime
) -> tuple[SharedLink, str]:
    """A new link to the summary of the local days `start` to `end` (both included) that lasts
    `expires_in_days` days; the raw token is returned this once and never stored in clear."""
    errors = []
    if end < start:
        errors.append(FieldError("to", f"must not be before the start ({start.isoformat()})"))
    if not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
        errors.append(FieldError("expires_in_days", f"must be between 1 and {MAX_EXPIRY_DAYS} days"))
    if errors:
        raise InvalidInput(errors)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    link = m.ShareLink.objects.create(
        user=user,
        start=start,
        end=end,
        prefix=raw[:10],
        token_hash=token_hash(raw),
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days),
    )
    return _shared(link, now), raw


def share_list(*, user: User, now: datetime) -> list[SharedLink]:
    """The person's links, newest first, each with its openings, oldest first."""
    links = m.ShareLink.objects.filter(user=user).prefetch_related("openings")
    return [_shared(link, now) for link in links]


def share_get(*, user: User, link_id: int, now: datetime) -> SharedLink:
    """One of the person's links; NotFound for anyone else's (the two look the same on purpose)."""
    return _shared(_owned(user, link_id), now)


def share_revoke(*, user: User, link_id: int, now: datetime) -> SharedLink:
    """Revoke one of the person's links: it stops opening at once. Revoking it again changes nothing."""
    with transaction.atomic():
        link = _owned(user, link_id, lock=True)
        if link.revoked_at is None:
            link.revoked_at = now
            link.save(update_fields=["revoked_at"])
    return _shared(link, now)


def share_open(*, raw: str, view: View, now: datetime) -> tuple[User, date, date] | None:
    """Whose summary, for which days, a raw token opens right now, logging the opening; None (and
    nothing logged) for an unknown, expired or revoked token or a closed account."""
    if view not in VIEWS:
        raise InvalidInput(f"must be one of {', '.join(VIEWS)}", field="view")
    if not raw.startswith(TOKEN_PREFIX):
        return None
    link = m.ShareLink.objects.filter(token_hash=token_hash(raw)).first()
    if link is None or _state(link, now) != "active":
        return None
    user = get_user_model().objects.filter(pk=link.user_id, is_active=True).first()
    if user is None:
        return None
    m.ShareOpening.objects.create(link=link, at=now, view=view)
    return user, link.start, link.end


def _owned(user: User, link_id: int, *, lock: bool = False) -> m.ShareLink:
    links = m.ShareLink.objects.select_for_update() if lock else m.ShareLink.objects
    link = links.filter(user=user, pk=link_id).first()
    if link is None:
        raise NotFound("no such share link", field="id")
    return link


def _state(link: m.ShareLink, now: datetime) -> str:
    if link.revoked_at is not None:
        return "revoked"
    return "active" if now < link.expires_at else "expired"


def _shared(link: m.ShareLink, now: datetime) -> SharedLink:
    return SharedLink(
        id=link.pk,
        prefix=link.prefix,
        start=link.start,
        end=link.end,
        created_at=link.created_at,
        expires_at=link.expires_at,
        revoked_at=link.revoked_at,
        state=_state(link, now),
        openings=[Opening(o.at, o.view) for o in link.openings.all()],
    )
