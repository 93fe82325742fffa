import re

import pytest

from linija.reports.charts import chart_svg
from linija.reports.tables import Chart, Column, Row, Table


def table(chart, rows=(("Phone", (3, 1)), ("E-mail", (0, 2)))):
    return Table(
        key="t",
        title="T",
        sheet="T",
        row_header="Channel",
        columns=(Column("Answered"), Column("Missed")),
        rows=tuple(Row(label, values) for label, values in rows),
        chart=chart,
    )


@pytest.mark.parametrize(
    "chart",
    [
        Chart("barh"),
        Chart("barh", series=(0, 1), stacked=True),
        Chart("bar", series=(0, 1)),
        Chart("barh", target=2.5),
        Chart("heatmap", series=(0, 1)),
    ],
)
def test_it_draws_the_same_small_svg_every_time(chart):
    first = chart_svg(table(chart))
    assert first == chart_svg(table(chart))
    assert first.startswith(b"<?xml")
    assert b"<svg" in first
    assert b"<dc:date>" not in first
    assert len(first) < 60_000


def test_it_keeps_the_text_as_text_for_lithuanian_letters():
    svg = chart_svg(table(Chart("barh"), rows=(("Šiaulių rajono savivaldybė", (4, 0)),)))
    assert "Šiaulių rajono savivaldybė".encode() in svg


def test_it_draws_only_the_top_rows_asked_for():
    rows = tuple((f"Place {index}", (index, 0)) for index in range(1, 30))
    svg = chart_svg(table(Chart("barh", top=3), rows=rows))
    assert b"Place 29" in svg and b"Place 27" in svg
    assert b"Place 26" not in svg


def test_it_refuses_a_table_without_a_chart():
    with pytest.raises(ValueError, match="no chart"):
        chart_svg(table(None))


def test_it_scales_the_heatmap_in_whole_contacts():
    svg = chart_svg(table(Chart("heatmap", series=(0, 1)), rows=(("Monday", (1, 0)),)))
    labels = re.findall(rb"<text[^>]*>([^<]*)<", svg)
    assert labels[-2:] == [b"0", b"1"]  # matplotlib's own scale read 0.00, 0.25, … 1.00
