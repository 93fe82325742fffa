"""Users every test module shares: a specialist, a second specialist, a supervisor, an
administrator and an outsider (logged in, but with no staff role)."""

import importlib

import pytest
from django.contrib.auth.models import Group

from linija.accounts import roles

PASSWORD = "correct-horse-battery-staple"


def make_user(django_user_model, username: str, role: str | None):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, first_name=username.capitalize()
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def specialist(db, django_user_model):
    return make_user(django_user_model, "ona", roles.SPECIALIST)


@pytest.fixture
def other_specialist(db, django_user_model):
    return make_user(django_user_model, "petras", roles.SPECIALIST)


@pytest.fixture
def supervisor(db, django_user_model):
    return make_user(django_user_model, "vadove", roles.SUPERVISOR)


@pytest.fixture
def administrator(db, django_user_model):
    return make_user(django_user_model, "admine", roles.ADMINISTRATOR)


@pytest.fixture
def outsider(db, django_user_model):
    return make_user(django_user_model, "pasalinis", None)


def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def specialist_client(client, specialist):
    return logged_in(client, specialist)


@pytest.fixture
def supervisor_client(client, supervisor):
    return logged_in(client, supervisor)


@pytest.fixture
def administrator_client(client, administrator):
    return logged_in(client, administrator)


@pytest.fixture
def outsider_client(client, outsider):
    return logged_in(client, outsider)


SEEDS = [
    ("linija.hours.migrations.0002_seed_weekly_hours", "seed"),
    ("linija.consultations.migrations.0002_seed_taxonomies", "seed"),
    ("linija.site.migrations.0002_seed_pages", "seed_pages"),
    ("linija.knowledge.migrations.0003_seed_articles", "seed_articles"),
]


@pytest.fixture
def seeded(transactional_db):
    """A transactional test (a live server, a browser) ends with a flushed database: run the
    seeding migrations again, so the hours, taxonomies and pages are there."""
    from django.apps import apps

    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
