"""What every app's forms share: a service's ``ValidationError`` put back on the form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def errors_onto(
    form: forms.BaseForm, invalid: ValidationError, rename: dict[str, str] | None = None
) -> None:
    """Put a service's ``ValidationError`` on the form: each field's errors on that field
    (named as in ``rename`` when the service calls it otherwise), the rest on the form."""
    rename = rename or {}
    by_field = invalid.error_dict if hasattr(invalid, "error_dict") else {None: invalid.error_list}
    for name, errors in by_field.items():
        field = rename.get(name, name)
        form.add_error(field if field in form.fields else None, errors)
