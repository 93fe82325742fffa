import pytest

from linija.chat import live, services
from linija.consultations.models import CallerCategory, Topic


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The shared user fixtures hash a password each; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def go_online(user, status: str = "online"):
    """The specialist opens the console and sets a status."""
    services.presence_connect(user=user)
    services.presence_set(user=user, status=status)
    return user


@pytest.fixture
def online():
    return go_online


@pytest.fixture
def start_chat():
    """A visitor joins the queue: returns (session, token)."""

    def start(**kwargs):
        return services.chat_start(**kwargs)

    return start


@pytest.fixture
def category():
    return CallerCategory.objects.get(code="guardian")


@pytest.fixture
def topic():
    return Topic.objects.get(code="eligibility")


@pytest.fixture
def safeguarding():
    return Topic.objects.get(code="safeguarding")


@pytest.fixture
def sent(monkeypatch):
    """Every (group, message) the services hand to the channel layer."""
    sends: list[tuple[str, dict]] = []
    monkeypatch.setattr(live, "broadcast", lambda *items: sends.extend(items))
    return sends
