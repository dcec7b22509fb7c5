"""/tokens: personal access tokens for programs. A token is shown once; only its hash is kept."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS, WRITE_ERRORS
from speciosa.api.schemas_views import TokenCreatedOut, TokenIn, TokenOut
from speciosa.journal import selectors, services

router = Router(tags=["Access tokens"])


@router.get("/tokens", response={200: list[TokenOut], **READ_ERRORS}, summary="Your tokens, newest first")
def tokens_list(request: HttpRequest) -> Any:
    return list(selectors.token_list(user=owner(request)))


@router.post(
    "/tokens",
    response={201: TokenCreatedOut, **WRITE_ERRORS},
    summary="Create a token; the answer holds the token itself, this once",
)
def tokens_create(request: HttpRequest, payload: TokenIn) -> Any:
    token, raw = services.token_create(user=owner(request), name=payload.name)
    return Status(201, TokenCreatedOut(**TokenOut.from_orm(token).model_dump(), token=raw))


@router.delete(
    "/tokens/{token_id}",
    response={200: TokenOut, **WRITE_ERRORS},
    summary="Revoke a token; programs using it are refused from now on",
)
def tokens_revoke(request: HttpRequest, token_id: int) -> Any:
    return services.token_revoke(user=owner(request), token_id=token_id)
