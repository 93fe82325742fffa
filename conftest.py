import pytest

pytest_plugins = [
    "linija.testing.fixtures",
    "linija.testing.services",
    "linija.testing.browser",
    "linija.testing.asgi_server",
]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A PostgreSQL test database of this run's own: another run on the same server (CI may
    run two) would otherwise create, use and drop the same ``test_<name>_gw0``."""
    import uuid

    from django.conf import settings
    from pytest_django.fixtures import _set_suffix_to_test_databases

    if not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        _set_suffix_to_test_databases(suffix=uuid.uuid4().hex[:8])


@pytest.fixture(scope="session", autouse=True)
def _channel_groups_of_its_own():
    """The xdist workers, and other runs, share Redis: each worker's channel groups live
    under a prefix of its own, which the servers it starts inherit."""
    import os
    import uuid

    from django.conf import settings
    from django.test import override_settings

    prefix = f"test-{uuid.uuid4().hex[:12]}"
    os.environ["LINIJA_CHANNEL_PREFIX"] = prefix
    layers = {}
    for name, layer in settings.CHANNEL_LAYERS.items():
        config = {**layer["CONFIG"], "prefix": prefix} if "CONFIG" in layer else None
        layers[name] = {**layer, "CONFIG": config} if config else layer
    with override_settings(CHANNEL_LAYERS=layers):
        yield


@pytest.fixture(autouse=True)
def _huey_runs_tasks_inline():
    """Tasks run at once inside tests; the worker's own queue is tested apart."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield


@pytest.fixture(autouse=True)
def _cache_of_its_own(settings):
    """Each test counts rate limits in a cache namespace of its own (Redis is shared)."""
    import uuid

    default = {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    settings.CACHES = {**settings.CACHES, "default": default}


@pytest.fixture(autouse=True)
def _default_language():
    """A test that switched the language (a request, ``translation.activate``) must not leave
    it switched for the next one."""
    from django.utils import translation

    yield
    translation.deactivate()
