"""Counting requests per address in Django's cache (a rate limit shared by the server's
processes when the cache is Redis)."""

from django.core.cache import cache


def hit_limited(*, scope: str, who: str, limit: int, seconds: int) -> bool:
    """Count one request of ``who``; True once more than ``limit`` came within ``seconds``."""
    key = f"linija:limit:{scope}:{who}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        # The count expired between add and incr: this request starts a new window.
        cache.set(key, 1, seconds)
        count = 1
    return count > limit
