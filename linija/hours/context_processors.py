from django.utils.functional import SimpleLazyObject

from linija.hours import selectors


def line_status(request):
    """``line_status`` for the header of every page, read from the database only if used."""
    return {"line_status": SimpleLazyObject(selectors.line_status)}
