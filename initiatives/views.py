from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from . import selectors
from .content_admin import may_preview_markdown
from .markdown import render_markdown


@require_safe
def matrix(request):
    return render(request, "initiatives/matrix.html", selectors.matrix_sections())


@require_safe
def approach(request):
    return render(request, "initiatives/approach.html", selectors.approach_page())


@require_safe
@cache_control(public=True, max_age=300)
def colours(request):
    """The enjeux' and paths' colours as CSS classes: pages carry no inline style (CSP)."""
    return render(request, "initiatives/colours.css", selectors.colours(), content_type="text/css")


@login_required
@require_POST
def markdown_preview(request):
    """A content admin's Markdown as the public pages show it: rendered then sanitised by the
    same function (initiatives.markdown.render_markdown). Writes nothing."""
    if not may_preview_markdown(request):
        raise PermissionDenied
    text = request.POST.get("text")
    if text is None:
        return JsonResponse({"error": _("Aucun texte à prévisualiser.")}, status=400)
    return JsonResponse({"html": render_markdown(text)})
