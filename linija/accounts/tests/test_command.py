from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("demo_staff", stdout=out)
    return out.getvalue()


def test_it_creates_the_demo_accounts_idempotently(settings, django_user_model):
    settings.PRODUCTION = False

    first = run()
    second = run()

    assert django_user_model.objects.count() == 4
    assert first == second
    for username in ("specialistas", "specialistas2", "vadovas", "administratorius"):
        assert username in first
        assert django_user_model.objects.get(username=username).check_password("linija-demo")
    assert django_user_model.objects.get(username="administratorius").is_staff


def test_it_refuses_to_run_in_production(settings, django_user_model):
    settings.PRODUCTION = True

    with translation.override("en"), pytest.raises(CommandError, match="production"):
        run()
    assert not django_user_model.objects.exists()
