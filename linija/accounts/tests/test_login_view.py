import pytest
from axes.models import AccessAttempt
from django_otp import DEVICE_ID_SESSION_KEY

from linija.accounts.models import AuditEntry
from linija.accounts.tests.conftest import current_code, en_url, wrong_code
from linija.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/en/staff/login/"
GENERIC = "The user name, password or code is not correct"


def log_in(client, username, password=PASSWORD, code="", **extra):
    return client.post(LOGIN, {"username": username, "password": password, "code": code, **extra})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_it_shows_the_form_with_a_one_time_code_field(client, two_factor_required):
    response = client.get(LOGIN)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    assert "autofocus" in html
    assert "demo mode" not in html


def test_it_notes_when_two_factor_is_off(client, two_factor_optional):
    response = client.get(LOGIN)

    assert "Two-factor authentication is not required on this server." in response.content.decode()


def test_it_logs_in_with_password_and_code_and_is_verified(
    client, specialist, specialist_device, two_factor_required
):
    response = log_in(client, "ona", code=current_code(specialist_device))

    assert response.status_code == 302
    assert response["Location"] == en_url("inbox:index")
    assert logged_in_user_id(client) == str(specialist.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == specialist_device.persistent_id
    assert client.get(LOGIN).wsgi_request.user.is_verified()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN)
    assert (entry.actor, entry.detail) == (specialist, {"two_factor": True})
    assert entry.ip_address == "127.0.0.1"


def test_it_goes_to_a_safe_next_address_only(
    client, specialist, specialist_device, two_factor_required
):
    response = log_in(
        client, "ona", code=current_code(specialist_device), next="https://evil.example/"
    )

    assert response["Location"] == en_url("inbox:index")


def test_it_refuses_a_wrong_code_and_counts_it_as_a_failed_login(
    client, specialist, specialist_device, two_factor_required
):
    response = log_in(client, "ona", code=wrong_code(specialist_device))

    assert response.status_code == 200
    assert GENERIC in response.content.decode()
    assert logged_in_user_id(client) is None
    assert AccessAttempt.objects.get(username="ona").failures_since_start == 1
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.LOGIN_FAILED
    assert entry.actor == specialist
    assert entry.detail == {"username": "ona", "reason": "code", "locked_out": False}


def test_it_refuses_a_missing_code_when_the_user_has_a_device(
    client, specialist, specialist_device, two_factor_optional
):
    response = log_in(client, "ona")

    assert GENERIC in response.content.decode()
    assert logged_in_user_id(client) is None
    assert AccessAttempt.objects.get(username="ona").failures_since_start == 1


def test_it_locks_out_after_five_failures_even_for_the_right_password(
    client, specialist, specialist_device, two_factor_required
):
    responses = [log_in(client, "ona", password="wrong-password") for _ in range(5)]

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    response = log_in(client, "ona", code=current_code(specialist_device))
    assert response.status_code == 429
    assert "Login blocked for a while" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert logged_in_user_id(client) is None
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN).exists()
    assert AuditEntry.objects.filter(detail__locked_out=True).count() == 2


def test_it_refuses_a_person_without_a_staff_role_with_the_same_message(
    client, outsider, two_factor_optional
):
    response = log_in(client, "pasalinis")

    assert GENERIC in response.content.decode()
    assert logged_in_user_id(client) is None
    assert AuditEntry.objects.get().detail["reason"] == "not_staff"


def test_it_gives_the_same_message_for_an_unknown_user_and_a_wrong_password(
    client, specialist, two_factor_optional
):
    unknown = log_in(client, "nobody", password="whatever-it-is")
    wrong = log_in(client, "ona", password="whatever-it-is")

    def error_box(response):
        html = response.content.decode()
        return html[
            html.index('class="errors"') : html.index("</div>", html.index('class="errors"'))
        ]

    assert GENERIC in error_box(unknown)
    assert error_box(unknown) == error_box(wrong)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED).count() == 2


def test_it_sends_a_user_without_a_device_to_enrolment_when_two_factor_is_required(
    client, specialist, two_factor_required
):
    response = log_in(client, "ona")

    assert response.status_code == 302
    assert response["Location"].startswith(en_url("accounts:two_factor"))
    assert logged_in_user_id(client) == str(specialist.pk)
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert AuditEntry.objects.get().detail == {"two_factor": False}


def test_it_logs_in_with_the_password_alone_when_two_factor_is_off(
    client, specialist, two_factor_optional
):
    response = log_in(client, "ona")

    assert response["Location"] == en_url("inbox:index")
    assert logged_in_user_id(client) == str(specialist.pk)


def test_it_explains_bad_input_and_changes_nothing(client, specialist, two_factor_required):
    response = log_in(client, "ona", password="", code="12ab!")

    html = response.content.decode()
    assert "This field is required." in html
    assert "Enter the 6-digit code shown in your authenticator app." in html
    assert logged_in_user_id(client) is None
    assert not AuditEntry.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_it_logs_out_on_post_only_and_records_it(client, specialist):
    client.force_login(specialist)

    assert client.get("/en/staff/logout/").status_code == 405
    response = client.post("/en/staff/logout/")

    assert response.status_code == 302
    assert logged_in_user_id(client) is None
    assert AuditEntry.objects.get().action == AuditEntry.Action.LOGOUT
    assert AuditEntry.objects.get().actor == specialist


def test_it_limits_failed_logins_from_one_address_across_user_names(
    client, specialist, settings, two_factor_optional
):
    settings.LINIJA_RATE_LIMITS = {**settings.LINIJA_RATE_LIMITS, "login-address": "6/900"}
    for number in range(6):
        assert log_in(client, f"guess{number}", password="wrong").status_code == 200
    assert not AccessAttempt.objects.filter(failures_since_start__gte=2).exists()

    refused = log_in(client, "ona")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many login attempts" in refused.content.decode()
    assert logged_in_user_id(client) is None
    other_address = client.post(
        LOGIN, {"username": "ona", "password": PASSWORD, "code": ""}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_address.status_code == 302


def test_it_does_not_count_successful_logins_against_the_address(
    client, specialist, settings, two_factor_optional
):
    settings.LINIJA_RATE_LIMITS = {**settings.LINIJA_RATE_LIMITS, "login-address": "2/900"}
    for _attempt in range(3):
        assert log_in(client, "ona").status_code == 302
        client.logout()

    assert log_in(client, "ona").status_code == 302
