"""The project's own error pages (400, 403 with CSRF failures, 404, 405, 500), in the
visitor's language, with the quick exit on public paths and without it on staff paths.

They render from settings alone, without the context processors, the database or a session,
so that a 500 still shows while the database is down. ``ErrorPageMiddleware`` gives the bare
405 of ``require_POST`` and of class-based views the same page, and with ``DEBUG`` (``make run``)
the 404s that Django would answer with its English debug page.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _

from linija.accounts.middleware import guarded_path
from linija.site.context_processors import line_facts

ERRORS = {
    400: (
        _("The request could not be understood"),
        _("Something in the request was wrong. Go back and try again."),
    ),
    403: (
        _("This page is not open to you"),
        _(
            "You may not open this page, or the form was open too long. "
            "Go back, reload the page and try again."
        ),
    ),
    404: (
        _("Page not found"),
        _("There is no page at this address. It may have moved, or the address has a typo."),
    ),
    405: (
        _("This address does not open this way"),
        _("This address only takes a form's button. Go back and use the page's buttons."),
    ),
    500: (
        _("Something went wrong on our side"),
        _("The page could not be shown because of an error in Linija. Try again in a moment."),
    ),
}


def error_response(request: HttpRequest, status: int) -> HttpResponse:
    title, message = ERRORS[status]
    context = {
        "status": status,
        "title": title,
        "message": message,
        "staff": guarded_path(request.path_info),
        **line_facts(request),
    }
    return HttpResponse(loader.render_to_string("error.html", context), status=status)


def bad_request_view(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 400)


def permission_denied_view(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 403)


def csrf_failure_view(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_response(request, 403)


def not_found_view(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 404)


def server_error_view(request: HttpRequest) -> HttpResponse:
    return error_response(request, 500)


class ErrorPageMiddleware:
    """A 405 without a body (``require_POST``, a view's ``http_method_not_allowed``) gets the
    error page, keeping its ``Allow`` header. With ``DEBUG``, an address no pattern knows and a
    view's ``Http404`` get the 404 page too (a view's own 404 answer is left alone)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = error_response(request, 405)
            page["Allow"] = response["Allow"]
            return page
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return error_response(request, 404)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404):
            return error_response(request, 404)
        return None
