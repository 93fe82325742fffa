import pytest

from linija.phone.models import BlockedNumber, Exchange
from linija.privacy.pseudonyms import pseudonym

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.lt", "x" * 12)
    client.force_login(user)
    return client


def form(exchange: Exchange, *rows: tuple[str, str]) -> dict:
    data = {
        "name": exchange.name,
        "enabled": "on",
        "token": exchange.token,
        "blocked_numbers-TOTAL_FORMS": str(len(rows)),
        "blocked_numbers-INITIAL_FORMS": "0",
        "blocked_numbers-MIN_NUM_FORMS": "0",
        "blocked_numbers-MAX_NUM_FORMS": "1000",
    }
    for index, (number, reason) in enumerate(rows):
        data[f"blocked_numbers-{index}-number"] = number
        data[f"blocked_numbers-{index}-reason"] = reason
    return data


def test_it_shows_the_webhook_address(admin_client):
    exchange = Exchange.objects.create(name="PBX")

    page = admin_client.get(f"/en/admin/phone/exchange/{exchange.pk}/change/").content.decode()

    assert exchange.webhook_path() in page


def test_it_stores_a_blocked_number_only_as_its_pseudonym(admin_client):
    exchange = Exchange.objects.create(name="PBX")

    response = admin_client.post(
        f"/en/admin/phone/exchange/{exchange.pk}/change/",
        form(exchange, ("8 612 34567", "abusive calls")),
    )

    assert response.status_code == 302
    blocked = BlockedNumber.objects.get()
    assert blocked.caller_key == pseudonym("phone", "+37061234567")
    assert blocked.reason == "abusive calls"
    page = admin_client.get(f"/en/admin/phone/exchange/{exchange.pk}/change/").content.decode()
    assert "34567" not in page


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ((("12", ""),), "Enter a phone number"),
        ((("861234567", ""), ("+37061234567", "")), "The same number is entered twice."),
    ],
)
def test_it_refuses_a_wrong_or_repeated_number(admin_client, rows, message):
    exchange = Exchange.objects.create(name="PBX")

    response = admin_client.post(
        f"/en/admin/phone/exchange/{exchange.pk}/change/", form(exchange, *rows)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BlockedNumber.objects.exists()


def test_it_refuses_a_number_already_blocked(admin_client):
    exchange = Exchange.objects.create(name="PBX")
    BlockedNumber.objects.create(exchange=exchange, caller_key=pseudonym("phone", "861234567"))

    response = admin_client.post(
        f"/en/admin/phone/exchange/{exchange.pk}/change/",
        {**form(exchange, ("+370 612 34567", "")), "blocked_numbers-INITIAL_FORMS": "0"},
    )

    assert "This number is already blocked." in response.content.decode()
    assert BlockedNumber.objects.count() == 1
