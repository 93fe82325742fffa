"""Everything Linija holds about one person, found by their e-mail address or phone number:
through the keyed pseudonyms, and through the exact address or number where one was stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from linija.consultations.models import Case, Consultation, Conversation, Message
from linija.mail.models import Acknowledgement, Letter, OutboxMessage
from linija.phone.models import Call, Callback
from linija.privacy.pseudonyms import normalise_email, normalise_phone, pseudonym


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


LABELS = {
    "consultations": _("Consultation records"),
    "conversations": _("Conversations"),
    "messages": _("Messages and notes"),
    "letters": _("Letters received"),
    "outbox": _("Letters sent"),
    "acknowledgements": _("Acknowledgements sent"),
    "calls": _("Calls"),
    "callbacks": _("Callbacks"),
    "cases": _("Cases"),
}


@dataclass
class SubjectData:
    consultations: QuerySet[Consultation]
    conversations: QuerySet[Conversation]
    messages: QuerySet[Message]
    letters: QuerySet[Letter]
    outbox: QuerySet[OutboxMessage]
    acknowledgements: QuerySet[Acknowledgement]
    calls: QuerySet[Call]
    callbacks: QuerySet[Callback]
    cases: QuerySet[Case]

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name).count() for name in self.__dataclass_fields__}

    def labelled_counts(self) -> list[tuple[str, int]]:
        return [(LABELS[name], count) for name, count in self.counts().items()]

    @property
    def is_empty(self) -> bool:
        return not any(self.counts().values())


def _sent_to(subject: Subject) -> list[int]:
    """The pks of the outgoing letters addressed (to or copy) to ``subject``'s address, tied to
    a conversation or not (a chat transcript the visitor asked for is not)."""
    if subject.kind != "email":
        return []
    letters = OutboxMessage.objects.all()
    if subject.value.isascii():
        # A first cut in the database; the exact match is below (the JSON text may escape
        # what is not ASCII, and a substring is not an address).
        letters = letters.filter(Q(to__icontains=subject.value) | Q(cc__icontains=subject.value))
    return [
        pk
        for pk, to, cc in letters.values_list("pk", "to", "cc")
        if subject.value in {normalise_email(address) for address in [*to, *cc]}
    ]


def subject_data(subject: Subject) -> SubjectData:
    conversations = Conversation.objects.filter(
        Q(caller_key=subject.key) | Q(contact_address__iexact=subject.value)
    )
    calls = Call.objects.filter(caller_key=subject.key)
    acknowledgements = Acknowledgement.objects.filter(sender_key=subject.key)
    callbacks = Callback.objects.filter(Q(caller_key=subject.key) | Q(phone=subject.value))
    letter_address = Q(from_address__iexact=subject.value) | Q(reply_to__iexact=subject.value)
    letters = Letter.objects.filter(
        letter_address | Q(conversation_message__conversation__in=conversations)
    )
    consultations = Consultation.objects.filter(
        Q(caller_key=subject.key)
        | Q(conversation__in=conversations)
        | Q(phone_call__in=calls)
        | Q(pk__in=callbacks.values("consultation"))
    )
    return SubjectData(
        consultations=consultations.distinct().order_by("started_at", "pk"),
        conversations=conversations.order_by("created_at", "pk"),
        messages=Message.objects.filter(conversation__in=conversations).order_by(
            "created_at", "pk"
        ),
        letters=letters.distinct().order_by("received_at", "pk"),
        outbox=OutboxMessage.objects.filter(
            Q(conversation__in=conversations)
            | Q(pk__in=_sent_to(subject))
            | Q(acknowledgement__in=acknowledgements)
        )
        .distinct()
        .order_by("created_at", "pk"),
        acknowledgements=acknowledgements.order_by("created_at", "pk"),
        calls=calls.order_by("started_at", "pk"),
        callbacks=callbacks.order_by("created_at", "pk"),
        cases=Case.objects.filter(caller_key=subject.key).order_by("pk"),
    )
