"""Marking the model fields that can identify a person.

Wrap a field in ``identifying(...)`` where it is declared; retention, data-subject export and
erasure find every such field through ``selectors.identifying_fields()``.
"""

from typing import TypeVar

from django.db import models

F = TypeVar("F", bound=models.Field)


def identifying(field: F) -> F:
    field.identifying = True
    return field
