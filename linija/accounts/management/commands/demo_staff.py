from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linija.accounts.roles import ROLE_NAMES
from linija.accounts.services import DEMO_PASSWORD, demo_staff_ensure


class Command(BaseCommand):
    help = "Create or reset the demo staff accounts (never on a production server)."

    def handle(self, *args, **options):
        try:
            accounts = demo_staff_ensure()
        except PermissionDenied as error:
            raise CommandError(
                _("Refusing to create demo accounts on a production server.")
            ) from error
        rows = [(_("Login"), _("Password"), _("Role"), _("Name"))]
        rows += [
            (
                account.username,
                DEMO_PASSWORD,
                str(ROLE_NAMES[account.role]),
                f"{account.first_name} {account.last_name}",
            )
            for account in accounts
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for number, row in enumerate(rows):
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
            if number == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write(self.style.SUCCESS(_("The demo accounts are ready.")))
