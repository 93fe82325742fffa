import importlib

import pytest
from django.apps import apps

from linija.site.models import Page

pytestmark = pytest.mark.django_db

seed = importlib.import_module("linija.site.migrations.0002_seed_pages")

TITLES = {
    "apie-mus": ("Apie mus", "About us"),
    "apie-linija": ("Apie liniją", "About the line"),
    "parama": ("Parama", "Support us"),
    "kokybe": ("Kokybė", "Quality"),
    "kontaktai": ("Kontaktai", "Contacts"),
    "privatumas": ("Privatumo pranešimas", "Privacy notice"),
}


def test_it_seeds_all_six_pages_in_both_languages():
    pages = {page.slug: page for page in Page.objects.all()}

    assert set(TITLES) <= set(pages)
    for slug, (title_lt, title_en) in TITLES.items():
        page = pages[slug]
        assert (page.title_lt, page.title_en) == (title_lt, title_en)
        assert page.body_lt.strip()
        assert page.body_en.strip()
        assert "## " in page.body_lt or slug == "kontaktai"


def test_it_keeps_the_privacy_notice_out_of_the_nav():
    in_nav = dict(Page.objects.values_list("slug", "in_nav"))

    assert in_nav["privatumas"] is False
    assert all(in_nav[slug] for slug in TITLES if slug != "privatumas")


def test_it_copies_the_centres_own_texts():
    about = Page.objects.get(slug="apie-mus").body_lt
    line = Page.objects.get(slug="apie-linija").body_lt

    assert "Kauno miesto savivaldybė (toliau – Savininkas), Laisvės al. 96" in about
    assert "1995 m. gruodžio mėnesį miesto taryba įsteigė" in about
    assert "08.4.1-ESFA-V-405-02-0001" in line
    assert "Kiekvieną darbo dieną nuo 12 iki 20 val." in line


def test_it_explains_the_support_without_inventing_codes():
    support = Page.objects.get(slug="parama")

    for text in (
        "1,2 %",
        "FR0512",
        "iki gegužės 1 d.",
        "iki 5 metų",
        "Vaikų gerovės centrą „Pastogė“",
    ):
        assert text in support.body_lt
    for text in ("1.2 %", "FR0512", "by 1 May", "up to 5 years"):
        assert text in support.body_en
    assert "111106319" not in support.body_lt + support.body_en
    assert "IBAN" not in support.body_lt + support.body_en


def test_it_lists_the_ten_equass_principles():
    quality = Page.objects.get(slug="kokybe").body_en

    for principle in (
        "Leadership",
        "Staff",
        "Rights",
        "Ethics",
        "Partnership",
        "Participation",
        "Person-centred approach",
        "Comprehensiveness",
        "Result orientation",
        "Continuous improvement",
    ):
        assert f"**{principle}**" in quality


def test_it_covers_the_privacy_essentials():
    notice = Page.objects.get(slug="privatumas")

    for text in ("VDAI", "VVTAĮT", "112", "BDAR", "duomenų apsaugos pareigūn"):
        assert text in notice.body_lt
    for text in ("GDPR", "two-factor", "is logged", "Retention periods are set"):
        assert text in notice.body_en


def test_it_unseeds_and_reseeds_without_duplicates():
    seed.unseed_pages(apps, None)
    assert not Page.objects.filter(slug__in=TITLES).exists()

    seed.seed_pages(apps, None)
    seed.seed_pages(apps, None)

    assert Page.objects.filter(slug__in=TITLES).count() == len(TITLES)
