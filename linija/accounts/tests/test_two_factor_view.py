from base64 import b32encode

import pytest
from axes.models import AccessAttempt
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from linija.accounts.models import AuditEntry
from linija.accounts.tests.conftest import current_code, en_url, wrong_code
from linija.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db

TWO_FACTOR = "/en/staff/two-factor/"


def test_it_shows_an_inline_svg_qr_code_and_the_secret_for_enrolment(
    specialist_client, specialist, two_factor_required
):
    response = specialist_client.get(TWO_FACTOR)

    assert response.status_code == 200
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=specialist)
    assert not device.confirmed
    assert '<svg width="' in html
    assert 'xmlns="http://www.w3.org/2000/svg"' in html
    assert "data:image" not in html
    assert "style=" not in html
    secret = b32encode(device.bin_key).decode()
    page_secret = html.split('id="totp-secret">')[1].split("<")[0].replace(" ", "")
    assert page_secret == secret


def test_it_keeps_the_same_pending_device_between_visits(
    specialist_client, specialist, two_factor_required
):
    specialist_client.get(TWO_FACTOR)
    specialist_client.get(TWO_FACTOR)

    assert TOTPDevice.objects.filter(user=specialist).count() == 1


def test_it_confirms_the_device_with_a_valid_code(
    specialist_client, specialist, two_factor_required
):
    specialist_client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=specialist)

    response = specialist_client.post(TWO_FACTOR, {"code": current_code(device)})

    assert response.status_code == 302
    assert response["Location"] == en_url("inbox:index")
    device.refresh_from_db()
    assert device.confirmed
    assert specialist_client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id) == (
        AuditEntry.Action.TWO_FACTOR,
        specialist,
        str(device.pk),
    )


def test_it_changes_nothing_on_a_wrong_enrolment_code(
    specialist_client, specialist, two_factor_required
):
    specialist_client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=specialist)

    response = specialist_client.post(TWO_FACTOR, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "That code is not correct." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert DEVICE_ID_SESSION_KEY not in specialist_client.session
    assert not AuditEntry.objects.exists()


def test_it_explains_a_malformed_code(specialist_client, specialist, two_factor_required):
    response = specialist_client.post(TWO_FACTOR, {"code": "abc"})

    assert "Enter the 6-digit code shown in your authenticator app." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=specialist, confirmed=True).exists()


def test_it_asks_a_user_with_a_device_for_a_code_and_verifies(
    specialist_client, specialist, specialist_device, two_factor_required
):
    page = specialist_client.get(TWO_FACTOR).content.decode()
    assert "Enter your code" in page
    assert "<svg" not in page

    response = specialist_client.post(TWO_FACTOR, {"code": current_code(specialist_device)})

    assert response.status_code == 302
    assert specialist_client.session[DEVICE_ID_SESSION_KEY] == specialist_device.persistent_id
    assert AuditEntry.objects.get().detail == {"two_factor": True}


def test_it_counts_a_wrong_verification_code_and_logs_out_at_the_lockout(
    specialist_client, specialist, specialist_device, two_factor_required
):
    first = specialist_client.post(TWO_FACTOR, {"code": wrong_code(specialist_device)})
    assert first.status_code == 200
    assert AccessAttempt.objects.get(username="ona").failures_since_start == 1

    responses = [
        specialist_client.post(TWO_FACTOR, {"code": wrong_code(specialist_device)})
        for _ in range(4)
    ]

    assert responses[-1].status_code == 429
    assert "_auth_user_id" not in specialist_client.session


def test_it_sends_a_verified_user_on(client, specialist, specialist_device, two_factor_required):
    client.post(
        "/en/staff/login/",
        {"username": "ona", "password": PASSWORD, "code": current_code(specialist_device)},
    )

    response = client.get(TWO_FACTOR + "?next=/en/staff/consultations/")

    assert response.status_code == 302
    assert response["Location"] == "/en/staff/consultations/"


def test_it_sends_an_anonymous_visitor_to_the_login(client):
    response = client.get(TWO_FACTOR)

    assert response.status_code == 302
    assert response["Location"].startswith(en_url("accounts:login"))


def test_it_refuses_a_person_without_a_staff_role(outsider_client, two_factor_required):
    assert outsider_client.get(TWO_FACTOR).status_code == 403
    assert not TOTPDevice.objects.exists()
