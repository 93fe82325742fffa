from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from linija.accounts import roles
from linija.accounts.services import DEMO_ACCOUNTS
from linija.consultations.models import Consultation
from linija.consultations.services import consultations_demo_create
from linija.knowledge.services import articles_demo_owners_set
from linija.mail.ingest import letters_demo_ingest
from linija.phone.services import calls_demo_create, exchange_demo_ensure


class Command(BaseCommand):
    help = (
        "Demo content for `make run`: demo staff (logins printed), consultation records, "
        "letters and a missed call waiting in the inbox, owners of the knowledge articles."
    )

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=120)

    def handle(self, *args, records: int, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo content is never loaded in production.")
        call_command("demo_staff", stdout=self.stdout)
        call_command("demo_phone", stdout=self.stdout)
        staff = get_user_model().objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
        owners = list(
            staff.filter(groups__name__in=[roles.SPECIALIST, roles.SUPERVISOR]).order_by("pk")
        )
        owned = articles_demo_owners_set(owners=owners)
        self.stdout.write(_("Knowledge articles given an owner: %(count)s") % {"count": owned})
        if not Consultation.objects.exists():
            specialists = list(staff.filter(groups__name=roles.SPECIALIST))
            created = consultations_demo_create(
                specialists=specialists, count=records, now=timezone.now()
            )
            self.stdout.write(_("Demo consultation records: %(count)s") % {"count": created})
        letters = letters_demo_ingest()
        calls = calls_demo_create(exchange=exchange_demo_ensure())
        self.stdout.write(
            _("Demo letters: %(letters)s, missed calls: %(calls)s")
            % {"letters": letters, "calls": calls}
        )
