from csp.constants import UNSAFE_INLINE
from django.urls import reverse


class AdminInlineStylesMiddleware:
    """Let the Django admin keep its inline style attributes (import previews use
    them); the portal's own pages have none, and their policy stays 'self' only.
    Scripts stay strict everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path.startswith(self.admin_prefix):
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response
