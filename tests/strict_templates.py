"""Tests make the project's templates strict: a variable or lookup that does not resolve
(`{{ missing }}`, `{{ step.by.username }}` when `step.by` is None, a related object that does not
exist), printed by one of the project's templates, raises instead of printing nothing, so that
the next such fault fails a test instead of a page. Production keeps Django's silence.

Installed as Django's `string_if_invalid` (tests/conftest.py). It is an empty string, so that
everything but printing reads it as production does: `{% if %}` and `{% for %}`, and filters
that replace an empty value (`default`, `length`…). The templates of installed packages (the
admin, crispy-forms, simple_history) rely on invalid lookups printing nothing, as Django's docs
warn: printed from one of theirs, it stays empty."""

import sys
import sysconfig
from pathlib import Path

from django.template.base import Node

INSTALLED = tuple({Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")})


class UnresolvedVariable(Exception):
    pass


def _printing_node() -> Node | None:
    """The template node printing the value, found up the stack (None outside a template)."""
    frame = sys._getframe(2)
    while frame is not None:
        node = frame.f_locals.get("self")
        if isinstance(node, Node):
            return node
        frame = frame.f_back
    return None


class Unresolved(str):
    """`string_if_invalid` in tests: "" to read, an error to print from the project's own
    templates."""

    def _printed(self) -> str:
        node = _printing_node()
        origin = getattr(node, "origin", None)
        if origin is None or any(Path(origin.name).is_relative_to(p) for p in INSTALLED):
            return ""
        raise UnresolvedVariable(
            f"{origin.name}: « {getattr(node.token, 'contents', '?')} » prints a variable that "
            "does not resolve (production would print nothing)"
        )

    # str() (autoescape off, string filters) and conditional_escape (autoescape on).
    __str__ = _printed
    __html__ = _printed
