from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from linija.site.pagecache import public_cache
from linija.site.selectors import page_get, week_hours

PRIVACY_SLUG = "privatumas"
CONTACTS_SLUG = "kontaktai"


@public_cache
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html")


@public_cache
def page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "site/page.html", {"page": page_get(slug=slug)})


@public_cache
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice, with the retention periods as they are set now."""
    return render(request, "site/privacy.html", {"page": page_get(slug=PRIVACY_SLUG)})


@public_cache
def contacts(request: HttpRequest) -> HttpResponse:
    context = {"page": page_get(slug=CONTACTS_SLUG), "week": week_hours()}
    return render(request, "site/contacts.html", context)
