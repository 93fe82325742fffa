from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts import roles
from linija.accounts.navigation import NavItem
from linija.privacy.logfilter import install_on_uvicorn


class PrivacyConfig(AppConfig):
    name = "linija.privacy"
    verbose_name = _("Privacy")
    staff_nav = (
        NavItem(
            _("Safeguarding"),
            "privacy:safeguarding_list",
            order=85,
            roles=frozenset({roles.SUPERVISOR, roles.ADMINISTRATOR}),
        ),
        NavItem(
            _("Data subjects"),
            "privacy:subject",
            order=95,
            roles=frozenset({roles.ADMINISTRATOR}),
        ),
    )

    def ready(self) -> None:
        install_on_uvicorn()
