"""What the unified inbox lists, and how each channel contributes to it.

A channel app names a selector on its AppConfig, ``inbox_items = "linija.<app>.selectors.<fn>"``;
the function takes ``user`` and returns the ``InboxItem``s that user may see (its own access
rules apply). The inbox merges them; it never reads another app's tables itself.

Who lists what (so that nothing appears twice):

- **The inbox app owns the generic rows.** Every ``consultations.Conversation`` that is new,
  open or waiting for the person, on any channel (chat and e-mail alike), is listed by the inbox
  itself under the key ``conversation-<pk>`` (with the recently closed ones for the "closed"
  filter), and so is every draft consultation record still waiting for its wrap-up, under
  ``record-<pk>`` (a draft whose conversation is still active is not listed apart: the
  conversation row stands for it). Claiming, assigning and the statuses of conversations are
  ``conversation_claim``, ``conversation_assign`` and ``conversation_status_set`` in
  ``linija/consultations/services.py``; they broadcast ``inbox.changed``.
- **A channel adds only what is its own:** incoming and missed calls (``call-<pk>``), callbacks
  due (``callback-<pk>``), chat queue entries that are not a Conversation yet, and the like. A
  channel never returns an item for a Conversation or a draft record; if it does anyway, the
  inbox keeps the first item of each key (its own come first).
- A channel that has its own page for a conversation (the chat console, the e-mail thread)
  names, on its AppConfig, a function giving its address:
  ``conversation_urls = {"email": "linija.mail.selectors.conversation_url"}`` maps a channel
  to a function ``(conversation) -> str``; the inbox's rows then lead there. Without one they
  lead to the inbox's own conversation page (``inbox:conversation``).
- The inbox page re-reads its rows when one of these staff events arrives: ``inbox.changed``,
  ``mail.received``, ``chat.queue_changed`` and every event a channel lists on its AppConfig as
  ``inbox_events = ("phone.call_incoming", …)``. Broadcast one of them (inside the
  transaction, through ``linija.inbox.live.staff_broadcast``) whenever what your selector
  returns changes, with ``data={"key": <the item's key>, …}`` and nothing identifying.
- An item may offer a claim and an assign action: ``claim_url`` and ``assign_url`` are
  addresses the inbox POSTs to (with the CSRF token; assign with ``assignee`` = a user's id, or
  empty for nobody). Answer through ``linija.inbox.actions.action_done`` /
  ``action_refused``: JSON for the inbox page's script, a redirect with a message otherwise.
- ``topic_codes`` holds the codes of the item's topics and of their groups, so that filtering by
  a group finds its subtopics.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string

from linija.consultations.models import Channel

# The events the inbox page always listens to; channels add theirs with ``inbox_events``.
REFRESH_EVENTS = ("inbox.changed", "mail.received", "chat.queue_changed")


@dataclass(frozen=True)
class InboxItem:
    key: str  # unique across channels: "conversation-12", "call-5", "callback-3", "record-9"
    kind: str  # "conversation", "call", "callback", "wrapup"
    channel: str  # "phone", "email", "chat"
    title: str  # what the row says; never a phone number or e-mail address in clear
    status: str  # a machine value: "new", "open", "waiting", "closed", "missed", "due", …
    status_label: str  # the same, translated
    created_at: datetime.datetime  # the age counts from here (a conversation: its last message)
    url: str  # where a click leads (the page checks access again)
    assignee_id: int | None = None
    assignee_name: str = ""
    topic_codes: tuple[str, ...] = field(default_factory=tuple)
    preview: str = ""  # the start of the last message, for a conversation
    claim_url: str = ""  # POST here to take the item; empty when it cannot be claimed
    assign_url: str = ""  # POST ``assignee`` here (supervisors); empty when it cannot be

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"

    @property
    def channel_label(self) -> str:
        return str(dict(Channel.choices).get(self.channel, self.channel))


def inbox_providers() -> list[Callable[..., Iterable[InboxItem]]]:
    return [
        import_string(config.inbox_items)
        for config in apps.get_app_configs()
        if getattr(config, "inbox_items", None)
    ]


def inbox_items_for(user) -> list[InboxItem]:
    """Every item the user may see, newest first. Of two items with one key the later provider's
    counts: a channel's own row of a conversation (a chat in the queue) over the inbox's."""
    unique: dict[str, InboxItem] = {}
    for provider in inbox_providers():
        for item in provider(user):
            unique[item.key] = item
    return sorted(unique.values(), key=lambda item: item.created_at, reverse=True)


# What nobody has taken yet: a chat in the queue, a new letter, a ringing call; and every
# callback not claimed (a missed call, a request on the website).
WAITING_STATUSES = frozenset({"new", "waiting", "ringing"})


def waiting_keys(items: Iterable[InboxItem]) -> list[str]:
    """The keys of the items waiting for someone to take them (the staff pages' title count)."""
    return [
        item.key
        for item in items
        if item.assignee_id is None and (item.status in WAITING_STATUSES or item.kind == "callback")
    ]


def inbox_refresh_events() -> tuple[str, ...]:
    """The staff events after which the inbox page re-reads its rows."""
    extra = [
        event for config in apps.get_app_configs() for event in getattr(config, "inbox_events", ())
    ]
    return tuple(dict.fromkeys([*REFRESH_EVENTS, *extra]))


def conversation_url_builders() -> dict[str, Callable[..., str]]:
    """The function giving the address of a conversation's own page, by channel."""
    builders: dict[str, Callable[..., str]] = {}
    for config in apps.get_app_configs():
        for channel, path in getattr(config, "conversation_urls", {}).items():
            builders[channel] = import_string(path)
    return builders
