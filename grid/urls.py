from django.urls import path

from .views import evidence, exchange, grid, workflow

app_name = "grid"
urlpatterns = [
    path("<slug:slug>/<int:year>/grille/", grid.grid, name="grid"),
    path("<slug:slug>/<int:year>/grille/reponse/", grid.answer_save, name="answer-save"),
    path("<slug:slug>/<int:year>/grille/affichage/", grid.display, name="grid-display"),
    path("<slug:slug>/<int:year>/grille/confier/", grid.assign, name="assign"),
    path("<slug:slug>/<int:year>/grille/<str:code>/pieces/", evidence.evidence, name="evidence"),
    path("<slug:slug>/<int:year>/pieces/<int:evidence>/", evidence.evidence_download,
         name="evidence-download"),
    path("<slug:slug>/<int:year>/pieces/<int:evidence>/retirer/", evidence.evidence_remove,
         name="evidence-remove"),
    path("<slug:slug>/<int:year>/soumettre/", workflow.submit, name="submit"),
    path("<slug:slug>/<int:year>/import/", exchange.import_json, name="import-json"),
]
