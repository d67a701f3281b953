from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("", views.home, name="home"),
    path("matrice/", views.matrix, name="matrix"),
    path("parcours/", views.path_list, name="path-list"),
    path("parcours/<slug:slug>/", views.path_detail, name="path-detail"),
    path("demarche/", views.approach, name="approach"),
    path("couleurs.css", views.colours, name="colours"),
]
