from django.utils.cache import patch_cache_control


class PrivateNoStore:
    """Pages and downloads served to a logged-in person are kept by no cache, shared or not
    (a cluster's answers must not outlive the session in a proxy or on a shared computer).
    Responses that declare themselves public (the colours' stylesheet) are left as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response
