"""Keep a logged-in but unverified person out of the staff area and the admin."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language_from_path

GUARDED_PREFIXES = ("/staff/", "/admin/")
OPEN_VIEWS = {
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor",
    "admin:login",
    "admin:logout",
}


def guarded_path(path: str) -> bool:
    """Whether ``path``, without its language prefix, is in the staff area or the admin."""
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        path = path[len(language) + 1 :]
    return path.startswith(GUARDED_PREFIXES) and not path.startswith(settings.STATIC_URL)


class StaffTwoFactorMiddleware:
    """With ``LINIJA_REQUIRE_2FA`` (read on every request), send a person who logged in with a
    password but has not passed the second factor to the two-factor page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not settings.LINIJA_REQUIRE_2FA:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.view_name in OPEN_VIEWS or not guarded_path(request.path_info):
            return None
        target = reverse("accounts:two_factor")
        if request.method == "GET":
            target = f"{target}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}"
        return redirect(target)
