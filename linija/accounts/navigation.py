"""Navigation entries that apps declare on their AppConfig.

An app lists ``staff_nav`` (the staff header's menu) and ``public_nav`` (the public
site's menu, after the content pages) as tuples of ``NavItem``; the context processors
collect them from every installed app, so adding a channel needs no edit of the base
templates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    title: str
    url_name: str
    order: int = 100
    roles: frozenset[str] = field(default_factory=frozenset)

    def get_absolute_url(self) -> str:
        return reverse(self.url_name)

    def shown_to(self, user_roles: Iterable[str]) -> bool:
        return not self.roles or bool(self.roles & set(user_roles))


def nav_items(attribute: str, user_roles: Iterable[str] = ()) -> list[NavItem]:
    items = [
        item
        for config in apps.get_app_configs()
        for item in getattr(config, attribute, ())
        if item.shown_to(user_roles)
    ]
    return sorted(items, key=lambda item: item.order)
