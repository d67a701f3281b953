from django.urls import path

from . import views

app_name = "guide"
urlpatterns = [
    path("fiches/", views.sheet_list, name="sheet-list"),
    path("fiches/<slug:slug>/", views.sheet_detail, name="sheet-detail"),
    path("parcours/", views.path_list, name="path-list"),
    path("parcours/<slug:slug>/", views.path_detail, name="path-detail"),
]
