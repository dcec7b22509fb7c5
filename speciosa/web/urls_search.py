"""URLs of Learn: the search pages (issue 12)."""

from django.urls import URLPattern, path

from speciosa.web.views import search

urlpatterns: list[URLPattern] = [path("learn/search/", search.search_page, name="learn_search")]
