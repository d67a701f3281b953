from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    """For load balancers and uptime checks; also the trivial baseline of bench/pages.py."""
    return HttpResponse("ok", content_type="text/plain")
