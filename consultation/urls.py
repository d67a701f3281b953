from django.urls import path

from . import views

app_name = "consultation"
urlpatterns = [
    path("poles/<slug:slug>/<int:year>/consultation/", views.manage, name="manage"),
    path("consultation/<str:token>/", views.answer, name="answer"),
]
