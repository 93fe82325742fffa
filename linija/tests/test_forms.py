from django import forms
from django.core.exceptions import ValidationError

from linija.forms import errors_onto


class NameForm(forms.Form):
    name = forms.CharField()
    preferred = forms.CharField(required=False)


def test_it_puts_a_services_errors_on_the_fields_renamed_and_the_rest_on_the_form():
    form = NameForm({"name": "Ona"})
    assert form.is_valid()

    errors_onto(
        form,
        ValidationError({"name": "Taken.", "preferred_at": "Too late.", "other": "Odd."}),
        {"preferred_at": "preferred"},
    )

    assert form.errors["name"] == ["Taken."]
    assert form.errors["preferred"] == ["Too late."]
    assert form.non_field_errors() == ["Odd."]


def test_it_puts_an_error_without_fields_on_the_form():
    form = NameForm({"name": "Ona"})
    assert form.is_valid()

    errors_onto(form, ValidationError("Closed."))

    assert form.non_field_errors() == ["Closed."]
    assert "name" not in form.errors
