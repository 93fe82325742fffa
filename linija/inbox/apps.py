from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts.navigation import NavItem


class InboxConfig(AppConfig):
    name = "linija.inbox"
    verbose_name = _("Inbox")
    staff_nav = (
        NavItem(_("Inbox"), "inbox:index", order=10),
        NavItem(_("Cases"), "inbox:case_list", order=60),
    )
    # The inbox lists the conversations and the records waiting for their wrap-up itself.
    inbox_items = "linija.inbox.selectors.inbox_items"
