"""Reads of the phone channel: which exchange a token names, who a call's staff member is, who
sees a call's pop-up, the callback queue, the slots offered for a callback, the inbox rows, the
figures of the reports."""

from __future__ import annotations

import contextlib
import datetime
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Concat, Trim
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.accounts.selectors import is_staff_member, is_supervisor
from linija.consultations.models import Consultation
from linija.consultations.selectors import consultations_visible_to
from linija.hours.calendar import VILNIUS
from linija.hours.selectors import line_calendar
from linija.inbox.items import InboxItem
from linija.phone.cti import NOT_DIGITS, party_number
from linija.phone.models import (
    ANSWERED_STATES,
    CALLBACK_SLOT,
    LIVE_STATES,
    Call,
    Callback,
    CallbackSource,
    CallbackStatus,
    CallerIdRule,
    CallState,
    Direction,
    Exchange,
    Extension,
    Queue,
)
from linija.privacy.pseudonyms import normalise_phone
from linija.reports.providers import today_bounds

# How many working days ahead a callback can be asked for.
CALLBACK_DAYS = 5


def call_timeout() -> datetime.timedelta:
    """How long a call may ring or go on without a hangup: past it, the worker ends it and
    the pop-ups no longer show it."""
    return datetime.timedelta(minutes=settings.LINIJA_PHONE_CALL_TIMEOUT_MINUTES)


def exchange_for_token(token: str) -> Exchange | None:
    """The exchange whose token is ``token``, compared in constant time with every token."""
    found = None
    for exchange in Exchange.objects.only("pk", "token", "enabled", "name"):
        if hmac.compare_digest(exchange.token.encode(), token.encode()):
            found = exchange
    return found


def caller_id_for(number: str) -> str:
    """The caller ID an outgoing call to ``number`` (as the exchange wrote it) is to show: the
    rule with the longest prefix of its digits, as written or in the international form, else
    the default rule; "" when no rule applies."""
    written = party_number(number)
    forms = {NOT_DIGITS.sub("", written)}
    with contextlib.suppress(ValueError):
        forms.add(normalise_phone(written).lstrip("+"))
    matching = [
        rule
        for rule in CallerIdRule.objects.all()
        if any(form.startswith(rule.prefix) for form in forms)
    ]
    best = max(matching, key=lambda rule: len(rule.prefix), default=None)
    return best.caller_id if best else ""


def _staff(users: QuerySet) -> Any:
    """The one active staff member in ``users``, or None when none or several match."""
    found = [user for user in users.filter(is_active=True)[:2] if is_staff_member(user)]
    return found[0] if len(found) == 1 else None


def staff_user_for(value: str) -> Any:
    """The staff member an exchange names with ``value``: their extension, user name, e-mail
    address or full name, in that order. None when nobody or several people match."""
    if not value:
        return None
    users = get_user_model().objects.all()
    extension = Extension.objects.filter(number=value).select_related("user").first()
    if extension is not None and extension.user.is_active and is_staff_member(extension.user):
        return extension.user
    for lookup in (
        Q(username=value),
        Q(email__iexact=value),
    ):
        user = _staff(users.filter(lookup))
        if user is not None:
            return user
    full_names = users.annotate(full=Trim(Concat("first_name", Value(" "), "last_name")))
    return _staff(full_names.filter(full__iexact=value))


def staff_user_of(*, answering_number: str, names: Sequence[str]) -> Any:
    """Who answered or made a call: ``answeringNumber`` first, else the one staff member the
    ``user`` names match. A SIP or tel URI names the extension in its user part."""
    user = staff_user_for(party_number(answering_number))
    if user is not None:
        return user
    found = {found.pk: found for found in map(staff_user_for, names) if found is not None}
    return next(iter(found.values())) if len(found) == 1 else None


def earlier_contacts(
    *, caller_key: str, before: datetime.datetime, call: Call | None = None
) -> int:
    """How often the person with ``caller_key`` was in contact before ``before``: their calls
    (answered or not) and the consultation records of theirs that no call made."""
    if not caller_key:
        return 0
    calls = (
        Call.objects.filter(caller_key=caller_key, started_at__lt=before)
        .exclude(state=CallState.REJECTED)
        .exclude(pk=call.pk if call else None)
        .count()
    )
    records = Consultation.objects.filter(
        caller_key=caller_key, started_at__lt=before, phone_call__isnull=True
    ).count()
    return calls + records


def earlier_records(*, user: Any, call: Call) -> QuerySet[Consultation]:
    """The earlier records of the caller that ``user`` may open, newest first."""
    if not call.caller_key:
        return Consultation.objects.none()
    records = consultations_visible_to(user).filter(
        caller_key=call.caller_key, started_at__lt=call.started_at
    )
    if call.consultation_id:
        records = records.exclude(pk=call.consultation_id)
    return records


def queue_member_ids(queue: str) -> set[int]:
    if not queue:
        return set()
    members = Queue.objects.filter(name=queue).values_list("members", flat=True)
    return {member for member in members if member is not None}


def call_audience_includes(*, call: Call, user: Any) -> bool:
    """Whether ``user`` is told about ``call``: the members of its queue, or every staff
    member when the queue is not given or has no members in Linija; always its specialist."""
    if not is_staff_member(user):
        return False
    if call.specialist_id == user.pk:
        return True
    members = queue_member_ids(call.queue)
    return not members or user.pk in members


def calls_visible_to(user: Any) -> QuerySet[Call]:
    """Every staff member sees the calls (they carry no number); anyone else none."""
    calls = Call.objects.select_related("specialist", "consultation", "callback", "exchange")
    return calls if is_staff_member(user) else calls.none()


def access_call(*, user: Any, pk: int) -> Call:
    return get_object_or_404(calls_visible_to(user), pk=pk)


def call_list(*, user: Any, state: str = "", direction: str = "") -> QuerySet[Call]:
    calls = calls_visible_to(user)
    if state:
        calls = calls.filter(state=state)
    if direction:
        calls = calls.filter(direction=direction)
    return calls


def callbacks_visible_to(user: Any) -> QuerySet[Callback]:
    callbacks = Callback.objects.select_related("claimed_by", "closed_by").annotate(
        attempt_count=Count("attempts", distinct=True),
        missed_count=Count("calls", filter=Q(calls__state=CallState.MISSED), distinct=True),
    )
    return callbacks if is_staff_member(user) else callbacks.none()


def access_callback(*, user: Any, pk: int) -> Callback:
    return get_object_or_404(callbacks_visible_to(user), pk=pk)


def callback_can_work(*, callback: Callback, user: Any) -> bool:
    """Whether ``user`` may work on ``callback`` (try it, close it, give it back): when nobody
    or they took it, or as a supervisor."""
    return callback.claimed_by_id in (None, user.pk) or is_supervisor(user)


def callback_waiting(call: Call) -> Callback | None:
    """The open callback of an incoming call's caller other than the one the call itself
    waits in: someone who asked to be called back (or was missed before) is ringing in."""
    if call.direction != Direction.IN or not call.caller_key:
        return None
    return (
        Callback.objects.filter(caller_key=call.caller_key, status=CallbackStatus.OPEN)
        .exclude(pk=call.callback_id)
        .select_related("claimed_by")
        .first()
    )


def callback_list(
    *, user: Any, status: str = CallbackStatus.OPEN, mine: bool = False
) -> QuerySet[Callback]:
    """Open callbacks by due time (the most urgent first); done ones, latest first."""
    callbacks = callbacks_visible_to(user).filter(status=status)
    if mine:
        callbacks = callbacks.filter(claimed_by=user)
    if status == CallbackStatus.DONE:
        return callbacks.order_by("-closed_at", "-id")
    return callbacks.order_by("due_at", "id")


# --- Callback slots ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    start: datetime.datetime
    end: datetime.datetime

    @property
    def value(self) -> str:
        return self.start.astimezone(VILNIUS).isoformat()

    @property
    def label(self) -> str:
        start, end = self.start.astimezone(VILNIUS), self.end.astimezone(VILNIUS)
        return f"{start:%H:%M}–{end:%H:%M}"


@dataclass(frozen=True)
class SlotDay:
    day: datetime.date
    slots: tuple[Slot, ...]


def callback_slots(
    *, now: datetime.datetime | None = None, days: int = CALLBACK_DAYS
) -> list[SlotDay]:
    """The hour-long slots a callback can be asked for: inside the opening hours of the next
    ``days`` working days, starting after ``now``."""
    now = now or timezone.now()
    today = now.astimezone(VILNIUS).date()
    calendar = line_calendar(start=today)
    found: list[SlotDay] = []
    for offset in range(days * 7):
        if len(found) == days:
            break
        day = today + datetime.timedelta(days=offset)
        hours = calendar.day_hours(day)
        if hours is None:
            continue
        opens, closes = hours
        slots = []
        start = opens
        while start < closes:
            if start > now:
                slots.append(Slot(start=start, end=min(start + CALLBACK_SLOT, closes)))
            start += CALLBACK_SLOT
        if slots:
            found.append(SlotDay(day=day, slots=tuple(slots)))
    return found


def callback_due_at(
    *, preferred_at: datetime.datetime | None, now: datetime.datetime
) -> datetime.datetime:
    """When a callback falls due: the preferred time, or now while the line is open, or the
    next opening."""
    if preferred_at is not None:
        return preferred_at
    calendar = line_calendar(start=now.astimezone(VILNIUS).date())
    if calendar.is_open(now):
        return now
    return calendar.next_opening(now) or now


# --- The unified inbox ------------------------------------------------------------------------


def _call_item(call: Call) -> InboxItem:
    title = (
        _("Incoming call: %(caller)s")
        if call.state == CallState.RINGING
        else _("Call in progress: %(caller)s")
    )
    specialist = call.specialist
    return InboxItem(
        key=f"call-{call.pk}",
        kind="call",
        channel="phone",
        title=title % {"caller": call.label},
        status=call.state,
        status_label=call.get_state_display(),
        created_at=call.started_at,
        url=reverse("phone:call_detail", kwargs={"pk": call.pk}),
        assignee_id=specialist.pk if specialist else None,
        assignee_name=(specialist.get_full_name() or specialist.get_username())
        if specialist
        else "",
    )


def _callback_item(callback: Callback, now: datetime.datetime) -> InboxItem:
    if callback.source == CallbackSource.MISSED_CALL:
        title = _("Missed call: %(caller)s") % {"caller": callback.label}
    else:
        title = _("Callback request: %(caller)s") % {"caller": callback.label}
    due = callback.is_due(now)
    claimed = callback.claimed_by
    return InboxItem(
        key=f"callback-{callback.pk}",
        kind="callback",
        channel="phone",
        title=title,
        status="due" if due else "scheduled",
        status_label=_("Call back now") if due else _("Call back later"),
        created_at=callback.created_at,
        url=reverse("phone:callback_detail", kwargs={"pk": callback.pk}),
        assignee_id=claimed.pk if claimed else None,
        assignee_name=(claimed.get_full_name() or claimed.get_username()) if claimed else "",
    )


def live_calls(*, user: Any, now: datetime.datetime | None = None) -> list[Call]:
    """The incoming calls ringing or going on now that ``user`` is told about, oldest first."""
    now = now or timezone.now()
    calls = calls_visible_to(user).filter(
        direction=Direction.IN,
        state__in=LIVE_STATES,
        started_at__gte=now - call_timeout(),
    )
    return [
        call
        for call in calls.order_by("started_at", "id")
        if call_audience_includes(call=call, user=user)
    ]


def inbox_items(user: Any) -> list[InboxItem]:
    """The live incoming calls ``user`` is told about and every open callback."""
    if not is_staff_member(user):
        return []
    now = timezone.now()
    calls = [_call_item(call) for call in live_calls(user=user, now=now)]
    callbacks = [_callback_item(callback, now) for callback in callback_list(user=user)]
    return calls + callbacks


# --- The reports ------------------------------------------------------------------------------


def report_figures(
    *, since: datetime.datetime, until: datetime.datetime, records: QuerySet[Consultation]
) -> dict[str, int]:
    """Incoming calls that began in the period: answered (by the exchange's answer, or logged
    by hand), and missed. Forwarded and rejected calls are neither; outgoing calls are not
    counted (a callback is counted with the missed call it answers)."""
    return Call.objects.filter(
        direction=Direction.IN, started_at__gte=since, started_at__lt=until
    ).aggregate(
        **{
            "answered.phone": Count("pk", filter=Q(state__in=ANSWERED_STATES)),
            "missed.phone": Count("pk", filter=Q(state=CallState.MISSED)),
        }
    )


def dashboard_figures(*, now: datetime.datetime) -> dict[str, int]:
    """The phone now: incoming calls ringing and calls going on (both within the live window,
    as on the inbox), incoming calls answered today and missed today, and the open callbacks
    due by now."""
    since, until = today_bounds(now)
    figures = Call.objects.aggregate(
        waiting=Count(
            "pk",
            filter=Q(
                direction=Direction.IN,
                state=CallState.RINGING,
                started_at__gte=now - call_timeout(),
            ),
        ),
        active=Count(
            "pk", filter=Q(state=CallState.ANSWERED, started_at__gte=now - call_timeout())
        ),
        answered=Count(
            "pk",
            filter=Q(
                direction=Direction.IN,
                state__in=ANSWERED_STATES,
                answered_at__gte=since,
                answered_at__lt=until,
            ),
        ),
        missed=Count(
            "pk",
            filter=Q(
                direction=Direction.IN,
                state=CallState.MISSED,
                started_at__gte=since,
                started_at__lt=until,
            ),
        ),
    )
    figures["callbacks_due"] = Callback.objects.filter(
        status=CallbackStatus.OPEN, due_at__lte=now
    ).count()
    return figures
