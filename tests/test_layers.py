"""Imports between apps point one way (DESIGN §9): each app imports only apps below it, so that
each can be read and changed alone. A new app gets its rank here.

Links point the same way: an app's Python may not name a URL of an app of its rank or above
(reverse, reverse_lazy, redirect with a literal « namespace:name »), nor may its templates
(`{% url 'namespace:name' %}`), the namespaces mapped to apps through the URLconf. A template
belongs to the app of its folder (templates/<app>/); the site's frame (base.html, the error pages,
components/, registration/, and the admin's and simple_history's overrides) belongs to config,
which serves it around every page and so may link anywhere. A lower page that needs a link
upwards gets the URL from above: from workspace.context_processors (a cluster's pages), from a
setting (ASSESSMENT_RESULTS_URL), or from a model's get_absolute_url, Django's hook for the page
of an object wherever it is served (a sheet's, a lever's), the one place a lower app's Python
may name a page above it. One model relation points upwards: an action of the plan belongs to
a strategic axis (plans.Action.axis names "strategy.Axis" by string), and plans reads the axes
through a callable named by a setting (PLAN_AXES), never importing strategy's code.
"""

import ast
import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

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
    # Reads the grid (the diagnosis) and the plan (indicators); below reports, whose pages
    # will show progress against its objectives.
    "strategy": 4.5,
    # Stakeholders answer a year's grid: reads the grid, the strategy's stakeholder categories
    # and the network's disclosure rules; the results page links to it (workspace).
    "consultation": 4.6,
    "guide": 5,  # pages that compose several domains
    "reports": 5,
    # The public bilan: composes the reports' notes and radars, the strategy and the plan;
    # the results page links to it through workspace.
    "bilans": 5.5,
    "workspace": 6,  # pages that compose clusters, grid, plans and reports (a person's home)
    "config": 7,
}
TEMPLATES = ROOT / "templates"
URL_TAG = re.compile(r"""{%\s*url\s+(['"])([\w-]+):[\w-]+\1""")
URL_FUNCTIONS = {"reverse", "reverse_lazy", "redirect"}


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


def url_apps() -> dict[str, str]:
    """The app each URL namespace of the project belongs to: the package of its URLconf
    module (Django's admin, given as a list of patterns, is its own)."""
    return {
        pattern.namespace: getattr(pattern.urlconf_module, "__name__", pattern.namespace)
        .split(".")[0]
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and pattern.namespace
    }


def named_namespaces(path: Path) -> set[str]:
    """The namespaces of the URL names a Python file or a template names literally."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return {match.group(2) for match in URL_TAG.finditer(text)}
    tree = ast.parse(text)
    hooks = {id(node) for function in ast.walk(tree)
             if isinstance(function, ast.FunctionDef) and function.name == "get_absolute_url"
             for node in ast.walk(function)}
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args or id(node) in hooks:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        first = node.args[0]
        if (name in URL_FUNCTIONS and isinstance(first, ast.Constant)
                and isinstance(first.value, str) and ":" in first.value):
            found.add(first.value.split(":")[0])
    return found


def template_app(path: Path) -> str:
    folder = path.relative_to(TEMPLATES).parts[0]
    return folder if folder in RANKS else "config"


def sources_of(app: str):
    yield from (ROOT / app).rglob("*.py")
    yield from (path for path in TEMPLATES.rglob("*.html") if template_app(path) == app)


@pytest.mark.parametrize("app", sorted(RANKS))
def test_an_app_links_only_to_apps_below_it(app):
    apps = url_apps()
    wrong = {
        f"{path.relative_to(ROOT)} names {namespace}:… (app {apps[namespace]})"
        for path in sources_of(app)
        for namespace in named_namespaces(path)
        if apps.get(namespace, app) != app and RANKS.get(apps[namespace], -1) >= RANKS[app]
    }
    assert not wrong, sorted(wrong)


def test_the_link_check_sees_the_names():
    assert url_apps()["workspace"] == "workspace" and url_apps()["reports"] == "reports"
    names = named_namespaces(TEMPLATES / "workspace" / "cluster_detail.html")
    assert {"workspace", "plans", "reports"} <= names
    assert "grid" in named_namespaces(ROOT / "grid" / "views" / "exchange.py")
    assert "reports" in named_namespaces(ROOT / "workspace" / "context_processors.py")
    assert "guide" not in named_namespaces(ROOT / "initiatives" / "models.py")  # the hook
