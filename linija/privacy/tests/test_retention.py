"""Every field declared ``identifying`` anywhere in the project is erased by the purge."""

import pytest
from django.db.models import Q

from linija.accounts.models import AuditEntry
from linija.privacy.models import RetentionKind
from linija.privacy.personal import declared
from linija.privacy.selectors import identifying_fields
from linija.privacy.services import retention_purge

pytestmark = pytest.mark.django_db

# Kept on purpose: models with identifying fields and no ``personal`` declaration.
EXCEPTIONS = {
    # A block list an administrator keeps on purpose; lifting the block removes the key.
    "phone.blockednumber": "the block list",
}


def holding_content(model, fields):
    """The rows of ``model`` where one of ``fields`` still holds something."""
    condition = Q()
    for field in fields:
        empty = [] if field.get_internal_type() == "JSONField" else ""
        condition |= ~Q(**{field.name: empty})
    return model.objects.filter(condition)


def test_it_erases_every_identifying_field_of_old_data(old_data):
    covered = {
        model._meta.label_lower: fields
        for model, fields in identifying_fields().items()
        if model._meta.label_lower not in EXCEPTIONS
    }
    assert "consultations.message" in covered
    for label, fields in covered.items():
        model = fields[0].model
        assert holding_content(model, fields).exists(), f"{label}: no old data to test with"

    retention_purge(now=old_data.now, dry_run=False)

    for label, fields in covered.items():
        assert not holding_content(fields[0].model, fields).exists(), label


def test_it_lists_only_models_that_exist_as_exceptions():
    labels = {model._meta.label_lower for model in identifying_fields()}

    assert set(EXCEPTIONS) <= labels


def test_it_collects_the_declarations_of_every_app():
    found: dict[str, set[str]] = {}
    for personal in declared():
        for part in personal.parts():
            found.setdefault(part.kind, set()).add(personal.model._meta.app_label)

    assert set(found) == set(RetentionKind.values)
    assert found["phone_data"] == {"consultations", "mail", "phone"}
    assert declared()[0].model is AuditEntry


def test_it_declares_every_model_with_identifying_fields():
    undeclared = {model._meta.label_lower for model in identifying_fields()} - {
        personal.label for personal in declared()
    }

    assert undeclared == set(EXCEPTIONS)
