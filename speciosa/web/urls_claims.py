"""URLs of Learn: the claims pages (issue 12)."""

from django.urls import URLPattern, path

from speciosa.web.views import claims

urlpatterns: list[URLPattern] = [path("learn/claims/", claims.claims_page, name="learn_claims")]
