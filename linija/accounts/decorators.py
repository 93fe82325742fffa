from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from linija.accounts.selectors import is_staff_member, is_supervisor


def staff_required(view):
    """Let in a logged-in member of a staff role, verified by 2FA when it is required."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if settings.LINIJA_REQUIRE_2FA and not user.is_verified():
            return redirect("accounts:two_factor")
        if not is_staff_member(user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def supervisor_required(view):
    """Let in a supervisor or an administrator (as ``staff_required``); anyone else on the staff
    gets the 404 of a missing page, as ``access_<thing>()`` answers."""

    @staff_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_supervisor(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
