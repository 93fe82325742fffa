import imaplib

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linija.mail.imap import MailboxError
from linija.mail.mailbox import mail_fetch


class Command(BaseCommand):
    help = "Fetch new letters from the line's IMAP mailbox once and store them."

    def handle(self, *args, **options):
        try:
            report = mail_fetch()
        except (MailboxError, imaplib.IMAP4.error, OSError) as error:
            message = _("The mailbox could not be read: %(error)s") % {"error": error}
            raise CommandError(message) from error
        if report is None:
            raise CommandError(_("No IMAP server is configured (LINIJA_IMAP_HOST)."))
        self.stdout.write(
            _(
                "Fetched %(fetched)d, stored %(stored)d, already stored %(duplicates)d, "
                "failed %(failed)d."
            )
            % vars(report)
        )
