import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from linija.accounts.selectors import session_verified, staff_socket_allowed

pytestmark = pytest.mark.django_db


def test_it_trusts_only_a_session_verified_by_the_users_own_confirmed_device(
    specialist, other_specialist, specialist_device
):
    session = {DEVICE_ID_SESSION_KEY: specialist_device.persistent_id}

    assert session_verified(specialist, session)
    assert not session_verified(other_specialist, session)
    assert not session_verified(specialist, {})
    specialist_device.confirmed = False
    specialist_device.save()
    assert not session_verified(specialist, session)


def test_it_lets_staff_open_a_live_connection_only_when_verified_if_required(
    specialist, outsider, specialist_device, two_factor_required
):
    session = {DEVICE_ID_SESSION_KEY: specialist_device.persistent_id}

    assert staff_socket_allowed(specialist, session)
    assert not staff_socket_allowed(specialist, {})
    assert not staff_socket_allowed(outsider, session)


def test_it_lets_staff_connect_without_2fa_when_it_is_optional(specialist, two_factor_optional):
    assert staff_socket_allowed(specialist, {})
