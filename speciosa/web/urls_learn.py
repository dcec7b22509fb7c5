"""URL of the Learn hub (issue 12); each part has its own URL module (urls_guide, urls_faq,
urls_claims, urls_legal, urls_search)."""

from django.urls import path

from speciosa.web.views import learn

urlpatterns = [path("learn/", learn.learn, name="learn")]
