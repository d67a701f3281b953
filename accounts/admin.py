from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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
