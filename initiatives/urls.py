from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("matrice/", views.matrix, name="matrix"),
    path("demarche/", views.approach, name="approach"),
    path("couleurs.css", views.colours, name="colours"),
    # The content admin's Markdown preview (POST, staff who edit content only).
    path("apercu-markdown/", views.markdown_preview, name="markdown-preview"),
]
