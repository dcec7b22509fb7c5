"""speciosa's URLs plus the API benchmark's baseline: a bare view that performs one INSERT."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from speciosa.journal.models import Dose


@csrf_exempt
@login_not_required
@require_POST
def bare_insert(request: HttpRequest, user_id: int) -> JsonResponse:
    """Read the same JSON body the API reads and INSERT one dose row: nothing checked, nothing logged."""
    body = json.loads(request.body)
    dose = Dose.objects.create(
        user_id=user_id,
        taken_at=timezone.now(),
        grams=body["amount"],
        amount=body["amount"],
        unit=body["unit"],
    )
    return JsonResponse({"id": dose.pk}, status=201)


urlpatterns = [
    path("bench/bare-insert/<int:user_id>", bare_insert, name="bench-bare-insert"),
    path("", include("speciosa.urls")),
]
