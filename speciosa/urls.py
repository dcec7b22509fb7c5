from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("speciosa.api.urls")),
    path("", include("speciosa.web.urls")),
]
