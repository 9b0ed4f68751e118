"""Error pages in the portal's layout, language and direction, saying what to do
next and giving the request's reference (the logs carry the same).

Django renders 400 and 500 without the request's context; these handlers give
them what they need — never the database, which may be what failed.
"""

from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def _reference(request) -> str:
    return getattr(request, "request_id", "")


@requires_csrf_token
def bad_request(request, exception=None):
    """A request the portal could not read: a form beyond the limits, a damaged one."""
    html = loader.get_template("400.html").render({"request_id": _reference(request)})
    return HttpResponseBadRequest(html)


@requires_csrf_token
def server_error(request):
    """Something failed after the request was read: a write may have happened."""
    context = {
        "request_id": _reference(request),
        "may_have_saved": request.method == "POST",
        "back_url": request.path if request.method == "POST" else "",
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))
