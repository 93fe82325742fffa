import pytest

pytest_plugins = [
    "linija.testing.fixtures",
    "linija.testing.services",
    "linija.testing.browser",
    "linija.testing.asgi_server",
]


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
