"""What the unified inbox lists, and how each channel contributes to it.

A channel app names a selector on its AppConfig, ``inbox_items = "linija.<app>.selectors.<fn>"``;
the function takes ``user`` and returns the ``InboxItem``s that user may see (its own access
rules apply). The inbox merges them; it never reads another app's tables itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class InboxItem:
    key: str  # unique across channels: "conversation-12", "call-5", "callback-3", "record-9"
    kind: str  # "conversation", "call", "callback", "wrapup"
    channel: str  # "phone", "email", "chat"
    title: str  # what the row says; never a phone number or e-mail address in clear
    status: str  # a machine value: "new", "open", "waiting", "closed", "missed", "due", …
    status_label: str  # the same, translated
    created_at: datetime.datetime
    url: str  # where a click leads (the page checks access again)
    assignee_id: int | None = None
    assignee_name: str = ""
    topic_codes: tuple[str, ...] = field(default_factory=tuple)


def inbox_providers() -> list[Callable[..., Iterable[InboxItem]]]:
    return [
        import_string(config.inbox_items)
        for config in apps.get_app_configs()
        if getattr(config, "inbox_items", None)
    ]


def inbox_items_for(user) -> list[InboxItem]:
    """Every item the user may see, newest first."""
    items = [item for provider in inbox_providers() for item in provider(user)]
    return sorted(items, key=lambda item: item.created_at, reverse=True)
