"""Staff login, two-factor enrolment or verification, and logout."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import user_has_device

from linija.accounts.forms import OneTimeCodeForm, StaffLoginForm
from linija.accounts.selectors import is_staff_member, totp_setup
from linija.accounts.services import (
    LoginOutcome,
    staff_login,
    staff_logout,
    totp_device_confirm,
    totp_device_prepare,
    two_factor_verify,
)
from linija.privacy import limits

# Failed logins from one address, whatever the user names (django-axes counts each user name
# from each address apart).
LOGIN_SCOPE = "login-address"


def next_url(request: HttpRequest) -> str:
    """Where to go after logging in: a safe ``next`` of this site, or the consultations list."""
    candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password", "code")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    required = settings.LINIJA_REQUIRE_2FA
    form = StaffLoginForm(request.POST or None, two_factor_required=required)
    destination = next_url(request)
    if request.method == "POST":
        client = limits.request_client(request)
        wait = limits.rate_wait(scope=LOGIN_SCOPE, who=client)
        if wait:
            return limits.limited_page(request, "accounts/login_limited.html", wait)
    if request.method == "POST" and form.is_valid():
        outcome = staff_login(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            token=form.cleaned_data["code"],
        )
        if outcome is LoginOutcome.SIGNED_IN:
            return redirect(destination)
        if outcome is LoginOutcome.ENROL:
            query = urlencode({REDIRECT_FIELD_NAME: destination})
            return redirect(f"{reverse('accounts:two_factor')}?{query}")
        limits.rate_hit(scope=LOGIN_SCOPE, who=client)
        # On LOCKED_OUT django-axes' middleware replaces this page with its lockout page.
        form.add_error(
            None,
            _(
                "The user name, password or code is not correct, or this account cannot "
                "use the staff area. Please try again."
            ),
        )
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": destination, "two_factor_required": required},
    )


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not is_staff_member(user):
        raise PermissionDenied
    destination = next_url(request)
    if user.is_verified():
        return redirect(destination)
    form = OneTimeCodeForm(request.POST or None)
    context = {"form": form, "next": destination}
    if user_has_device(user):
        if request.method == "POST" and form.is_valid():
            outcome = two_factor_verify(request=request, token=form.cleaned_data["code"])
            if outcome is LoginOutcome.SIGNED_IN:
                return redirect(destination)
            form.add_error("code", _("That code is not correct. Enter the current code."))
        return render(request, "accounts/two_factor.html", {**context, "enrol": False})
    device = totp_device_prepare(user=user)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(request=request, device=device, token=form.cleaned_data["code"]):
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(destination)
        form.add_error(
            "code",
            _(
                "That code is not correct. Check that the time on your phone is right "
                "and enter the code the app shows now."
            ),
        )
    return render(
        request, "accounts/two_factor.html", {**context, "enrol": True, **totp_setup(device)}
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    staff_logout(request=request)
    messages.info(request, _("You have logged out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)
