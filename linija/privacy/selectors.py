from django.apps import apps
from django.db import models


def identifying_fields() -> dict[type[models.Model], list[models.Field]]:
    """Every model with fields marked ``identifying``, and those fields."""
    found = {}
    for model in apps.get_models():
        fields = [f for f in model._meta.get_fields() if getattr(f, "identifying", False)]
        if fields:
            found[model] = fields
    return found
