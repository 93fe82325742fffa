import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from linija.accounts import roles
from linija.accounts.context_processors import staff

pytestmark = pytest.mark.django_db


def context_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return staff(request)


def test_it_describes_a_supervisor(supervisor, two_factor_required):
    context = context_for(supervisor)
    nav = [item.url_name for item in context.pop("staff_nav")]
    assert context == {
        "staff_roles": {roles.SUPERVISOR},
        "staff_is_administrator": False,
        "staff_is_supervisor": True,
        "two_factor_off": False,
    }
    assert "consultations:list" in nav
    assert "admin:index" not in nav


def test_it_shows_the_administration_link_to_administrators_only(administrator, outsider):
    assert "admin:index" in [i.url_name for i in context_for(administrator)["staff_nav"]]
    assert context_for(outsider)["staff_nav"] == []


def test_it_flags_two_factor_off_for_staff_only(specialist, outsider, two_factor_optional):
    assert context_for(specialist)["two_factor_off"] is True
    assert context_for(outsider)["two_factor_off"] is False
    assert context_for(AnonymousUser())["staff_roles"] == set()


def test_it_treats_an_administrator_as_a_supervisor_too(administrator):
    context = context_for(administrator)

    assert context["staff_is_administrator"] is True
    assert context["staff_is_supervisor"] is True
