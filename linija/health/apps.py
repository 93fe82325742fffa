from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts import roles
from linija.accounts.navigation import NavItem


class HealthConfig(AppConfig):
    name = "linija.health"
    verbose_name = _("Service health")
    staff_nav = (
        NavItem(
            _("Service health"),
            "health:status",
            order=85,
            roles=frozenset({roles.SUPERVISOR, roles.ADMINISTRATOR}),
        ),
    )
    # The database's, Redis's and the worker's own checks; see ``linija.health.checks``.
    health_checks = "linija.health.selectors.service_checks"
    # "stalled": how many checks fail now (a stalled fetch or outbox, a silent worker).
    dashboard_figures = "linija.health.selectors.dashboard_figures"
