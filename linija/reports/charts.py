"""The report's charts: matplotlib draws each table as a small SVG, the same every time.

Only the object-oriented API (``Figure``, saved through the SVG canvas) is used, never pyplot
and its GUI backends, so charts are drawn safely from several threads. Text stays text in the
SVG (``svg.fonttype: none``), which keeps the files small and lets the page's or the PDF's
fonts show Lithuanian letters.
"""

from __future__ import annotations

import io
import textwrap

from matplotlib import rcParams
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from linija.reports.tables import Table

rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "linija-reports",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Noto Sans", "Arial"],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)
# Calm colours that stay apart in greyscale print: brand blue, light blue, amber, grey.
COLOURS = ("#1f5f8b", "#8fb8d6", "#c98a1b", "#6b7280")
INK = "#1d2430"
WIDTH = 6.4  # inches
LABEL_WIDTH = 38  # characters before a row label wraps


def _label(text: str) -> str:
    return "\n".join(textwrap.wrap(text, LABEL_WIDTH)) or text


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def chart_svg(table: Table) -> bytes:
    """The SVG of ``table``'s chart; ``ValueError`` when the table has none."""
    if table.chart is None:
        raise ValueError(f"The table {table.key} has no chart.")
    if table.chart.kind == "heatmap":
        return _heatmap(table)
    return _bars(table)


def _rows(table: Table):
    rows = [row for row in table.rows if row.level == 0]
    first = table.chart.series[0]
    if table.chart.top:
        rows = sorted(rows, key=lambda row: row.values[first] or 0, reverse=True)[: table.chart.top]
    return rows


def _bars(table: Table) -> bytes:
    chart = table.chart
    rows = _rows(table)
    horizontal = chart.kind == "barh"
    height = max(1.6, 0.32 * len(rows) + 0.9) if horizontal else 3.2
    figure = Figure(figsize=(WIDTH, height))
    axes = figure.add_subplot()
    positions = list(range(len(rows)))
    labels = [_label(row.label) for row in rows]
    series = chart.series
    thickness = 0.7 if chart.stacked or len(series) == 1 else 0.7 / len(series)
    base = [0.0] * len(rows)
    for index, column in enumerate(series):
        values = [float(row.values[column] or 0) for row in rows]
        shift = 0.0 if chart.stacked else (index - (len(series) - 1) / 2) * thickness
        places = [position + shift for position in positions]
        colour = COLOURS[index % len(COLOURS)]
        name = str(table.columns[column].label)
        if horizontal:
            axes.barh(places, values, thickness, left=base, color=colour, label=name)
        else:
            axes.bar(places, values, thickness, bottom=base, color=colour, label=name)
        if chart.stacked:
            base = [start + value for start, value in zip(base, values, strict=True)]
    if horizontal:
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.set_xlabel(_axis_label(table))
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        axes.set_xticks(positions, labels)
        axes.set_ylabel(_axis_label(table))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    if chart.target is not None:
        line = axes.axvline if horizontal else axes.axhline
        line(chart.target, color=COLOURS[2], linestyle="--", linewidth=1.5)
    if len(series) > 1:
        axes.legend(frameon=False, loc="best")
    axes.tick_params(colors=INK)
    return _svg(figure)


def _axis_label(table: Table) -> str:
    return str(table.columns[table.chart.series[0]].label) if len(table.chart.series) == 1 else ""


def _heatmap(table: Table) -> bytes:
    rows = [row for row in table.rows if row.level == 0]
    columns = table.chart.series
    grid = [[row.values[column] or 0 for column in columns] for row in rows]
    figure = Figure(figsize=(WIDTH + 1.2, 0.38 * len(rows) + 1.2))
    axes = figure.add_subplot()
    image = axes.imshow(grid, cmap="Blues", aspect="auto")
    axes.set_xticks(range(len(columns)), [table.columns[column].label for column in columns])
    axes.set_yticks(range(len(rows)), [row.label for row in rows])
    axes.tick_params(axis="x", labelsize=7)
    peak = max((value for line in grid for value in line), default=0)
    for y, line in enumerate(grid):
        for x, value in enumerate(line):
            if value:
                colour = "white" if value > peak / 2 else INK
                axes.text(x, y, str(value), ha="center", va="center", fontsize=6, color=colour)
    legend = figure.colorbar(image, ax=axes, fraction=0.03, pad=0.02)
    legend.locator = MaxNLocator(integer=True)  # counts of contacts: never "0.2"
    legend.update_ticks()
    for side in ("left", "bottom"):
        axes.spines[side].set_visible(False)
    return _svg(figure)
