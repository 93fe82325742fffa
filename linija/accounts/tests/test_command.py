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


def test_it_makes_the_role_groups_when_migrate_runs_with_debug_off(tmp_path):
    """A weakly held receiver was collected before migrate sent its signal (with DEBUG off):
    a new installation had no role groups."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "LINIJA_VAR_DIR": str(tmp_path),
        "LINIJA_DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    manage = [sys.executable, str(root / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=300)
    done = subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from django.contrib.auth.models import Group; "
            "print(sorted(Group.objects.values_list('name', flat=True)))",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "['administrator', 'specialist', 'supervisor']"
