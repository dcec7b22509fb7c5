"""Learn: the legal operations (issue 12)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Learn"])
