from django import template

from linija.reports.tables import display

register = template.Library()


@register.filter
def shown_as(value, kind: str) -> str:
    """A table cell as a person reads it (see ``linija.reports.tables.display``)."""
    return display(value, kind)


@register.filter
def cells(row, table) -> list[tuple]:
    """The (value, kind) pairs of ``row`` in ``table``'s columns."""
    return list(zip(row.values, (column.kind for column in table.columns), strict=True))
