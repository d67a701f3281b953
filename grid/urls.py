from django.urls import path

from .views import exchange, grid, workflow

app_name = "grid"
urlpatterns = [
    path("<slug:slug>/<int:year>/grille/", grid.grid, name="grid"),
    path("<slug:slug>/<int:year>/grille/reponse/", grid.answer_save, name="answer-save"),
    path("<slug:slug>/<int:year>/grille/affichage/", grid.display, name="grid-display"),
    path("<slug:slug>/<int:year>/grille/confier/", grid.assign, name="assign"),
    path("<slug:slug>/<int:year>/soumettre/", workflow.submit, name="submit"),
    path("<slug:slug>/<int:year>/import/", exchange.import_json, name="import-json"),
]
