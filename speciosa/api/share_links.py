"""/share-links: read-only, time-limited links to the person's clinician summary for a period, for a
clinician to open without signing in (the same links as Reports → Share with a clinician). The link
is in the answer to POST only, this once; speciosa keeps only its hash."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS, WRITE_ERRORS
from speciosa.api.schemas import InputSchema, Utc
from speciosa.api.wire import NUMBER_ONLY, Day
from speciosa.journal import share_links
from speciosa.reports.base import period_of

router = Router(tags=["Share links"])


class ShareLinkIn(InputSchema):
    start: Day | None = Field(
        None, alias="from", description="First local day, on or before `to`; default: 89 days before `to`"
    )
    end: Day | None = Field(None, alias="to", description="Last local day; default: today")
    expires_in_days: Annotated[int, Field(ge=1, le=share_links.MAX_EXPIRY_DAYS), NUMBER_ONLY] = Field(
        share_links.DEFAULT_EXPIRY_DAYS,
        description=f"Days the link lasts, 1 to {share_links.MAX_EXPIRY_DAYS}",
    )


class OpeningOut(Schema):
    at: Utc
    view: str = Field(description="page or pdf")


class ShareLinkOut(Schema):
    id: int
    prefix: str = Field(description="The token's first characters, to tell links apart")
    start: date = Field(description="First local day of the summary")
    end: date = Field(description="Last local day of the summary")
    created_at: Utc
    expires_at: Utc
    revoked_at: Utc | None
    state: str = Field(description="active, expired or revoked")
    openings: list[OpeningOut] = Field(description="Each opening, oldest first (no IP address is kept)")


class ShareLinkCreatedOut(ShareLinkOut):
    url: str = Field(description="The link to share (the page; add report.pdf for the PDF), this once")


@router.get("/share-links", response={200: list[ShareLinkOut], **READ_ERRORS}, summary="Your share links")
def share_links_list(request: HttpRequest) -> Any:
    return share_links.share_list(user=owner(request), now=timezone.now())


@router.post(
    "/share-links",
    response={201: ShareLinkCreatedOut, **WRITE_ERRORS},
    summary="Create a share link to your clinician summary; the answer holds the link itself, this once",
)
def share_links_create(request: HttpRequest, payload: ShareLinkIn) -> Any:
    user, now = owner(request), timezone.now()
    period = period_of(user=user, start=payload.start, end=payload.end, now=now)
    link, raw = share_links.share_create(
        user=user, start=period.start, end=period.end, expires_in_days=payload.expires_in_days, now=now
    )
    url = request.build_absolute_uri(reverse("web:shared_report", kwargs={"token": raw}))
    return Status(201, ShareLinkCreatedOut(**ShareLinkOut.from_orm(link).model_dump(), url=url))


@router.delete(
    "/share-links/{link_id}",
    response={200: ShareLinkOut, **WRITE_ERRORS},
    summary="Revoke a share link; it stops opening at once",
)
def share_links_revoke(request: HttpRequest, link_id: int) -> Any:
    return share_links.share_revoke(user=owner(request), link_id=link_id, now=timezone.now())
