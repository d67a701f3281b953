from django.urls import path

from . import views

app_name = "bilans"
urlpatterns = [
    path("poles/<slug:slug>/<int:year>/bilan/", views.manage, name="manage"),
    path("bilans/", views.bilan_list, name="list"),
    path("bilans/<slug:slug>/<int:year>/", views.public, name="public"),
    path("bilans/<slug:slug>/<int:year>/bilan.pdf", views.public_pdf, name="pdf"),
]
