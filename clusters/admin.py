from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Cluster, Membership, Network, Sector


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "region", "size"]
    list_filter = ["kind", "region", "size", "sectors", "networks"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "logo"]}),
        (_("Profil"), {"fields": ["kind", "region", "sectors", "size"]}),
    ]
    inlines = [MembershipInline]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "cluster_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["clusters", "coordinators"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cluster_total=Count("clusters"))

    @admin.display(description=_("pôles"), ordering="cluster_total")
    def cluster_count(self, network):
        return network.cluster_total
