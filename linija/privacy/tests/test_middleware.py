"""Every page carries the security headers and obeys its own policy: no inline script, no
inline style, no event-handler attributes — checked by crawling the site as each role. Staff
are logged out after a while without activity."""

import time
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlencode, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from linija.accounts.models import AuditEntry
from linija.privacy.middleware import CSP
from linija.privacy.sessions import LAST_SEEN

pytestmark = pytest.mark.django_db


class InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        named = dict(attrs)
        if tag == "script" and not named.get("src") and named.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        for name, _value in attrs:
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
        if tag == "a" and named.get("href"):
            self.links.append(named["href"])


def crawl(client, start: str = "/", limit: int = 60) -> dict[str, list[str]]:
    """Pages reachable from ``start`` on this site (GET only), with the inline code found."""
    seen: dict[str, list[str]] = {}
    queue = [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            seen[path] = []
            continue
        assert response["Content-Security-Policy"] == CSP or path.startswith("/pokalbis")
        finder = InlineFinder()
        finder.feed(response.content.decode())
        seen[path] = finder.problems
        for href in finder.links:
            url = urlparse(urldefrag(href).url)
            if url.scheme or url.netloc or not url.path.startswith("/"):
                continue
            if any(part in url.path for part in ("/logout", "/media/", "/static/", "/admin/")):
                continue
            queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return seen


def test_it_sends_the_security_headers(client):
    response = client.get("/")
    assert response["Content-Security-Policy"] == CSP
    assert "script-src 'self'" in CSP and "'unsafe-inline'" not in CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_it_keeps_staff_pages_out_of_shared_caches(specialist_client):
    response = specialist_client.get("/staff/consultations/")
    assert response["Cache-Control"] == "private, no-store"


def test_it_has_no_inline_code_on_public_pages(client):
    pages = crawl(client) | crawl(client, "/en/")
    assert len(pages) >= 8
    assert {path: found for path, found in pages.items() if found} == {}


@pytest.mark.parametrize("role", ["specialist", "supervisor"])
def test_it_has_no_inline_code_on_staff_pages(client, request, role):
    client.force_login(request.getfixturevalue(role))
    pages = crawl(client, "/staff/consultations/")
    assert len(pages) >= 3
    assert {path: found for path, found in pages.items() if found} == {}


def idle_for(client, minutes: float) -> None:
    session = client.session
    session[LAST_SEEN] = time.time() - minutes * 60
    session.save()


def test_it_keeps_an_active_staff_member_logged_in(specialist_client):
    specialist_client.get(reverse("inbox:index"))
    idle_for(specialist_client, 29)

    response = specialist_client.get(reverse("inbox:index"))

    assert response.status_code == 200
    assert time.time() - specialist_client.session[LAST_SEEN] < 60


def test_it_writes_a_staff_members_activity_at_most_once_a_minute(specialist_client):
    specialist_client.get(reverse("inbox:index"))
    idle_for(specialist_client, 0.5)
    with CaptureQueriesContext(connection) as queries:
        specialist_client.get(reverse("inbox:index"))
    assert not [q["sql"] for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    idle_for(specialist_client, 1.5)
    with CaptureQueriesContext(connection) as queries:
        specialist_client.get(reverse("inbox:index"))
    assert [q["sql"] for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert time.time() - specialist_client.session[LAST_SEEN] < 60


def test_it_logs_out_a_staff_member_after_the_idle_time(specialist_client, specialist):
    with translation.override("en"):
        inbox, login = reverse("inbox:index"), reverse("accounts:login")
    specialist_client.get(inbox)
    idle_for(specialist_client, 31)

    response = specialist_client.get(inbox, follow=True)

    assert response.redirect_chain[0] == (f"{login}?{urlencode({'next': inbox})}", 302)
    assert "_auth_user_id" not in specialist_client.session
    assert "after 30 minutes without activity" in response.content.decode()
    assert AuditEntry.objects.filter(actor=specialist, action="logout").exists()


def test_it_follows_the_configured_idle_time(specialist_client, settings):
    settings.LINIJA_STAFF_IDLE_MINUTES = 5
    specialist_client.get(reverse("inbox:index"))
    idle_for(specialist_client, 6)

    response = specialist_client.post(reverse("inbox:index"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in specialist_client.session


def test_it_leaves_people_without_a_staff_role_alone(outsider_client):
    outsider_client.get("/")
    idle_for(outsider_client, 120)

    outsider_client.get("/")

    assert "_auth_user_id" in outsider_client.session
