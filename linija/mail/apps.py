from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts import roles
from linija.accounts.navigation import NavItem


class MailConfig(AppConfig):
    name = "linija.mail"
    verbose_name = _("E-mail")
    staff_nav = (
        NavItem(_("E-mail"), "mail:list", order=20),
        NavItem(
            _("Quarantine"),
            "mail:quarantine",
            order=21,
            roles=frozenset({roles.SUPERVISOR, roles.ADMINISTRATOR}),
        ),
    )
    public_nav = (NavItem(_("Write to us"), "mail:contact", order=50),)
    # The inbox lists the conversations itself; its e-mail rows lead to the thread's page.
    conversation_urls = {"email": "linija.mail.selectors.conversation_url"}
    # The last successful fetch and the outbox's oldest waiting letter (``health.checks``).
    health_checks = "linija.mail.selectors.health_checks"
