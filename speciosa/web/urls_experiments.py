"""URLs of the N-of-1 experiment pages."""

from django.urls import path

from speciosa.web.views import experiments

urlpatterns = [
    path("experiments/", experiments.experiment_list, name="experiments"),
    path("experiments/new", experiments.experiment_new, name="experiment_new"),
    path("experiments/<uuid:uid>/", experiments.experiment_detail, name="experiment"),
    path("experiments/<uuid:uid>/end", experiments.experiment_end, name="experiment_end"),
    path("experiments/<uuid:uid>/delete", experiments.experiment_delete, name="experiment_delete"),
]
