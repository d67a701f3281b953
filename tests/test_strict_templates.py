"""Tests render the project's templates strictly (tests/strict_templates.py): what does not
resolve fails when printed, and reads as production reads it everywhere else."""

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from tests.strict_templates import UnresolvedVariable


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize("source", [
    "{{ missing }}",
    "{{ step.by.username }}",
    "{{ step.by.username|upper }}",
    "{% load i18n %}{% blocktranslate with who=step.by.username %}{{ who }}{% endblocktranslate %}",
])
def test_printing_what_does_not_resolve_fails(source):
    with pytest.raises(UnresolvedVariable, match="does not resolve"):
        render(source, step={"by": None})


def test_tests_and_filters_read_it_as_production_does():
    step = {"by": None}
    assert render("{% if step.by.username %}oui{% else %}non{% endif %}", step=step) == "non"
    assert render("{% for x in missing %}{{ x }}{% endfor %}|{{ missing|default:'—' }}") == "|—"
    assert render("{{ missing|length }}") == "0"


def test_the_project_file_that_prints_it_is_named(tmp_path, settings):
    (tmp_path / "broken.html").write_text("<p>{{ step.by.username }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with pytest.raises(UnresolvedVariable, match=r"broken\.html: « step\.by\.username »"):
        render_to_string("broken.html", {"step": {"by": None}})


def test_installed_packages_templates_keep_djangos_silence():
    # The admin's list filter, given neither its title nor its choices.
    html = render_to_string("admin/filter.html", {})
    assert '<details data-filter-title="" open>' in html
