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
