"""URLs of Learn: the faq pages (issue 12)."""

from django.urls import URLPattern, path

from speciosa.web.views import faq

urlpatterns: list[URLPattern] = [
    path("learn/faq/", faq.faq, name="faq"),
]
