"""Security headers on every response: a strict Content-Security-Policy (no inline script or
style anywhere), a Permissions-Policy that turns off what Linija never uses, and no caching of
staff pages by shared caches. And the logout of staff who left a session unattended."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext

from linija.accounts.selectors import is_staff_member
from linija.accounts.services import staff_logout
from linija.privacy.sessions import idle_expired, session_touch

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view that must differ (the chat widget's frame) sets its own complete policy.
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response


class StaffIdleTimeoutMiddleware:
    """Log out a staff member whose previous request was more than
    ``LINIJA_STAFF_IDLE_MINUTES`` ago, and send them to the login page with a message.

    The time of the last request is kept in the session; it goes after the authentication and
    the messages middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated or not is_staff_member(request.user):
            return self.get_response(request)
        now = time.time()
        minutes = settings.LINIJA_STAFF_IDLE_MINUTES
        if idle_expired(request.session, now):
            staff_logout(request=request)
            messages.info(
                request,
                ngettext(
                    "You were logged out after %(minutes)d minute without activity.",
                    "You were logged out after %(minutes)d minutes without activity.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            target = reverse(settings.LOGIN_URL)
            if request.method == "GET":
                target = f"{target}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}"
            return redirect(target)
        session_touch(request.session, now)
        return self.get_response(request)
