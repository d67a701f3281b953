"""The work of `cluster_report --jobs N`'s processes.

Each worker is a fresh interpreter (forking a process that runs threads can leave the child
holding their locks): it imports this module before Django is set up, so models are imported
inside the functions only.
"""

from pathlib import Path

import django


def start(database: str) -> None:
    """Set Django up in the worker, on the very database the command reads."""
    django.setup()
    from django.db import connections

    connections["default"].settings_dict["NAME"] = database


def render_to(pk: int, directory: Path, language: str) -> str:
    """One cluster's report in `language` written into `directory`; returns its file name."""
    from grid.models import Assessment

    from .report import report_filename
    from .services import report_for

    assessment = Assessment.objects.select_related("cluster", "campaign__version").get(pk=pk)
    target = directory / report_filename(assessment)
    target.write_bytes(report_for(assessment, language=language))
    return target.name
