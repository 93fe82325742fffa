import pytest

from linija.accounts.middleware import guarded_path
from linija.accounts.tests.conftest import current_code, en_url
from linija.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "guarded"),
    [
        ("/staff/consultations/", True),
        ("/en/staff/consultations/", True),
        ("/admin/", True),
        ("/en/admin/auth/user/", True),
        ("/", False),
        ("/en/", False),
        ("/staffing/", False),
        ("/static/linija/css/site.css", False),
    ],
)
def test_it_knows_the_staff_area_and_the_admin(path, guarded):
    assert guarded_path(path) is guarded


@pytest.mark.parametrize("path", ["/staff/consultations/", "/en/staff/consultations/", "/admin/"])
def test_it_sends_an_unverified_session_to_the_two_factor_page(
    specialist_client, two_factor_required, path
):
    response = specialist_client.get(path)

    assert response.status_code == 302
    assert "/staff/two-factor/?next=" in response["Location"]


def test_it_lets_the_login_two_factor_and_logout_pages_through(
    specialist_client, two_factor_required
):
    assert specialist_client.get("/en/staff/login/").status_code == 200
    assert specialist_client.get("/en/staff/two-factor/").status_code == 200
    assert specialist_client.post("/en/staff/logout/").status_code == 302
    assert "_auth_user_id" not in specialist_client.session


def test_it_leaves_the_public_site_alone(specialist_client, two_factor_required):
    response = specialist_client.get("/en/")

    assert "two-factor" not in response.get("Location", "")


def test_it_lets_a_verified_session_through(
    client, specialist, specialist_device, two_factor_required
):
    client.post(
        "/en/staff/login/",
        {"username": "ona", "password": PASSWORD, "code": current_code(specialist_device)},
    )

    response = client.get(en_url("inbox:index"))

    assert response.status_code == 200


def test_it_does_nothing_when_two_factor_is_off(specialist_client, two_factor_optional):
    response = specialist_client.get(en_url("inbox:index"))

    assert response.status_code == 200
