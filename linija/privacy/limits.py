"""Rate limits on the public endpoints, counted in Django's cache (shared by the server's
processes when the cache is Redis).

Each scope has a limit ``"requests/seconds"`` in ``settings.LINIJA_RATE_LIMITS`` (every one can
be set from the environment: ``LINIJA_RATE_LIMIT_<SCOPE>``). A window starts with the first
request of one client (an address, an exchange's token, a chat) and lasts that many seconds;
past the limit the client is refused until the window ends, and told how long that is.
While the shared cache does not answer (Redis down), each process counts in its own memory:
the limits hold per process and the endpoints keep working.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from linija.accounts.services import client_ip

logger = logging.getLogger(__name__)
# Where the counts go while the shared cache is down.
local_cache = LocMemCache("linija-limits", {})


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int


def limit_of(scope: str) -> Limit:
    """The configured limit of ``scope`` (a ``KeyError`` names a scope nobody configured)."""
    requests, _slash, seconds = str(settings.LINIJA_RATE_LIMITS[scope]).partition("/")
    return Limit(requests=int(requests), seconds=max(1, int(seconds or 60)))


def _keys(scope: str, who: str) -> tuple[str, str]:
    # Tokens and addresses are hashed: the cache never holds them readable.
    digest = hashlib.sha256(who.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    base = f"linija:limit:{scope}:{digest}"
    return f"{base}:start", f"{base}:count"


def _counted(count: Callable[[Any], int]) -> int:
    """``count(cache)`` in the shared cache, or in this process's memory when it fails."""
    try:
        return count(cache)
    except Exception as error:  # Redis refused, timed out or broke mid-answer: any backend's
        logger.warning("Rate limits counted in memory, the shared cache failed: %r", error)
        return count(local_cache)


def _window(store: Any, scope: str, who: str, limit: Limit) -> tuple[str, float]:
    """The count key of the client's current window and the window's start."""
    start_key, count_key = _keys(scope, who)
    now = time.time()
    store.add(start_key, now, limit.seconds)
    start = store.get(start_key, now)
    return f"{count_key}:{start!r}", start


def _retry_after(start: float, limit: Limit) -> int:
    return max(1, math.ceil(start + limit.seconds - time.time()))


def rate_hit(*, scope: str, who: str) -> int:
    """Count one request of ``who``: 0 when it is allowed, else the seconds to wait."""
    limit = limit_of(scope)

    def count(store: Any) -> int:
        key, start = _window(store, scope, who, limit)
        store.add(key, 0, limit.seconds + 1)
        try:
            count = store.incr(key)
        except ValueError:
            # The count expired between add and incr: this request starts it again.
            store.set(key, 1, limit.seconds + 1)
            count = 1
        return _retry_after(start, limit) if count > limit.requests else 0

    return _counted(count)


def rate_wait(*, scope: str, who: str) -> int:
    """Without counting: 0 when ``who`` may still be served, else the seconds to wait (for
    endpoints that count only what they store, with ``rate_hit`` once it is stored)."""
    limit = limit_of(scope)

    def wait(store: Any) -> int:
        key, start = _window(store, scope, who, limit)
        return _retry_after(start, limit) if store.get(key, 0) >= limit.requests else 0

    return _counted(wait)


def request_client(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def scope_client(scope: dict[str, Any]) -> str:
    """The address of a WebSocket's client."""
    client = scope.get("client") or ("unknown",)
    return str(client[0])


def limited_page(request: HttpRequest, template: str, wait: int) -> HttpResponse:
    """A page's 429 answer: the template explains, ``Retry-After`` says when to come back."""
    response = render(request, template, status=429)
    response["Retry-After"] = str(wait)
    return response


def limited_json(wait: int) -> JsonResponse:
    """An API's 429 answer."""
    response = JsonResponse(
        {
            "error": _("Too many requests: try again in %(seconds)d s.") % {"seconds": wait},
            "code": "rate_limited",
            "retry_after": wait,
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response
