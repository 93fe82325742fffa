import re

from django.conf import settings
from django.http import HttpRequest

from linija.accounts.navigation import nav_items
from linija.site.models import Page


def phone_href(phone: str) -> str:
    """The number as a ``tel:`` link wants it: digits and a leading plus only."""
    return re.sub(r"[^\d+]", "", phone)


def site(request: HttpRequest) -> dict:
    return {
        "site_nav": [
            *Page.objects.filter(in_nav=True).order_by("order", "pk"),
            *nav_items("public_nav"),
        ],
        "line_phone": settings.LINIJA_PHONE,
        "line_phone_href": phone_href(settings.LINIJA_PHONE),
        "line_email": settings.LINIJA_EMAIL,
        "quick_exit_url": settings.LINIJA_QUICK_EXIT_URL,
    }
