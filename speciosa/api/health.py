"""/health: is the server up and its database reachable? The one operation that needs no sign-in."""

from typing import Any

from django.db import connection
from django.http import HttpRequest
from ninja import Router

from speciosa.api.schemas_views import HealthOut

router = Router(tags=["Health"])


@router.get("/health", auth=None, response=HealthOut, summary="Answers ok when the database answers")
def health(request: HttpRequest) -> Any:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HealthOut(status="ok")
