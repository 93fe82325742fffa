"""Secrets and personal data kept out of every log line.

The CTI webhook's address holds the exchange's token, and its query string may hold the
caller's number: whatever comes after ``/api/v1/cti/`` (but the OpenAPI description) is
replaced before a record is written, by Django's request log, the development server's and
uvicorn's access log alike.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
SECRET_PATH = re.compile(r"(/api/v1/cti)(?!/openapi\.json)(?:/[^\s\"'?#]*)?(?:\?[^\s\"'#]*)?")
# uvicorn's loggers are set up by uvicorn, before Django's logging configuration runs.
UVICORN_LOGGERS = ("uvicorn.access", "uvicorn.error")


def redact(text: str) -> str:
    return SECRET_PATH.sub(rf"\1/{REDACTED}", text)


class SecretFilter(logging.Filter):
    """Rewrites a record's message without the secrets; lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


def install_on_uvicorn() -> None:
    """Filter uvicorn's own loggers, whose handlers Django's configuration does not touch."""
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, SecretFilter) for existing in logger.filters):
            logger.addFilter(SecretFilter())
