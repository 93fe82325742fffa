from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts import roles
from linija.accounts.navigation import NavItem


class ChatConfig(AppConfig):
    name = "linija.chat"
    verbose_name = _("Web chat")
    staff_nav = (
        NavItem(_("Chats"), "chat:console", order=20),
        NavItem(
            _("Chat board"),
            "chat:board",
            order=21,
            roles=frozenset({roles.SUPERVISOR, roles.ADMINISTRATOR}),
        ),
    )
    public_nav = (NavItem(_("Chat"), "chat:page", order=10),)
    inbox_items = "linija.chat.selectors.inbox_items"
