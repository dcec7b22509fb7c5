"""URLs of Learn: the guide pages (issue 12)."""

from django.urls import URLPattern, path

from speciosa.web.views import guide

urlpatterns: list[URLPattern] = [
    path("learn/guide/", guide.guide_index, name="guide"),
    path("learn/guide/<slug:slug>/", guide.guide_topic_page, name="guide_topic"),
]
