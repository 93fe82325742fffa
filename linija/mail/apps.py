from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts.navigation import NavItem


class MailConfig(AppConfig):
    name = "linija.mail"
    verbose_name = _("E-mail")
    staff_nav = (NavItem(_("E-mail"), "mail:list", order=20),)
    public_nav = (NavItem(_("Write to us"), "mail:contact", order=50),)
    # The inbox lists the conversations itself; its e-mail rows lead to the thread's page.
    conversation_urls = {"email": "linija.mail.selectors.conversation_url"}
    retention_purgers = {
        "email_bodies": "linija.mail.services.letters_purge",
        "raw_email": "linija.mail.services.raw_letters_purge",
        "phone_data": "linija.mail.services.sender_keys_purge",
    }
