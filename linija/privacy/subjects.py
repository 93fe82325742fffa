"""Everything Linija holds about one person, found by their e-mail address or phone number:
through the keyed pseudonyms, and through the exact address or number where one was stored.

The rows are found by walking the models' ``personal`` declarations: those whose ``key`` or
``addresses`` name the person, then, until nothing more is found, the rows ``of`` them and the
rows they ``bring``.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.text import capfirst

from linija.privacy.personal import Personal, declared, target
from linija.privacy.pseudonyms import NORMALISERS, normalise_email, normalise_phone, pseudonym


@dataclass(frozen=True)
class Subject:
    """A person as an administrator names them: ``kind`` "email" or "phone", the normalised
    ``value`` and its pseudonym ``key``."""

    kind: str
    value: str
    key: str

    @classmethod
    def of(cls, text: str) -> Subject:
        """The subject named by ``text``; ``ValueError`` with a message for a bad phone number."""
        if "@" in text:
            return cls("email", normalise_email(text), pseudonym("email", text))
        return cls("phone", normalise_phone(text), pseudonym("phone", text))


@dataclass
class SubjectData:
    """The pks of a subject's rows, for every declaration that can find them."""

    found: dict[Personal, set[int]]

    def rows(self, model: type[models.Model]) -> QuerySet:
        return model.objects.filter(pk__in=self.found[model.personal]).order_by("pk")

    def counts(self) -> dict[str, int]:
        return {personal.label: len(pks) for personal, pks in self.found.items()}

    def labelled_counts(self) -> list[tuple[str, int]]:
        return [
            (capfirst(personal.model._meta.verbose_name_plural), len(pks))
            for personal, pks in self.found.items()
        ]

    @property
    def is_empty(self) -> bool:
        return not any(self.found.values())


def _listed(stored: str | list[str]) -> list[str]:
    """The addresses a field holds: one, or a list (the outbox's recipients)."""
    return stored if isinstance(stored, list) else [stored]


def _holds(normalise, stored: str | list[str], value: str) -> bool:
    for address in _listed(stored):
        try:
            if normalise(address) == value:
                return True
        except ValueError:
            continue
    return False


def _listing(personal: Personal, name: str, subject: Subject) -> set[int]:
    """The rows whose list of addresses ``name`` holds ``subject``'s, in any form."""
    rows = personal.model.objects.all()
    if subject.value.isascii():
        # A first cut in the database; the exact match is below (the JSON text may escape
        # what is not ASCII, and a substring is not an address).
        rows = rows.filter(**{f"{name}__icontains": subject.value})
    normalise = NORMALISERS[subject.kind]
    return {
        pk
        for pk, stored in rows.values_list("pk", name)
        if _holds(normalise, stored, subject.value)
    }


def _named(personal: Personal, subject: Subject) -> set[int]:
    """The rows that name ``subject``: by the key, or by the address or number in clear (a
    subject known by its key alone, ``value`` empty, matches no empty address)."""
    found: set[int] = set()
    conditions = [Q(**{personal.key: subject.key})] if personal.key else []
    for name in personal.addresses if subject.value else ():
        if isinstance(personal.model._meta.get_field(name), models.JSONField):
            found |= _listing(personal, name, subject)
        else:
            conditions.append(Q(**{f"{name}__iexact": subject.value}))
    if conditions:
        rows = personal.model.objects.filter(functools.reduce(operator.or_, conditions))
        found |= set(rows.values_list("pk", flat=True))
    return found


def subject_data(subject: Subject) -> SubjectData:
    findable = [personal for personal in declared() if personal.findable]
    found = {personal: _named(personal, subject) for personal in findable}
    of_model = {personal.model: personal for personal in findable}
    grown = True
    while grown:
        grown = False
        for personal in findable:
            more: dict[Personal, set[int]] = {personal: set()}
            for path in personal.of:
                through = found[of_model[target(personal.model, path)]]
                if through:
                    rows = personal.model.objects.filter(**{f"{path}__in": through})
                    more[personal] |= set(rows.values_list("pk", flat=True))
            for path in personal.brings:
                rows = personal.model.objects.filter(pk__in=found[personal]).exclude(**{path: None})
                brought = of_model[target(personal.model, path)]
                more.setdefault(brought, set()).update(rows.values_list(path, flat=True))
            for other, pks in more.items():
                if not pks <= found[other]:
                    found[other] |= pks
                    grown = True
    return SubjectData(found)


def _stored_values() -> set[str]:
    """Every address and number stored in clear, as it was stored."""
    values: set[str] = set()
    for personal in declared():
        for name in personal.addresses:
            for stored in personal.model.objects.values_list(name, flat=True):
                values.update(_listed(stored))
    return {value for value in values if value}


def subjects_of_key(kind: str, key: str) -> list[Subject]:
    """The subjects whose pseudonym is ``key``: one for each way their address or number is
    stored in clear, and one by the key alone (for rows that keep only the pseudonym)."""
    found = set()
    for value in _stored_values():
        try:
            if pseudonym(kind, value) == key:
                found.add(NORMALISERS[kind](value))
        except ValueError:
            continue
    return [Subject(kind, "", key), *(Subject(kind, value, key) for value in sorted(found))]
