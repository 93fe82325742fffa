from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linija.phone.models import Extension
from linija.phone.services import exchange_demo_ensure

EXAMPLE = (
    "ID=demo-$(date +%s)\n"
    "curl -X POST -d event=newCall --data-urlencode from=+37061234567 -d to=880020300 "
    "-d direction=in -d callId=$ID {url}\n"
    "curl -X POST -d event=answer -d callId=$ID -d answeringNumber=101 {url}\n"
    "curl -X POST -d event=hangup -d callId=$ID -d cause=normalClearing {url}"
)


class Command(BaseCommand):
    help = "Create the demo telephone exchange and print its webhook (never in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.LINIJA_BASE_URL,
            help="Where Linija is served, for the printed webhook address (LINIJA_BASE_URL).",
        )

    def handle(self, *args, base_url: str, **options):
        try:
            exchange = exchange_demo_ensure()
        except PermissionDenied as error:
            raise CommandError(
                _("Refusing to create the demo exchange on a production server.")
            ) from error
        url = base_url.rstrip("/") + exchange.webhook_path()
        self.stdout.write(
            _("Demo telephone exchange (generic CTI) webhook: %(url)s") % {"url": url}
        )
        extensions = Extension.objects.select_related("user").order_by("number")
        if extensions:
            self.stdout.write(
                _("Extensions: %(list)s")
                % {
                    "list": ", ".join(
                        f"{extension.number} = {extension.user.get_username()}"
                        for extension in extensions
                    )
                }
            )
        self.stdout.write(_("Try a call (log in as a specialist first to see the pop-up):"))
        self.stdout.write(EXAMPLE.format(url=url))
