from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("matrice/", views.matrix, name="matrix"),
    path("demarche/", views.approach, name="approach"),
    path("couleurs.css", views.colours, name="colours"),
]
