"""The tables a report is made of: what the page, the charts and every export show."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format


class Kind:
    COUNT = "count"
    PERCENT = "percent"  # a number of percent, e.g. 12.5
    SECONDS = "seconds"  # a duration in seconds


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = Kind.COUNT


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[float | int | None, ...]
    level: int = 0  # 1 for a subtopic under its group


@dataclass(frozen=True)
class Chart:
    """How a table is drawn: ``kind`` "barh", "bar" or "heatmap", from the columns
    ``series`` (indexes into ``Table.columns``), optionally ``stacked``, with an optional
    ``target`` line (a value on the value axis)."""

    kind: str
    series: tuple[int, ...] = (0,)
    stacked: bool = False
    target: float | None = None
    top: int | None = None  # draw only the first ``top`` rows by the first series


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    sheet: str  # its name as a spreadsheet's tab: at most 31 characters, unlike the title
    row_header: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    note: str = ""
    chart: Chart | None = None


def share(part: int | None, whole: int | None) -> float | None:
    """``part`` as a percentage of ``whole``, to one decimal; None when ``whole`` is 0."""
    if not whole or part is None:
        return None
    return round(100.0 * part / whole, 1)


def display(value: float | int | None, kind: str) -> str:
    """``value`` as a person reads it: grouped digits, one decimal of a percentage, and
    durations as m:ss or h:mm:ss; "—" for no value."""
    if value is None:
        return "—"
    if kind == Kind.SECONDS:
        hours, rest = divmod(round(value), 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    if kind == Kind.PERCENT:
        return number_format(value, 1)
    return number_format(value, force_grouping=True)
