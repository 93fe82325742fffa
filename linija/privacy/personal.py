"""What a model holds about a person, declared once on the model beside its ``identifying()``
fields::

    class Message(models.Model):
        body = identifying(models.TextField(_("text")))
        personal = Personal(age="created_at", kind=RetentionKind.NOTES,
                            lock=of_consultation("conversation__consultation"),
                            of=("conversation",))

The retention purge and the data-subject export and erase walk these declarations
(``declared()``); the fields they blank are the model's ``identifying()`` fields, so a new
identifying field is purged and erased with no other edit.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce

from linija.privacy.fields import identifying_of

# ``(locked consultations' pks) -> Q``: the rows an open safeguarding flag keeps.
Lock = Callable[[QuerySet], Q]


def of_consultation(*paths: str) -> Lock:
    """The rows whose consultation, at any of ``paths``, an open safeguarding flag holds."""
    return lambda locked: functools.reduce(
        operator.or_, (Q(**{f"{path}__in": locked}) for path in paths)
    )


@dataclass(frozen=True)
class Part:
    """One retention kind of a declaration: its rows and the fields it blanks."""

    kind: str
    rows: Q
    fields: tuple[str, ...]


@dataclass(eq=False)
class Personal:
    # The time the retention period counts from (a path: "conversation__last_message_at"),
    # or several paths, the first that is set.
    age: str | tuple[str, ...]
    # The retention kind; or, row by row, ``(condition, kind)`` pairs, the first that holds.
    kind: str | tuple[tuple[Q, str], ...]
    # What keeps rows from the purge and the erase (``of_consultation(...)``); None: nothing.
    lock: Lock | None = None
    # Identifying fields kept for another kind's period: {"caller_key": "phone_data"}.
    field_kinds: dict[str, str] = field(default_factory=dict)
    # The rows go whole instead of being blanked.
    delete: bool = False
    # How a data subject's rows are found: the field holding their keyed pseudonym, the
    # fields holding their address or number in clear, the paths to declared rows that make
    # a row theirs (``of``), and the paths to declared rows a row of theirs makes theirs.
    key: str = ""
    addresses: tuple[str, ...] = ()
    of: tuple[str, ...] = ()
    brings: tuple[str, ...] = ()
    model: type[models.Model] = field(init=False)

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        self.model = cls
        setattr(cls, name, self)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def fields(self) -> list[models.Field]:
        """The model's ``identifying()`` fields."""
        return identifying_of(self.model)

    @property
    def findable(self) -> bool:
        return bool(self.key or self.addresses or self.of or self.brings)

    def parts(self) -> list[Part]:
        """The rows and fields of each retention kind; fields of ``field_kinds`` apart."""
        rules = ((Q(), self.kind),) if isinstance(self.kind, str) else self.kind
        names = tuple(f.name for f in self.fields if f.name not in self.field_kinds)
        parts, earlier = [], Q()
        for condition, kind in rules:
            parts.append(Part(kind, condition & ~earlier if earlier else condition, names))
            earlier |= condition
        parts += [Part(kind, Q(), (name,)) for name, kind in self.field_kinds.items()]
        return parts

    def older(self, before: datetime.datetime) -> QuerySet:
        """The rows older than ``before``."""
        ages = (self.age,) if isinstance(self.age, str) else self.age
        rows = self.model.objects.alias(
            personal_age=Coalesce(*ages) if len(ages) > 1 else F(ages[0])
        )
        return rows.filter(personal_age__lt=before)

    def unlocked(self, rows: QuerySet, locked: QuerySet) -> QuerySet:
        """``rows`` without those an open safeguarding flag keeps."""
        return rows.exclude(self.lock(locked)) if self.lock else rows


def empty(field: models.Field):
    """What a blanked ``field`` holds."""
    return None if field.null else field.get_default()


def holding(model: type[models.Model], names: tuple[str, ...]) -> Q:
    """The rows where one of the fields ``names`` still holds something."""
    return functools.reduce(
        operator.or_, (~Q(**{name: empty(model._meta.get_field(name))}) for name in names)
    )


def target(model: type[models.Model], path: str) -> type[models.Model]:
    """The model a relation ``path`` of ``model`` leads to."""
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def declared() -> list[Personal]:
    """Every model's declaration, in the order of the installed apps."""
    return [
        model.__dict__["personal"]
        for model in apps.get_models()
        if isinstance(model.__dict__.get("personal"), Personal)
    ]
