from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts import roles
from linija.accounts.navigation import NavItem


class ReportsConfig(AppConfig):
    name = "linija.reports"
    verbose_name = _("Reports")
    staff_nav = (
        NavItem(
            _("Reports"),
            "reports:dashboard",
            order=80,
            roles=frozenset({roles.SUPERVISOR, roles.ADMINISTRATOR}),
        ),
    )
    # Today's figures of the chat and e-mail conversations; see ``linija.reports.providers``
    # (a period's are counted with the time to the first answer, ``Scope.conversations``).
    dashboard_figures = "linija.reports.dashboard.conversation_dashboard_figures"

    def ready(self) -> None:
        from linija.reports import receivers  # noqa: F401  (connects the tallies' receivers)
