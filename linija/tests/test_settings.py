"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "x" * 20 + "-production-secret-key-for-the-test-only-" + "y" * 20


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LINIJA_", "DATABASE_"))}
    clean.pop("SECRET_KEY", None)
    clean.pop("ALLOWED_HOSTS", None)
    clean.pop("REDIS_URL", None)
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    clean["DJANGO_SETTINGS_MODULE"] = "linija.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def python(script: str, environment: dict[str, str], **env: str) -> subprocess.CompletedProcess:
    """Run ``script`` in a fresh interpreter with the settings of ``environment`` and ``env``."""
    environment = {**environment, "DJANGO_SETTINGS_MODULE": "linija.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_it_refuses_production_without_a_secret_key(tmp_path):
    result = manage(
        "check",
        LINIJA_MODE="production",
        ALLOWED_HOSTS="linija.example",
        LINIJA_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_production_without_allowed_hosts(tmp_path):
    result = manage(
        "check", LINIJA_MODE="production", SECRET_KEY=PRODUCTION_KEY, LINIJA_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_it_passes_the_deploy_check_in_production(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        LINIJA_MODE="production",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="linija.example",
        LINIJA_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_defaults_to_sqlite_in_wal_mode(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.db import connection; from django.conf import settings;"
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode');"
        "print(connection.vendor, cursor.fetchone()[0],"
        " settings.CHANNEL_LAYERS['default']['BACKEND'], settings.HUEY['huey_class'])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = python(script, clean, LINIJA_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "sqlite",
        "wal",
        "linija.chat.layers.ThrottledInMemoryChannelLayer",
        "huey.SqliteHuey",
    ]
    assert (tmp_path / "linija.sqlite3").exists()


def test_it_switches_to_postgres_and_redis_from_urls(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE'],"
        " settings.CHANNEL_LAYERS['default']['BACKEND'], settings.HUEY['huey_class'],"
        " settings.CACHES['default']['BACKEND'], settings.CACHES['default']['KEY_PREFIX'])"
    )
    result = python(
        script,
        dict(os.environ),
        LINIJA_VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://someone@db.example:5432/linija",
        REDIS_URL="redis://cache.example:6379/0",
        LINIJA_CACHE_PREFIX="pastoge",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "channels_redis.core.RedisChannelLayer",
        "huey.RedisHuey",
        "django.core.cache.backends.redis.RedisCache",
        "pastoge",
    ]


def test_it_reads_lists_and_ports_once_with_their_defaults(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.LINIJA_CHAT_ALLOWED_ORIGINS, settings.LINIJA_IMAP_PORT,"
        " settings.LINIJA_SMTP_PORT, settings.LINIJA_IMAP_WATCH_SECONDS)"
    )
    result = python(
        script,
        {k: v for k, v in os.environ.items() if not k.startswith("LINIJA_")},
        LINIJA_VAR_DIR=str(tmp_path),
        LINIJA_CHAT_ALLOWED_ORIGINS="https://www.globoscentrai.lt, https://portal.example/",
        LINIJA_IMAP_SECURITY="STARTTLS",
        LINIJA_SMTP_TLS="tls",
        LINIJA_IMAP_WATCH_SECONDS="-5",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "['https://www.globoscentrai.lt', 'https://portal.example'] 143 465 0"
    )


def test_it_refuses_an_unknown_mail_security(tmp_path):
    result = manage("check", LINIJA_VAR_DIR=str(tmp_path), LINIJA_SMTP_TLS="startls")
    assert result.returncode != 0
    assert "LINIJA_SMTP_TLS" in result.stderr
