"""The tables a statistics page showed, kept a while for its charts: the page counts once, and
each of its charts (a request of its own) draws the page's table instead of counting again.

A page's tables are kept under a token of its own, bound to the person it was shown to, their
roles, the language and the filter: a chart asked for with another person's token, after a
change of role or with another filter finds nothing and counts for itself.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language

from linija.accounts.selectors import user_roles
from linija.reports.builders import report_table, report_tables
from linija.reports.filters import ReportFilter
from linija.reports.tables import Table

# Long enough for a slow connection to fetch the page's charts, short enough that a page
# left open does not hold on to its figures.
KEPT_SECONDS = 300


def _key(*, user: Any, token: str, report: ReportFilter) -> str:
    bound = [user.pk, sorted(user_roles(user)), get_language(), token, report.query]
    digest = hashlib.sha256(json.dumps(bound, sort_keys=True, default=str).encode()).hexdigest()
    return f"reports:page:{digest}"


def page_tables(report: ReportFilter, *, user: Any) -> tuple[str, list[Table]]:
    """Every table of the report, counted once, and the token under which its charts find
    them."""
    tables = report_tables(report)
    token = secrets.token_urlsafe(16)
    shown = {table.key: table for table in tables}
    cache.set(_key(user=user, token=token, report=report), shown, KEPT_SECONDS)
    return token, tables


def page_table(report: ReportFilter, key: str, *, user: Any, token: str) -> Table:
    """The table ``key`` as the page of ``token`` showed it to ``user``; counted again when
    the page's tables are no longer kept (``Http404`` for an unknown key)."""
    shown = cache.get(_key(user=user, token=token, report=report)) if token else None
    if shown is not None and key in shown:
        return shown[key]
    return report_table(report, key)
