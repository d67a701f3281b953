from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("<slug:slug>/plan/", views.action_list, name="action-list"),
    path("<slug:slug>/plan/nouvelle/", views.action_create, name="action-create"),
    path("<slug:slug>/plan/<int:pk>/", views.action_detail, name="action-detail"),
    path("<slug:slug>/plan/<int:pk>/modifier/", views.action_edit, name="action-edit"),
    path("<slug:slug>/plan/<int:pk>/commentaire/", views.action_comment, name="action-comment"),
    path("<slug:slug>/parcours/", views.path_progress, name="path-progress"),
    path("<slug:slug>/parcours/<int:step>/", views.step_mark, name="step-mark"),
]
