"""Writes of the phone channel: the calls an exchange reports, the records they make, the
callback queue, calls logged by hand and the demo exchange."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.accounts import roles
from linija.accounts.services import DEMO_ACCOUNTS, audit_record
from linija.consultations.models import CLOCK_SKEW, Channel, Consultation, ContactOrder
from linija.consultations.services import consultation_create, consultation_update
from linija.hours.calendar import VILNIUS
from linija.hours.selectors import line_calendar
from linija.inbox.live import staff_broadcast
from linija.phone.cti import (
    ANSWER,
    EVENTS,
    HANGUP,
    NEW_CALL,
    NOT_DIGITS,
    NUMBER,
    CallEvent,
    CtiError,
    invalid_field,
    parse_event,
    party_number,
    printable,
)
from linija.phone.models import (
    LIVE_STATES,
    UNANSWERED_CAUSES,
    AttemptOutcome,
    Call,
    Callback,
    CallbackAttempt,
    CallbackSource,
    CallbackStatus,
    CallState,
    CloseReason,
    Direction,
    Exchange,
    Extension,
    RefusedEvent,
)
from linija.phone.selectors import (
    call_timeout,
    callback_can_work,
    callback_due_at,
    caller_id_for,
    earlier_contacts,
    staff_user_of,
)
from linija.privacy.pseudonyms import normalise_phone, pseudonym

REJECT = {"action": "reject", "reason": "busy"}
DEMO_EXCHANGE_NAME = "Demo exchange"
DEMO_EXCHANGE_TOKEN = "demo-exchange-token-not-for-production"  # noqa: S105 - published demo
# After an unanswered try, the callback comes round again this much later.
RETRY_AFTER = datetime.timedelta(minutes=30)
# How far ahead a callback may be asked for.
CALLBACK_HORIZON = datetime.timedelta(days=31)
NAME_LIMIT = 100


@dataclass(frozen=True)
class CallResult:
    """What one event did: the call, and the webhook's answer to the exchange."""

    call: Call
    response: dict = field(default_factory=dict)


def party_key(number: str) -> str:
    """The pseudonym of the other party's number ("" when withheld).

    A number that is not a public phone number (an extension, a short number) still gets a
    key of its own kind, so its repeat calls are counted too; so does a handle that is no
    number at all (a SIP name, a service code like ``**21``), as written.
    """
    if not number:
        return ""
    try:
        return pseudonym("phone", number)
    except ValueError:
        other = NOT_DIGITS.sub("", number) if NUMBER.fullmatch(number) else number.casefold()
        return pseudonym("phone-other", other)


def _announce(event: str, call: Call) -> None:
    staff_broadcast(
        event=f"phone.{event}",
        data={
            "id": call.pk,
            "state": call.state,
            "direction": call.direction,
            "queue": call.queue,
            "specialist_id": call.specialist_id,
        },
    )


def _announce_callback(callback: Callback) -> None:
    staff_broadcast(
        event="phone.callback_changed",
        data={"id": callback.pk, "status": callback.status, "due_at": callback.due_at.isoformat()},
    )


# --- Calls reported by the exchange ---------------------------------------------------------


@transaction.atomic
def call_event_apply(*, exchange: Exchange, event: Mapping[str, Any]) -> CallResult:
    """Apply one generic-CTI event of ``exchange``; raise ``CtiError`` (HTTP 422) when it
    cannot be applied, with nothing changed.

    Safe to repeat and to receive out of order: a second newCall of a call is refused, a
    second answer or hangup changes nothing, and a hangup before the answer is set right by
    the answer arriving later, unless the hangup's cause said nobody answered.
    """
    if not exchange.enabled:
        raise CtiError("disabled", _("This exchange is disabled in Linija."))
    parsed = parse_event(event)
    if parsed.event == NEW_CALL:
        return _call_new(exchange, parsed)
    return _call_update(exchange, parsed)


def _call_new(exchange: Exchange, event: CallEvent) -> CallResult:
    inbound = event.direction == Direction.IN
    number = party_number(event.from_number if inbound else event.to_number)
    key = party_key(number)
    blocked = inbound and bool(key) and exchange.blocked_numbers.filter(caller_key=key).exists()
    try:
        with transaction.atomic():
            call = Call.objects.create(
                exchange=exchange,
                call_id=event.call_id,
                direction=event.direction,
                state=CallState.REJECTED if blocked else CallState.RINGING,
                caller_key=key,
                anonymous=not number,
                line=event.to_number if inbound else event.from_number,
                queue=event.queue,
                users=list(event.users),
                started_at=timezone.now(),
                # Who makes an outgoing call: their extension ("from") or their name ("user").
                specialist=None
                if inbound
                else staff_user_of(answering_number=event.from_number, names=event.users),
            )
    except IntegrityError:
        if blocked:
            return CallResult(
                call=Call.objects.get(exchange=exchange, call_id=event.call_id), response=REJECT
            )
        raise CtiError("duplicate_call", _("A call with this callId is already known.")) from None
    if blocked:
        return CallResult(call=call, response=REJECT)
    if inbound:
        _announce("call_incoming", call)
        return CallResult(call=call)
    if key:
        call.callback = Callback.objects.filter(caller_key=key, status=CallbackStatus.OPEN).first()
        if call.callback is not None:
            call.save(update_fields=["callback", "updated_at"])
    caller_id = caller_id_for(event.to_number)
    dial = {"action": "dial", "caller_id": caller_id, "number": event.to_number}
    return CallResult(call=call, response=dial if caller_id else {})


def _call_update(exchange: Exchange, event: CallEvent) -> CallResult:
    call = Call.objects.select_for_update().filter(exchange=exchange, call_id=event.call_id).first()
    if call is None:
        raise CtiError("unknown_call", _("No call with this callId is known."))
    if event.direction and event.direction != call.direction:
        raise invalid_field("direction", _("it differs from the call's direction."))
    before = (call.state, call.specialist_id)
    now = timezone.now()
    if event.event == HANGUP and (call.ended_at is None or call.timed_out):
        # A hangup later than Linija's own end of the call is the true end.
        call.ended_at = now
        call.cause = event.cause
        call.timed_out = False
    if call.state == CallState.REJECTED:
        # The exchange was told to reject it: only its end is of interest.
        call.save()
        return CallResult(call=call)
    if event.event == ANSWER and event.users:
        call.users = list(event.users)
    if event.event == ANSWER and _answer_counts(call):
        if event.by_voicemail:
            call.voicemail = True
        else:
            # An answer arriving after the hangup cannot have come later than the end.
            call.answered_at = min(now, call.ended_at) if call.ended_at else now
    if call.specialist_id is None and (call.answered_at or call.direction == Direction.OUT):
        names = event.users if event.event == ANSWER else ()
        call.specialist = staff_user_of(answering_number=event.answering_number, names=names)
    call.answering_number = call.answering_number or event.answering_number
    call.state = call.derived_state()
    call.save()
    _call_reconcile(call)
    if (call.state, call.specialist_id) != before:
        _announce("call_answered" if call.state == CallState.ANSWERED else "call_ended", call)
    return CallResult(call=call)


@transaction.atomic
def calls_timed_out_end(*, now: datetime.datetime) -> int:
    """End the calls the exchange left ringing or going on past the call timeout (counted from
    the first ring, or from the answer): a ringing one is missed (or did not reach the person),
    an answered one has no known end. A hangup arriving later still sets the true end."""
    cutoff = now - call_timeout()
    calls = (
        Call.objects.select_for_update()
        .filter(exchange__isnull=False, state__in=LIVE_STATES)
        .filter(
            Q(state=CallState.RINGING, started_at__lt=cutoff)
            | Q(state=CallState.ANSWERED, answered_at__lt=cutoff)
        )
    )
    ended = 0
    for call in calls:
        call.ended_at = now
        call.timed_out = True
        call.state = call.derived_state()
        call.save()
        _call_reconcile(call)
        _announce("call_ended", call)
        ended += 1
    return ended


def _answer_counts(call: Call) -> bool:
    """Whether an answer now still says the call was answered: not after an answer, voicemail,
    Linija's own end, or a hangup whose cause says nobody answered."""
    if call.answered_at is not None or call.voicemail or call.timed_out:
        return False
    return call.ended_at is None or call.cause not in UNANSWERED_CAUSES


def _call_reconcile(call: Call, *, actor: Any = None) -> None:
    """Bring what hangs on a call in line with its state: the callback of a missed call, the
    consultation record of an answered one, the attempt of a call back."""
    if call.direction == Direction.IN:
        if call.state == CallState.MISSED and call.caller_key and call.callback_id is None:
            call.callback = _missed_callback(call)
            call.save(update_fields=["callback", "updated_at"])
        elif call.state != CallState.MISSED and call.callback_id is not None:
            _missed_undo(call)
        if call.answered_at is not None and call.caller_key:
            for callback in Callback.objects.select_for_update().filter(
                caller_key=call.caller_key,
                status=CallbackStatus.OPEN,
                source=CallbackSource.MISSED_CALL,
            ):
                _callback_close(callback, user=None, reason=CloseReason.CALLED_AGAIN)
    if call.answered_at is not None:
        _call_record(call, actor=actor)
    if call.direction == Direction.OUT and call.callback_id and call.ended_at:
        _attempt_from_call(call)


def _call_record(call: Call, *, actor: Any) -> None:
    """Create the draft record of an answered call, or fill in its end and specialist."""
    if call.consultation_id is None:
        data: dict[str, Any] = {
            "channel": Channel.PHONE,
            "started_at": call.answered_at,
            "ended_at": call.ended_at,
            "specialist": call.specialist,
            "caller_key": call.caller_key,
        }
        if earlier_contacts(caller_key=call.caller_key, before=call.started_at, call=call):
            data["contact_order"] = ContactOrder.REPEAT
        call.consultation = consultation_create(user=actor, data=data)
        call.save(update_fields=["consultation", "updated_at"])
        return
    record = Consultation.objects.select_for_update().get(pk=call.consultation_id)
    if record.is_completed:
        return
    changes: dict[str, Any] = {}
    if record.ended_at is None and call.ended_at is not None and not call.timed_out:
        changes["ended_at"] = call.ended_at
    if record.specialist_id is None and call.specialist_id is not None:
        changes["specialist"] = call.specialist
    if changes:
        try:
            consultation_update(consultation=record, user=actor, data=changes)
        except ValidationError:
            # The specialist already set other times on the record: theirs stay.
            return


def _open_callback(caller_key: str) -> Callback | None:
    return (
        Callback.objects.select_for_update()
        .filter(caller_key=caller_key, status=CallbackStatus.OPEN)
        .first()
    )


def _callback_open_or_create(
    *, caller_key: str, values: Mapping[str, Any]
) -> tuple[Callback, bool]:
    """The open callback of ``caller_key``, or a new one with ``values`` (one open callback
    per person, also when two requests race)."""
    existing = _open_callback(caller_key) if caller_key else None
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return Callback.objects.create(caller_key=caller_key, **values), True
    except IntegrityError:
        existing = _open_callback(caller_key)
        if existing is None:
            raise
        return existing, False


def _missed_callback(call: Call) -> Callback:
    callback, created = _callback_open_or_create(
        caller_key=call.caller_key,
        values={
            "source": CallbackSource.MISSED_CALL,
            "created_at": call.started_at,
            "due_at": callback_due_at(preferred_at=None, now=call.started_at),
        },
    )
    if created:
        audit_record(actor=None, action="create", obj=callback)
    _announce_callback(callback)
    return callback


def _missed_undo(call: Call) -> None:
    """A call taken for missed was answered after all (its answer came late): it leaves its
    callback, which goes if nothing else is in it."""
    callback = call.callback
    call.callback = None
    call.save(update_fields=["callback", "updated_at"])
    if (
        callback.source == CallbackSource.MISSED_CALL
        and callback.is_open
        and not callback.calls.exists()
        and not callback.attempts.exists()
    ):
        callback.delete()
        staff_broadcast(event="phone.callback_changed", data={"id": callback.pk, "status": "gone"})


def _attempt_from_call(call: Call) -> None:
    """An outgoing call to a person waiting for a callback counts as an attempt; answered, it
    completes the callback."""
    outcome = AttemptOutcome.REACHED if call.answered_at else AttemptOutcome.NO_ANSWER
    CallbackAttempt.objects.update_or_create(
        call=call,
        defaults={
            "callback": call.callback,
            "at": call.started_at,
            "by": call.specialist,
            "outcome": outcome,
        },
    )
    callback = Callback.objects.select_for_update().get(pk=call.callback_id)
    if outcome == AttemptOutcome.REACHED and callback.is_open:
        _callback_close(
            callback,
            user=call.specialist,
            reason=CloseReason.REACHED,
            consultation=call.consultation,
        )


@transaction.atomic
def refused_event_record(
    *,
    exchange: Exchange | None,
    status: int,
    code: str,
    reason: str,
    fields: Mapping[str, Any],
    client: str,
) -> RefusedEvent:
    """Note a webhook request that was refused (or told to reject its call) for the
    administrator: the event and call named, if readable, never the token or a number."""
    event = fields.get("event")
    call_id = next(
        (
            value
            for value in (fields.get("callId"), fields.get("call_id"))
            if isinstance(value, str) and value
        ),
        "",
    )
    return RefusedEvent.objects.create(
        at=timezone.now(),
        exchange=exchange,
        status=status,
        code=code[:30],
        reason=reason[:300],
        event=event if event in EVENTS else "",
        call_id=call_id[:100] if printable(call_id) else "",
        client=client[:45],
    )


# --- Calls handled by staff -----------------------------------------------------------------


@transaction.atomic
def call_take(*, call: Call, user: Any, request: HttpRequest | None = None) -> Consultation:
    """``user`` says they answered ``call``: it becomes theirs, with its draft record."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.specialist_id not in (None, user.pk):
        raise ValidationError(_("A colleague already took this call."))
    if call.state in {
        CallState.MISSED,
        CallState.FORWARDED,
        CallState.NOT_REACHED,
        CallState.REJECTED,
    }:
        raise ValidationError(_("This call ended without an answer."))
    before = (call.state, call.specialist_id)
    if call.answered_at is None:
        call.answered_at = timezone.now()
    call.specialist = user
    call.state = call.derived_state()
    call.save()
    _call_reconcile(call, actor=user)
    audit_record(actor=user, action="change", obj=call, request=request, detail={"took": True})
    if (call.state, call.specialist_id) != before:
        _announce("call_answered" if call.state == CallState.ANSWERED else "call_ended", call)
    return call.consultation


@transaction.atomic
def call_log(
    *,
    user: Any,
    started_at: datetime.datetime,
    ended_at: datetime.datetime | None,
    direction: str,
    phone: str = "",
    request: HttpRequest | None = None,
) -> Call:
    """Log a call taken without the exchange (e.g. on a mobile phone), with its draft record.

    A number given is kept only as its pseudonym, to count the person's repeat contacts.
    """
    errors = {}
    if started_at > timezone.now() + CLOCK_SKEW:
        errors["started_at"] = _("The start cannot be in the future.")
    if ended_at is not None and ended_at < started_at:
        errors["ended_at"] = _("The end cannot be before the start.")
    if direction not in Direction.values:
        errors["direction"] = _("Choose incoming or outgoing.")
    key = ""
    if phone:
        try:
            key = pseudonym("phone", phone)
        except ValueError as error:
            errors["phone"] = str(error)
    if errors:
        raise ValidationError(errors)
    call = Call(
        call_id=f"manual-{uuid.uuid4().hex}",
        direction=direction,
        caller_key=key,
        anonymous=not key,
        started_at=started_at,
        answered_at=started_at,
        ended_at=ended_at,
        specialist=user,
    )
    call.state = call.derived_state()
    call.save()
    audit_record(actor=user, action="create", obj=call, request=request)
    _call_record(call, actor=user)
    return call


# --- The callback queue ---------------------------------------------------------------------


def _callback_close(
    callback: Callback,
    *,
    user: Any,
    reason: str,
    consultation: Consultation | None = None,
) -> None:
    """Mark a callback done; the number and name it held are erased."""
    callback.status = CallbackStatus.DONE
    callback.closed_at = timezone.now()
    callback.closed_by = user
    callback.close_reason = reason
    callback.consultation = consultation
    callback.phone = ""
    callback.name = ""
    callback.save()
    _announce_callback(callback)


def _check_preferred(preferred_at: datetime.datetime | None, now: datetime.datetime) -> None:
    if preferred_at is None:
        return
    calendar = line_calendar(start=now.astimezone(VILNIUS).date())
    if preferred_at < now - CLOCK_SKEW or preferred_at > now + CALLBACK_HORIZON:
        raise ValidationError({"preferred_at": _("Choose a time in the next few working days.")})
    if not calendar.is_open(preferred_at):
        raise ValidationError({"preferred_at": _("Choose a time when the line is open.")})


@transaction.atomic
def callback_request_create(
    *,
    phone: str,
    name: str = "",
    preferred_at: datetime.datetime | None,
    source: str,
) -> Callback:
    """Someone asks to be called back (on the website or in the chat's offline form).

    The number is stored in clear on the callback, and erased when the callback is done. A
    person with a callback already waiting gets that one updated, not a second one.
    """
    if source not in {CallbackSource.WEB_FORM, CallbackSource.CHAT}:
        raise ValueError(f"Not a callback request source: {source}")
    try:
        number = normalise_phone(phone)
    except ValueError as error:
        raise ValidationError({"phone": str(error)}) from error
    name = " ".join(name.split())
    if len(name) > NAME_LIMIT:
        raise ValidationError(
            {"name": _("Please shorten the name to %(limit)d characters.") % {"limit": NAME_LIMIT}}
        )
    now = timezone.now()
    _check_preferred(preferred_at, now)
    values = {
        "source": source,
        "phone": number,
        "name": name,
        "preferred_at": preferred_at,
        "due_at": callback_due_at(preferred_at=preferred_at, now=now),
    }
    callback, created = _callback_open_or_create(
        caller_key=pseudonym("phone", number), values={**values, "created_at": now}
    )
    if not created:
        for attribute, value in values.items():
            if value or attribute == "preferred_at":
                setattr(callback, attribute, value)
        callback.save()
    audit_record(actor=None, action="create" if created else "change", obj=callback)
    _announce_callback(callback)
    return callback


def _check_open(callback: Callback) -> None:
    if not callback.is_open:
        raise ValidationError(_("This callback is already done."))


def _check_holder(callback: Callback, user: Any) -> None:
    if not callback_can_work(callback=callback, user=user):
        raise ValidationError(_("Only the colleague who took it or a supervisor can do this."))


@transaction.atomic
def callback_claim(
    *, callback: Callback, user: Any, request: HttpRequest | None = None
) -> Callback:
    """``user`` takes the callback on; one that a colleague has taken stays theirs."""
    callback = Callback.objects.select_for_update().get(pk=callback.pk)
    _check_open(callback)
    if callback.claimed_by_id not in (None, user.pk):
        raise ValidationError(_("A colleague has already taken this callback."))
    callback.claimed_by = user
    callback.claimed_at = timezone.now()
    callback.save(update_fields=["claimed_by", "claimed_at"])
    audit_record(actor=user, action="change", obj=callback, request=request, detail={"claim": 1})
    _announce_callback(callback)
    return callback


@transaction.atomic
def callback_release(
    *, callback: Callback, user: Any, request: HttpRequest | None = None
) -> Callback:
    """Give a taken callback back to the queue: the one who took it, or a supervisor."""
    callback = Callback.objects.select_for_update().get(pk=callback.pk)
    _check_open(callback)
    _check_holder(callback, user)
    callback.claimed_by = None
    callback.claimed_at = None
    callback.save(update_fields=["claimed_by", "claimed_at"])
    audit_record(actor=user, action="change", obj=callback, request=request, detail={"claim": 0})
    _announce_callback(callback)
    return callback


@transaction.atomic
def callback_attempt_add(
    *,
    callback: Callback,
    user: Any,
    outcome: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> CallbackAttempt:
    """Record one try to call the person back.

    No answer: the callback comes round again later. Reached: it is done, with a draft
    record of the conversation (``attempt.callback.consultation``). Wrong number: it is done.
    """
    callback = Callback.objects.select_for_update().get(pk=callback.pk)
    _check_open(callback)
    _check_holder(callback, user)
    if outcome not in AttemptOutcome.values:
        raise ValidationError({"outcome": _("Choose how the call went.")})
    note = " ".join(note.split())
    if len(note) > 300:
        raise ValidationError({"note": _("Please shorten the note to 300 characters.")})
    now = timezone.now()
    attempt = CallbackAttempt.objects.create(
        callback=callback, at=now, by=user, outcome=outcome, note=note
    )
    if callback.claimed_by_id is None:
        callback.claimed_by = user
        callback.claimed_at = now
    audit_record(
        actor=user, action="change", obj=callback, request=request, detail={"attempt": outcome}
    )
    if outcome == AttemptOutcome.NO_ANSWER:
        callback.due_at = max(callback.due_at, now + RETRY_AFTER)
        callback.save(update_fields=["due_at", "claimed_by", "claimed_at"])
        _announce_callback(callback)
    elif outcome == AttemptOutcome.WRONG_NUMBER:
        _callback_close(callback, user=user, reason=CloseReason.WRONG_NUMBER)
    else:
        record = consultation_create(
            user=user,
            data={
                "channel": Channel.PHONE,
                "started_at": now,
                "specialist": user,
                "caller_key": callback.caller_key,
            },
            request=request,
        )
        _callback_close(callback, user=user, reason=CloseReason.REACHED, consultation=record)
    return attempt


@transaction.atomic
def callback_close(
    *, callback: Callback, user: Any, request: HttpRequest | None = None
) -> Callback:
    """Close a callback without reaching the person (e.g. after several tries): the one who
    took it, or a supervisor."""
    callback = Callback.objects.select_for_update().get(pk=callback.pk)
    _check_open(callback)
    _check_holder(callback, user)
    _callback_close(callback, user=user, reason=CloseReason.GAVE_UP)
    audit_record(actor=user, action="change", obj=callback, request=request, detail={"closed": 1})
    return callback


@transaction.atomic
def callback_close_by_call(
    *, callback: Callback, call: Call, user: Any, request: HttpRequest | None = None
) -> Callback:
    """The person waiting for ``callback`` rang in and was answered on ``call``: the callback
    is done, linked to the call's record. The one who took it, or a supervisor (or anyone when
    nobody took it)."""
    callback = Callback.objects.select_for_update().get(pk=callback.pk)
    _check_open(callback)
    _check_holder(callback, user)
    if call.caller_key != callback.caller_key or call.answered_at is None:
        raise ValidationError(_("This call is not an answered call of the person waiting."))
    _callback_close(
        callback, user=user, reason=CloseReason.CALLED_AGAIN, consultation=call.consultation
    )
    audit_record(
        actor=user, action="change", obj=callback, request=request, detail={"call": call.pk}
    )
    return callback


# --- Demo -----------------------------------------------------------------------------------


@transaction.atomic
def exchange_demo_ensure() -> Exchange:
    """The demo exchange with its published token, and extensions 101, 102… for the demo
    staff accounts that exist. Never on a production server."""
    if settings.PRODUCTION:
        raise PermissionDenied("The demo exchange is never created in production.")
    exchange, _created = Exchange.objects.update_or_create(
        token=DEMO_EXCHANGE_TOKEN, defaults={"name": DEMO_EXCHANGE_NAME, "enabled": True}
    )
    users = get_user_model().objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
    by_name = {user.username: user for user in users}
    for number, account in enumerate(DEMO_ACCOUNTS, start=101):
        user = by_name.get(account.username)
        if user is not None and account.role != roles.ADMINISTRATOR:
            Extension.objects.filter(number=str(number)).exclude(user=user).delete()
            Extension.objects.update_or_create(user=user, defaults={"number": str(number)})
    return exchange


DEMO_MISSED_CALL = "demo-missed-call"


def calls_demo_create(*, exchange: Exchange) -> int:
    """A missed call on the demo exchange, once: its call back waits in the demo's inbox."""
    if Call.objects.filter(exchange=exchange, call_id=DEMO_MISSED_CALL).exists():
        return 0
    call_event_apply(
        exchange=exchange,
        event={
            "event": "newCall",
            "from": "+37061234567",
            "to": "880020300",
            "direction": "in",
            "callId": DEMO_MISSED_CALL,
        },
    )
    call_event_apply(
        exchange=exchange, event={"event": "hangup", "callId": DEMO_MISSED_CALL, "cause": "cancel"}
    )
    return 1
