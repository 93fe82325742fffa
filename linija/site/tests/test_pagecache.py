"""Public pages kept in memory: what is kept, for whom, and until when."""

from __future__ import annotations

import asyncio

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linija.site import pagecache
from linija.site.models import Page
from linija.site.pagecache import GENERATION_KEY, MARK, PublicPageCache


class Django:
    """A stand-in for Django's ASGI application that counts the requests it answers."""

    def __init__(self, *, status=200, marked=True, cookie=False, wait=None):
        self.calls = 0
        self.status, self.marked, self.cookie, self.wait = status, marked, cookie, wait
        # The visitor left before the answer: Django cancels the view and sends nothing.
        self.gone = False

    async def __call__(self, scope, receive, send):
        self.calls += 1
        if self.wait is not None:
            await self.wait.wait()
        if self.gone:
            return
        headers = [(b"content-type", b"text/html")]
        if self.marked:
            headers.append((MARK.encode(), b"1"))
        if self.cookie:
            headers.append((b"set-cookie", b"csrftoken=x"))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"<p>", "more_body": True})
        await send({"type": "http.response.body", "body": f"{self.calls}</p>".encode()})


async def settle():
    """Let the layer's question for the content's generation be answered."""
    for _ in range(20):
        await asyncio.sleep(0.01)


async def started(django) -> PublicPageCache:
    """A layer that has learnt the content's generation (with one request of another page)."""
    layer = PublicPageCache(django)
    await get(layer, "/warm-up/")
    await settle()
    django.calls = 0
    return layer


GET = {"type": "http", "method": "GET", "path": "/", "query_string": b"", "headers": []}


async def receive():
    return {"type": "http.request"}


async def ignore(message):
    pass


async def get(layer, path="/", *, method="GET", cookie=None):
    headers = [(b"cookie", cookie.encode())] if cookie else []
    scope = {**GET, "method": method, "path": path, "headers": headers}
    sent = []

    async def send(message):
        sent.append(message)

    await layer(scope, receive, send)
    start = sent[0]
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def run(coroutine):
    return asyncio.run(coroutine)


@pytest.fixture(autouse=True)
def _fresh_generation():
    cache.delete(GENERATION_KEY)


def test_it_answers_the_second_visitor_from_memory_without_the_mark():
    django = Django()

    async def visit():
        layer = await started(django)
        first = await get(layer)
        second = await get(layer)
        head = await get(layer, method="HEAD")
        return first, second, head

    first, second, head = run(visit())
    assert django.calls == 1
    assert first[2] == second[2] == b"<p>1</p>"
    assert MARK.lower().encode() not in {name.lower() for name in second[1]}
    assert head[0] == 200 and head[2] == b""


@pytest.mark.parametrize(
    ("django", "cookie"),
    [
        (Django(marked=False), None),
        (Django(cookie=True), None),
        (Django(status=404), None),
        (Django(), "sessionid=abc"),
        (Django(), "csrftoken=1; messages=abc"),
    ],
    ids=["unmarked", "sets-a-cookie", "not-found", "logged-in", "flash-message"],
)
def test_it_never_keeps_what_may_be_personal(django, cookie):
    async def visit():
        layer = await started(django)
        return [await get(layer, cookie=cookie) for _ in range(3)]

    answers = run(visit())
    assert django.calls == 3
    assert [body for _, _, body in answers] == [b"<p>1</p>", b"<p>2</p>", b"<p>3</p>"]


def test_it_keeps_a_page_until_the_next_minute(monkeypatch):
    now = [600.5]
    monkeypatch.setattr(pagecache.time, "time", lambda: now[0])
    django = Django()

    async def visit():
        layer = await started(django)
        await get(layer)
        now[0] = 659.9
        await get(layer)
        calls_in_the_minute = django.calls
        now[0] = 660.0
        await get(layer)
        return calls_in_the_minute

    assert run(visit()) == 1
    assert django.calls == 2


def test_it_drops_every_page_within_a_second_of_a_content_change(monkeypatch):
    now = [600.0]
    monkeypatch.setattr(pagecache.time, "time", lambda: now[0])
    django = Django()

    async def visit():
        layer = await started(django)
        await get(layer)
        await get(layer)
        kept = django.calls
        cache.set(GENERATION_KEY, 7)
        now[0] += 1.5
        await get(layer)  # asks for the generation; answered from memory meanwhile
        await settle()
        await get(layer)
        return kept

    assert run(visit()) == 1
    assert django.calls == 2


def test_it_makes_a_page_once_for_a_crowd_asking_at_the_same_moment():
    release = None
    django = Django()

    async def visit():
        nonlocal release
        release = asyncio.Event()
        layer = await started(django)
        django.wait = release
        crowd = [asyncio.create_task(get(layer)) for _ in range(20)]
        await asyncio.sleep(0.05)
        release.set()
        return await asyncio.gather(*crowd)

    answers = run(visit())
    assert django.calls == 1
    assert {body for _, _, body in answers} == {b"<p>1</p>"}


def test_it_keeps_the_page_after_a_visitor_who_left_before_the_answer():
    django = Django()

    async def visit():
        layer = await started(django)
        django.gone = True
        await layer(GET, receive, ignore)
        django.gone = False
        return [await get(layer) for _ in range(3)]

    answers = run(visit())
    assert django.calls == 2
    assert {body for _, _, body in answers} == {b"<p>2</p>"}


PUBLIC = ["/", "/en/", "/apie-linija/", "/kontaktai/", "/privatumas/", "/duk/", "/duk/?q=globa"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC)
def test_it_marks_public_pages_and_writes_nothing_for_an_anonymous_reader(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert response.headers.get(MARK) == "1"
    assert not response.cookies
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


@pytest.mark.django_db
def test_it_does_not_mark_pages_for_staff_forms_or_a_status_in_the_browsers_language(
    client, specialist
):
    assert MARK not in client.get("/rasykite/").headers  # a form with a CSRF token
    assert MARK not in client.get("/hours/status.json").headers
    assert client.get("/hours/status.json?lang=en").headers[MARK] == "1"
    client.force_login(specialist)
    assert MARK not in client.get("/").headers


@pytest.mark.django_db
def test_it_tells_every_process_when_a_public_page_changes(django_capture_on_commit_callbacks):
    before = cache.get(GENERATION_KEY, 0)
    page = Page.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        page.save()
    assert cache.get(GENERATION_KEY) == before + 1
