"""Two-factor helpers shared by the accounts tests."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def en_url(name: str, **kwargs) -> str:
    """A URL in English, so the tests read English messages whatever is compiled."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"


@pytest.fixture
def specialist_device(specialist):
    return TOTPDevice.objects.create(user=specialist, name="phone", confirmed=True)


@pytest.fixture
def two_factor_required(settings):
    settings.LINIJA_REQUIRE_2FA = True
    return settings


@pytest.fixture
def two_factor_optional(settings):
    settings.LINIJA_REQUIRE_2FA = False
    return settings
