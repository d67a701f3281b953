from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("", views.cluster_list, name="cluster-list"),
    path("<slug:slug>/", views.cluster_detail, name="cluster-detail"),
    path("<slug:slug>/profil/", views.cluster_profile, name="cluster-profile"),
    path("<slug:slug>/commencer/", views.assessment_start, name="assessment-start"),
    path("<slug:slug>/membres/", views.members, name="members"),
    path("<slug:slug>/membres/<int:pk>/role/", views.member_role, name="member-role"),
    path("<slug:slug>/membres/<int:pk>/retirer/", views.member_remove, name="member-remove"),
    path("<slug:slug>/membres/invitations/<int:pk>/renvoyer/", views.invitation_resend,
         name="invitation-resend"),
    path("<slug:slug>/membres/invitations/<int:pk>/annuler/", views.invitation_cancel,
         name="invitation-cancel"),
]
