"""The installable app's shell: manifest, service worker (served from the root, so its scope is the
whole app) and the offline page."""

from django.urls import path

from speciosa.web.views import app_shell

urlpatterns = [
    path("manifest.webmanifest", app_shell.manifest, name="manifest"),
    path("sw.js", app_shell.service_worker, name="service_worker"),
    path("offline/", app_shell.offline, name="offline"),
]
