"""Linking by hand a conversation that claims another's thread: a letter that named a thread
in In-Reply-To or References but came from somebody else opened a conversation of its own
(``ingest._thread_of``); a specialist who sees it belongs there moves it in."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.accounts.services import audit_record
from linija.consultations.models import Conversation, ConversationStatus
from linija.inbox.live import staff_broadcast
from linija.mail.models import Acknowledgement, ThreadClaim


@transaction.atomic
def thread_claim_link(
    *, claim: ThreadClaim, user: Any, request: HttpRequest | None = None
) -> Conversation:
    """Move the claiming conversation's messages, letters and acknowledgement into the thread
    it claims and make its sender a correspondent of that thread (their next letters join it,
    and an answer goes to the latest letter, theirs). The emptied conversation and its draft
    record go; a completed record stays, so such a conversation cannot be linked."""
    claim = ThreadClaim.objects.select_for_update().get(pk=claim.pk)
    conversation = claim.conversation
    if conversation is None or claim.linked_at is not None:
        raise ValidationError(_("This conversation is already linked."), code="linked")
    consultation = conversation.consultation
    if consultation is not None and consultation.is_completed:
        raise ValidationError(
            _("Its consultation record is completed, so it stays a conversation of its own."),
            code="completed",
        )
    claimed = claim.claimed
    conversation.messages.update(conversation=claimed)
    conversation.outbox.update(conversation=claimed)
    Acknowledgement.objects.filter(conversation=conversation).exclude(
        sender_key__in=claimed.acknowledgements.values("sender_key")
    ).update(conversation=claimed)
    claim.linked_at = timezone.now()
    claim.linked_by = user
    claim.save(update_fields=["linked_at", "linked_by"])
    audit_record(
        actor=user,
        action="change",
        obj=claimed,
        request=request,
        detail={"linked": conversation.pk},
    )
    conversation_pk = conversation.pk
    conversation.delete()
    if consultation is not None:
        consultation.delete()
    claimed.last_message_at = max(claimed.last_message_at, conversation.last_message_at)
    if claimed.status in {ConversationStatus.WAITING, ConversationStatus.CLOSED}:
        claimed.status = ConversationStatus.OPEN
    claimed.save(update_fields=["last_message_at", "status"])
    staff_broadcast(
        event="mail.linked", data={"conversation": claimed.pk, "linked": conversation_pk}
    )
    return claimed
