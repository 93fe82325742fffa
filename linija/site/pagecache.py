"""Public pages served from memory while they cannot have changed: a surge of anonymous
visitors (the line on television) is answered on the event loop, without Django's request
cycle, its middleware and the template engine.

A view opts in with ``@public_cache`` (or ``public_cache_mark`` for a response that is the same
for everyone only sometimes). ``PublicPageCache`` wraps the ASGI application: it keeps a marked
response of an anonymous GET until the next minute boundary (the line's status, printed on
every page, changes at most on the minute) or until content changes (``public_pages_changed``,
connected to the models that public pages show), and answers the same path and query from
memory. What it never keeps: a response that sets a cookie or used a CSRF token, a response to
a request carrying a session or messages cookie (a logged-in specialist, a visitor with a flash
message), anything but a 200.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

MARK = "X-Linija-Public-Cache"
MARK_BYTES = MARK.lower().encode()
# How long a visitor waits for the same page being made for another before making it too.
PENDING_WAIT_SECONDS = 5.0
GENERATION_KEY = "site:public-pages:generation"
# How often each process asks the shared cache whether content changed (seconds).
GENERATION_CHECK_SECONDS = 1.0
MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024
# The models whose rows public pages show: a change to any of them drops every kept page.
PUBLIC_CONTENT = (
    "site.Page",
    "knowledge.Article",
    "consultations.Topic",
    "hours.WeeklyHours",
    "hours.HoursException",
    "privacy.RetentionRule",
)


def _next_minute(now: float) -> float:
    return (now // 60 + 1) * 60


def public_cache_mark(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Let ``response`` be kept for every anonymous visitor, unless it is personal."""
    personal = (
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.cookies
        or response.status_code != 200
        or getattr(getattr(request, "user", None), "is_authenticated", False)
    )
    if not personal:
        response[MARK] = "1"
    return response


def public_cache(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view whose response is the same for every anonymous visitor of its URL."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return public_cache_mark(request, view(request, *args, **kwargs))

    return wrapped


def public_content_connect() -> None:
    """Connect ``public_pages_changed`` to every model of ``PUBLIC_CONTENT``."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for label in PUBLIC_CONTENT:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(public_pages_changed, sender=model, dispatch_uid=f"public:{label}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                public_pages_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"public:{label}:{field.name}",
            )


def public_pages_changed(**kwargs: Any) -> None:
    """Receiver: content a public page shows changed; every process drops its pages."""

    def bump() -> None:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 1, timeout=None)

    transaction.on_commit(bump)


@dataclass
class Entry:
    start: dict
    body: bytes
    expires: float
    generation: Any


class PublicPageCache:
    """ASGI middleware in front of Django's HTTP application (see the module's comment)."""

    def __init__(self, app: Callable) -> None:
        self.app = app
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.size = 0
        self.generation: Any = None
        self.checked = 0.0
        self.checking: asyncio.Task | None = None
        self.pending: dict[tuple, asyncio.Future] = {}
        self.passing: dict[tuple, float] = {}

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or _personal(scope):
            await self.app(scope, receive, send)
            return
        now = time.time()
        self._check_generation(now)
        key = _key(scope)
        if await self._send_kept(scope, key, send, now):
            return
        if self.passing.get(key, 0) > now:
            await self.app(scope, receive, send)
            return
        pending = self.pending.get(key)
        if pending is not None:
            # The same page is being made for another visitor: wait for it rather than
            # make it again (when a page expires, the whole crowd asks for it at once).
            await asyncio.wait({pending}, timeout=PENDING_WAIT_SECONDS)
            if await self._send_kept(scope, key, send, time.time()):
                return
            await self.app(scope, receive, send)
            return
        self.pending[key] = asyncio.get_running_loop().create_future()
        kept: dict[str, Any] = {}
        try:
            await self.app(scope, receive, self._keeper(scope, key, send, kept))
        finally:
            self.pending.pop(key).set_result(None)
        if kept.get("answered") and "start" not in kept:
            # Not for everyone (a form with a CSRF token, an error): the next visitors of
            # this minute go straight to Django without waiting for one another. A request
            # that got no answer (its visitor left first, Django cancelled it) says nothing:
            # else one impatient visitor of a slow first page sent a whole crowd to Django.
            if len(self.passing) >= MAX_ENTRIES:
                self.passing.clear()
            self.passing[key] = _next_minute(now)

    async def _send_kept(self, scope: dict, key: tuple, send: Callable, now: float) -> bool:
        entry = self.entries.get(key)
        if entry is None or entry.expires <= now or entry.generation != self.generation:
            return False
        self.entries.move_to_end(key)
        await send(entry.start)
        body = b"" if scope["method"] == "HEAD" else entry.body
        await send({"type": "http.response.body", "body": body})
        return True

    def _keeper(self, scope: dict, key: tuple, send: Callable, kept: dict) -> Callable:
        """``send``, keeping a marked response whole in ``kept`` as it passes (with the mark
        taken off), then in the cache. Static files are kept as they are (their names change
        with their content in production)."""
        generation = self.generation
        static = scope["path"].startswith(settings.STATIC_URL)

        async def keep(message: dict) -> None:
            if message["type"] == "http.response.start":
                kept["answered"] = True
                headers = message.get("headers", [])
                marked = static or any(name.lower() == MARK_BYTES for name, _ in headers)
                if marked:
                    headers = [(n, v) for n, v in headers if n.lower() != MARK_BYTES]
                    message = {**message, "headers": headers}
                    cookies = any(name.lower() == b"set-cookie" for name, _ in headers)
                    if message["status"] == 200 and scope["method"] == "GET" and not cookies:
                        kept.update(start=message, body=[])
            elif message["type"] == "http.response.body" and "start" in kept:
                kept["body"].append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._store(key, kept["start"], b"".join(kept["body"]), generation)
            await send(message)

        return keep

    def _store(self, key: tuple, start: dict, body: bytes, generation: Any) -> None:
        # Not before the generation is known, nor if the content changed meanwhile.
        if generation is None or generation != self.generation or len(body) > MAX_BYTES // 100:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.entries[key] = Entry(start, body, _next_minute(time.time()), generation)
        self.size += len(body)
        while len(self.entries) > MAX_ENTRIES or self.size > MAX_BYTES:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)

    def _check_generation(self, now: float) -> None:
        """Ask the shared cache for the content's generation at most once a second, off the
        event loop (a slow or absent Redis must not hold the loop); until the answer comes
        the pages of the known generation are served."""
        if now - self.checked < GENERATION_CHECK_SECONDS or self.checking is not None:
            return
        self.checked = now

        async def check() -> None:
            try:
                generation = await asyncio.to_thread(cache.get, GENERATION_KEY, 0)
            except Exception:  # the cache is down: keep pages a second at most
                generation = object()
            finally:
                self.checking = None
            if generation != self.generation:
                self.generation = generation
                self.entries.clear()
                self.passing.clear()
                self.size = 0

        self.checking = asyncio.ensure_future(check())


def _key(scope: dict) -> tuple:
    """What a kept response is found by: the path, the query and, since static files are sent
    compressed to a client that takes it, the encodings the client accepts."""
    encoding = b""
    if scope["path"].startswith(settings.STATIC_URL):
        encoding = next((v for n, v in scope.get("headers", []) if n == b"accept-encoding"), b"")
    return (scope["path"], scope.get("query_string", b""), encoding)


def _personal(scope: dict) -> bool:
    """A request whose answer may be personal: it carries a session or a flash message."""
    names = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            cookies = value.decode("latin-1")
            if any(f"{cookie}=" in cookies for cookie in names):
                return True
    return False
