from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linija.accounts.navigation import NavItem


class ConsultationsConfig(AppConfig):
    name = "linija.consultations"
    verbose_name = _("Consultations")
    staff_nav = (
        NavItem(_("Consultations"), "consultations:list", order=50),
        NavItem(_("New record"), "consultations:create", order=51),
    )
    retention_purgers = {
        "chat_transcripts": "linija.consultations.services.messages_purge",
        "email_bodies": "linija.consultations.services.messages_purge",
        "notes": "linija.consultations.services.notes_purge",
        "phone_data": "linija.consultations.services.caller_keys_purge",
    }
