from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts.navigation import NavItem


class PhoneConfig(AppConfig):
    name = "linija.phone"
    verbose_name = _("Phone")
    staff_nav = (
        NavItem(_("Callbacks"), "phone:callback_list", order=30),
        NavItem(_("Calls"), "phone:call_list", order=31),
        NavItem(_("Log a call"), "phone:call_log", order=32),
    )
    inbox_items = "linija.phone.selectors.inbox_items"
    inbox_events = (
        "phone.call_incoming",
        "phone.call_answered",
        "phone.call_ended",
        "phone.callback_changed",
    )
    # Calls answered and missed, callbacks due; see ``linija.reports.providers``.
    dashboard_figures = "linija.phone.selectors.dashboard_figures"
    report_figures = "linija.phone.selectors.report_figures"
