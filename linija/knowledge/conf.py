"""The knowledge base's settings: a Django setting first, then the environment, then a default."""

import os

from django.conf import settings

DEFAULT_STALE_DAYS = 183


def stale_days() -> int:
    """After how many days without a check an article is flagged (``LINIJA_KB_STALE_DAYS``)."""
    return int(
        getattr(settings, "LINIJA_KB_STALE_DAYS", None)
        or os.environ.get("LINIJA_KB_STALE_DAYS", "")
        or DEFAULT_STALE_DAYS
    )


def base_url() -> str:
    """Linija's address for links in e-mails, such as ``https://linija.pastoge.lt``
    (``LINIJA_BASE_URL``); empty, the links are paths on the server."""
    configured = getattr(settings, "LINIJA_BASE_URL", None) or os.environ.get("LINIJA_BASE_URL", "")
    return configured.rstrip("/")
