import pytest

from linija.site.context_processors import phone_href, site
from linija.site.models import Page

pytestmark = pytest.mark.django_db


def test_it_gives_the_nav_pages_in_order_in_one_query(rf, django_assert_num_queries):
    Page.objects.filter(slug="parama").update(order=0)

    with django_assert_num_queries(1):
        nav = site(rf.get("/"))["site_nav"]
        slugs = [item.slug for item in nav if isinstance(item, Page)]

    assert slugs == ["parama", "apie-linija", "apie-mus", "kokybe", "kontaktai"]


def test_it_gives_the_line_details_from_settings(rf, settings):
    settings.LINIJA_PHONE = "8 800 20 300"
    settings.LINIJA_EMAIL = "linija@example.lt"
    settings.LINIJA_QUICK_EXIT_URL = "https://neutral.example/"

    context = site(rf.get("/"))

    assert context["line_phone"] == "8 800 20 300"
    assert context["line_phone_href"] == "880020300"
    assert context["line_email"] == "linija@example.lt"
    assert context["quick_exit_url"] == "https://neutral.example/"


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("8 800 20 300", "880020300"),
        ("+370 (800) 20-300", "+37080020300"),
        ("880020300", "880020300"),
    ],
)
def test_it_keeps_only_digits_and_plus_in_the_phone_link(phone, href):
    assert phone_href(phone) == href
