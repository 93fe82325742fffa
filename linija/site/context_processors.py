import re

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from linija.accounts.navigation import nav_items
from linija.site.models import Page


def phone_href(phone: str) -> str:
    """The number as a ``tel:`` link wants it: digits and a leading plus only."""
    return re.sub(r"[^\d+]", "", phone)


def path_in_language(path: str, code: str) -> str:
    """This page's address in another language, translated patterns and slugs included,
    resolved in the page's own language (the header links to it: the address alone sets the
    language). An address no pattern knows (a 404) keeps its path under the other prefix."""
    translated = translate_url(path, code)
    if translated != path:
        return translated
    current, default = get_language(), settings.LANGUAGE_CODE
    if current != default and path.startswith(f"/{current}/"):
        path = path[len(current) + 1 :]
    return path if code == default else f"/{code}{path}"


def site(request: HttpRequest) -> dict:
    return {
        "site_nav": [
            *Page.objects.filter(in_nav=True).order_by("order", "pk"),
            *nav_items("public_nav"),
        ],
        **line_facts(request),
    }


def line_facts(request: HttpRequest) -> dict:
    """What every page shows that comes from settings alone, without the database (the error
    pages render with these only)."""
    return {
        "line_phone": settings.LINIJA_PHONE,
        "line_phone_href": phone_href(settings.LINIJA_PHONE),
        "line_email": settings.LINIJA_EMAIL,
        "quick_exit_url": settings.LINIJA_QUICK_EXIT_URL,
        "dev_mode": settings.LINIJA_DEV_MODE,
        "language_switch": [
            (code, path_in_language(request.get_full_path(), code))
            for code, _name in settings.LANGUAGES
            if code != get_language()
        ],
    }
