"""Production mode requires the second factor; staff sessions end after a while unused."""

from linija.tests.test_settings import PRODUCTION_KEY, manage

SHOW = (
    "from django.conf import settings; "
    "print(settings.LINIJA_REQUIRE_2FA, settings.LINIJA_STAFF_IDLE_MINUTES)"
)


def test_it_requires_two_factor_and_an_idle_logout_in_production(tmp_path):
    result = manage(
        "shell",
        "-c",
        SHOW,
        LINIJA_MODE="production",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="linija.example",
        LINIJA_VAR_DIR=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["True", "30"]


def test_it_takes_the_idle_time_from_the_environment(tmp_path):
    result = manage(
        "shell", "-c", SHOW, LINIJA_VAR_DIR=str(tmp_path), LINIJA_STAFF_IDLE_MINUTES="10"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["False", "10"]
