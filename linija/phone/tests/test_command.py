import pytest
from django.core.management import CommandError, call_command

from linija.phone.models import Exchange
from linija.phone.services import DEMO_EXCHANGE_TOKEN

pytestmark = pytest.mark.django_db


def test_it_prints_the_demo_webhook_with_the_demo_logins(capsys):
    call_command("demo_load", records=0)

    output = capsys.readouterr().out
    url = f"http://127.0.0.1:8000/api/v1/cti/{DEMO_EXCHANGE_TOKEN}"
    assert "linija-demo" in output
    assert url in output
    assert f"-d cause=normalClearing {url}" in output
    assert "101 = specialistas" in output
    assert Exchange.objects.get().enabled


def test_it_prints_the_address_of_another_server(capsys):
    call_command("demo_phone", base_url="https://linija.example/")

    output = capsys.readouterr().out
    assert f"https://linija.example/api/v1/cti/{DEMO_EXCHANGE_TOKEN}" in output


def test_it_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError):
        call_command("demo_phone")

    assert not Exchange.objects.exists()
