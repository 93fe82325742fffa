from django.conf import settings
from django.http import HttpRequest

from linija.accounts.navigation import nav_items
from linija.accounts.selectors import is_administrator, is_supervisor, user_roles


def staff(request: HttpRequest) -> dict:
    """The person's staff roles for templates, and whether the demo "2FA off" badge shows."""
    user = getattr(request, "user", None)
    roles = user_roles(user)
    return {
        "staff_roles": roles,
        "staff_is_administrator": is_administrator(user),
        "staff_is_supervisor": is_supervisor(user),
        "two_factor_off": bool(roles) and not settings.LINIJA_REQUIRE_2FA,
        "staff_nav": nav_items("staff_nav", roles) if roles else [],
    }
