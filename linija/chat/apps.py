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
    # The survey and the specialists online; see ``linija.reports.providers``.
    dashboard_figures = "linija.chat.selectors.dashboard_figures"
    report_figures = "linija.chat.selectors.report_figures"
    # The oldest waiting chat (``health.checks``).
    health_checks = "linija.chat.selectors.health_checks"
    dashboard_events = ("chat.board_changed", "chat.presence_changed")

    def ready(self) -> None:
        from django.core.signals import request_finished

        request_finished.connect(_connections_close, dispatch_uid="linija-request-connections")


def _connections_close(**kwargs) -> None:
    """SQLite connections are kept open (CONN_MAX_AGE None) for the sockets' database thread,
    which sends no request_finished; a request runs in a thread of its own and closes its
    connections when it ends, instead of leaving them to the garbage collector (not inside a
    transaction: a test's request runs in the test's)."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()
