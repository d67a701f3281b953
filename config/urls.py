from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.forms import LoginForm, PasswordResetMailForm
from accounts.views import PasswordResetConfirmView, language_set
from workspace.views import home, invitation_accept

from .views import healthz

# The admin names the product it runs, in the reader's language (Django's own is « Django »).
admin.site.site_header = _("Autoévaluation développement durable des pôles — administration")
admin.site.site_title = _("Autoévaluation DD des pôles — administration")
admin.site.index_title = _("Contenus, grilles et comptes")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
    path("langue/", language_set, name="set-language"),
    path("comptes/connexion/", auth_views.LoginView.as_view(authentication_form=LoginForm),
         name="login"),
    path("comptes/deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "comptes/mot-de-passe/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "comptes/mot-de-passe/fait/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("comptes/", include("accounts.urls")),
    # « Mot de passe oublié »: the same answer whether or not the address has an account.
    path("comptes/mot-de-passe/oubli/",
         auth_views.PasswordResetView.as_view(form_class=PasswordResetMailForm),
         name="password_reset"),
    path("comptes/mot-de-passe/oubli/envoye/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("comptes/reinitialiser/<uidb64>/<token>/", PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("comptes/reinitialiser/fait/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("comptes/invitation/<str:token>/", invitation_accept, name="invitation-accept"),
    path("poles/", include("workspace.urls")),
    path("poles/", include("grid.urls")),
    path("poles/", include("reports.urls")),
    path("poles/", include("plans.urls")),
    path("poles/", include("strategy.urls")),
    path("", include("consultation.urls")),
    path("", include("bilans.urls")),
    path("reseau/", include("network.urls")),
    path("glossaire/", include("glossary.urls")),
    path("retours/", include("experiences.urls")),
    # The guide's home for visitors, the person's home once logged in (workspace.views.home).
    path("", home, name="home"),
    path("", include("guide.urls")),
    path("", include("initiatives.urls")),
]
# Uploaded logos, for the admin's preview link; a no-op without DEBUG (the web server serves them).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "config.views.bad_request"
