"""Tests that need a real service (PostgreSQL, Redis, Chromium, Dovecot) ask for it here.

On a laptop without the service such a test is skipped with the reason shown in the summary.
With ``LINIJA_REQUIRE_SERVICES=1`` (set by ``.ci/run``) a missing service fails the test.
"""

import os

import pytest


def services_required() -> bool:
    return os.environ.get("LINIJA_REQUIRE_SERVICES", "") in {"1", "true", "yes"}


def service_missing(reason: str):
    if services_required():
        pytest.fail(f"{reason} (LINIJA_REQUIRE_SERVICES=1 makes this a failure)")
    pytest.skip(reason)


@pytest.fixture
def redis_url():
    from django.conf import settings

    url = settings.REDIS_URL or os.environ.get("LINIJA_TEST_REDIS_URL", "")
    if not url:
        service_missing("Redis not configured: set REDIS_URL")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        service_missing(f"Redis at {url} does not answer: {error}")
    return url


@pytest.fixture
def redis_down(settings):
    """The cache and the channel layer on a Redis that refuses every connection (a closed
    port): its URL, for a server started with ``asgi_server(REDIS_URL=…)`` too."""
    from linija.privacy import limits
    from linija.testing.asgi_server import free_port

    url = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [url]}}
    }
    limits.local_cache.clear()
    yield url
    limits.local_cache.clear()
