from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The pages that compose a person's clusters: their list, a cluster's years with its plan
    and reports, its profile, the start of a year (clusters, grid, plans, reports)."""

    name = "workspace"
