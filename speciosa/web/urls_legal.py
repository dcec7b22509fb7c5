"""URLs of Learn: the legal pages (issue 12)."""

from django.urls import URLPattern, path

from speciosa.web.views import legal

urlpatterns: list[URLPattern] = [path("learn/legal/", legal.legal_page, name="learn_legal")]
