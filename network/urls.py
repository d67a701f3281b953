from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("", views.network_list, name="network-list"),
    path("<slug:slug>/", views.network_detail, name="network-detail"),
    path("<slug:slug>/export.csv", views.export_csv, name="export-csv"),
    path("<slug:slug>/export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("<slug:slug>/export.json", views.export_json, name="export-json"),
    path("<slug:slug>/rapport.pdf", views.report_pdf, name="report"),
    path("<slug:slug>/coordinateurs/", views.coordinators, name="coordinators"),
    path("<slug:slug>/coordinateurs/<int:pk>/retirer/", views.coordinator_remove,
         name="coordinator-remove"),
    path("<slug:slug>/coordinateurs/invitations/<int:pk>/renvoyer/",
         views.coordinator_invitation_resend, name="coordinator-invitation-resend"),
    path("<slug:slug>/coordinateurs/invitations/<int:pk>/annuler/",
         views.coordinator_invitation_cancel, name="coordinator-invitation-cancel"),
]
