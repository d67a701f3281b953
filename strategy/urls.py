from django.urls import path

from . import views

app_name = "strategy"
urlpatterns = [
    path("<slug:slug>/strategie/", views.overview, name="overview"),
    path("<slug:slug>/strategie/nouvelle/", views.create, name="create"),
    path("<slug:slug>/strategie/<int:start>/", views.period, name="period"),
    path("<slug:slug>/strategie/<int:start>/modifier/", views.edit, name="edit"),
    path("<slug:slug>/strategie/<int:start>/decision/", views.decision, name="decision"),
    path("<slug:slug>/strategie/<int:start>/suivante/", views.renew, name="renew"),
]
