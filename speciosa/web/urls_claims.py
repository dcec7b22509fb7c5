"""URLs of Learn: the claims pages (issue 12)."""

from django.urls import URLPattern, path  # noqa: F401 - the pages add their paths here

urlpatterns: list[URLPattern] = []
