from django.urls import path

from .views import clusters, evolution, exchange, exports, grid, report, results, workflow

app_name = "grid"
urlpatterns = [
    path("", clusters.cluster_list, name="cluster-list"),
    path("<slug:slug>/", clusters.cluster_detail, name="cluster-detail"),
    path("<slug:slug>/commencer/", clusters.assessment_start, name="assessment-start"),
    path("<slug:slug>/evolution/", evolution.evolution, name="evolution"),
    path("<slug:slug>/<int:year>/grille/", grid.grid, name="grid"),
    path("<slug:slug>/<int:year>/grille/reponse/", grid.answer_save, name="answer-save"),
    path("<slug:slug>/<int:year>/resultats/", results.results, name="results"),
    path("<slug:slug>/<int:year>/rapport.pdf", report.report, name="report"),
    path("<slug:slug>/<int:year>/soumettre/", workflow.transition, {"action": "submit"},
         name="submit"),
    path("<slug:slug>/<int:year>/valider/", workflow.transition, {"action": "validate"},
         name="validate"),
    path("<slug:slug>/<int:year>/renvoyer/", workflow.transition, {"action": "return"},
         name="return"),
    path("<slug:slug>/<int:year>/rouvrir/", workflow.transition, {"action": "reopen"},
         name="reopen"),
    path("<slug:slug>/<int:year>/export.json", exchange.export_json, name="export-json"),
    path("<slug:slug>/<int:year>/export.csv", exports.export_csv, name="export-csv"),
    path("<slug:slug>/<int:year>/export.xlsx", exports.export_xlsx, name="export-xlsx"),
    path("<slug:slug>/<int:year>/import/", exchange.import_json, name="import-json"),
]
