from django.urls import path

from .views import clusters, exchange, grid, workflow

app_name = "grid"
urlpatterns = [
    path("", clusters.cluster_list, name="cluster-list"),
    path("<slug:slug>/", clusters.cluster_detail, name="cluster-detail"),
    path("<slug:slug>/profil/", clusters.cluster_profile, name="cluster-profile"),
    path("<slug:slug>/commencer/", clusters.assessment_start, name="assessment-start"),
    path("<slug:slug>/<int:year>/grille/", grid.grid, name="grid"),
    path("<slug:slug>/<int:year>/grille/reponse/", grid.answer_save, name="answer-save"),
    path("<slug:slug>/<int:year>/grille/affichage/", grid.display, name="grid-display"),
    path("<slug:slug>/<int:year>/soumettre/", workflow.transition, {"action": "submit"},
         name="submit"),
    path("<slug:slug>/<int:year>/valider/", workflow.transition, {"action": "validate"},
         name="validate"),
    path("<slug:slug>/<int:year>/renvoyer/", workflow.transition, {"action": "return"},
         name="return"),
    path("<slug:slug>/<int:year>/rouvrir/", workflow.transition, {"action": "reopen"},
         name="reopen"),
    path("<slug:slug>/<int:year>/import/", exchange.import_json, name="import-json"),
]
