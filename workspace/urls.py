from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("", views.cluster_list, name="cluster-list"),
    path("<slug:slug>/", views.cluster_detail, name="cluster-detail"),
    path("<slug:slug>/profil/", views.cluster_profile, name="cluster-profile"),
    path("<slug:slug>/commencer/", views.assessment_start, name="assessment-start"),
]
