"""Imports between apps point one way (DESIGN §9): each app imports only apps below it, so that
each can be read and changed alone. A new app gets its rank here."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RANKS = {
    "accounts": 0,  # a person's own settings: knows no other app
    "initiatives": 0,  # content: knows no cluster or assessment
    "glossary": 1,
    "experiences": 1,
    "clusters": 2,  # people
    "grid": 3,  # the assessment core: knows nothing of plans, networks or pages
    "plans": 4,  # progress
    "network": 4,  # aggregates across clusters
    "guide": 5,  # pages that compose several domains
    "reports": 5,
    "workspace": 6,  # pages that compose clusters, grid, plans and reports (a person's home)
    "config": 7,
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(RANKS)


@pytest.mark.parametrize("app", sorted(RANKS))
def test_an_app_imports_only_apps_below_it(app):
    wrong = {
        f"{path.relative_to(ROOT)} imports {other}"
        for path in (ROOT / app).rglob("*.py")
        for other in imported_apps(path)
        if other != app and RANKS[other] >= RANKS[app]
    }
    assert not wrong, sorted(wrong)


def test_every_app_has_a_rank():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(RANKS), sorted(apps - set(RANKS))
