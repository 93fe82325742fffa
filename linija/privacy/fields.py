"""Marking the model fields that can identify a person.

Wrap a field in ``identifying(...)`` where it is declared; the model's ``personal`` declaration
(``linija.privacy.personal``) makes retention find every such field of it.
"""

from typing import TypeVar

from django.db import models

F = TypeVar("F", bound=models.Field)


def identifying(field: F) -> F:
    field.identifying = True
    return field


def identifying_of(model: type[models.Model]) -> list[models.Field]:
    """The fields of ``model`` marked ``identifying``."""
    return [f for f in model._meta.get_fields() if getattr(f, "identifying", False)]
