from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The mails sent and waiting, to see what a refusing mail server held back; read-only:
    `manage.py send_pending_mail` retries."""

    list_display = ("created_at", "address", "subject", "kind", "status", "attempts", "sent_at")
    list_filter = ("status", "kind", "language")
    search_fields = ("address", "subject")
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]
    fieldsets = [
        (None, {"fields": ("address", "recipient", "kind", "language", "subject", "status")}),
        (_("Envoi"), {"fields": ("attempts", "last_error", "claimed_at", "created_at",
                                 "sent_at")}),
        (_("Contenu"), {"fields": ("text", "html")}),
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- third-party admins in the reader's language (config.third_party_names has their field
# names; what they write as plain English strings is said again here) ---

PERMISSION_ACTIONS = {
    "add": _("Peut ajouter : %(model)s"), "change": _("Peut modifier : %(model)s"),
    "delete": _("Peut supprimer : %(model)s"), "view": _("Peut voir : %(model)s"),
}


def permission_label(permission) -> str:
    """« Fiches-initiatives | Peut modifier : fiche-initiative » where Django stores « Can change
    fiche-initiative » in English, once, when the table is created."""
    model = permission.content_type.model_class()
    action, _separator, model_name = permission.codename.partition("_")
    if model is None or action not in PERMISSION_ACTIONS or model_name != model._meta.model_name:
        return str(permission)
    recorded = getattr(model, "instance_type", None)  # simple_history's « historical … » models
    name = (gettext("historique de %(model)s") % {"model": recorded._meta.verbose_name}
            if recorded else model._meta.verbose_name)
    action_label = PERMISSION_ACTIONS[action] % {"model": name}
    return f"{model._meta.app_config.verbose_name} | {action_label}"


class PermissionLabels:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


class GroupPermissionsAdmin(PermissionLabels, GroupAdmin):
    """Django's groups, their permissions named in the reader's language."""


class UserPermissionsAdmin(PermissionLabels, UserAdmin):
    """Django's accounts, their permissions named in the reader's language."""


admin.site.unregister(Group)
admin.site.register(Group, GroupPermissionsAdmin)
admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserPermissionsAdmin)


@admin.display(description=_("tâche"))
def task_name(result):
    return result.task_name


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = [task_name if name == "task_name" else name
                    for name in DBTaskResultAdmin.list_display]

    @admin.display(description=_("trace d'erreur"))
    def formatted_traceback(self, result):
        return super().formatted_traceback(result)

    @admin.display(description=_("à lancer après"))
    def display_run_after(self, result):
        return super().display_run_after(result)
