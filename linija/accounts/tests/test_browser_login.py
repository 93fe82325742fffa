"""A staff member logs in through a real browser: with a code, and by enrolling a new phone."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from linija.accounts.tests.conftest import current_code
from linija.testing.fixtures import PASSWORD

pytestmark = pytest.mark.browser

LOGIN_FORM = "form[action$='/staff/login/']"


def fill_login(page, live_server, code: str = "") -> None:
    page.goto(live_server.url + "/staff/login/")
    page.fill("#id_username", "ona")
    page.fill("#id_password", PASSWORD)
    if code:
        page.fill("#id_code", code)
    page.click(f"{LOGIN_FORM} button[type=submit]")


def test_it_logs_in_with_a_password_and_the_current_code(
    page, live_server, specialist, specialist_device, two_factor_required
):
    fill_login(page, live_server, code=current_code(specialist_device))

    page.wait_for_url(live_server.url + "/staff/inbox/")
    assert "Ona" in page.locator(".staff-user").inner_text()


def test_it_enrols_a_new_phone_through_the_qr_page(
    page, live_server, specialist, two_factor_required
):
    fill_login(page, live_server)
    page.wait_for_url("**/staff/two-factor/**")
    assert page.locator(".qr-code svg").count() == 1

    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    code = totp(b32decode(secret + "=" * (-len(secret) % 8)))
    page.fill("#id_code", f"{code:06d}")
    page.click("form[action$='/staff/two-factor/'] button[type=submit]")

    page.wait_for_url(live_server.url + "/staff/inbox/")
    assert "Ona" in page.locator(".staff-user").inner_text()
    assert TOTPDevice.objects.get(user=specialist).confirmed
