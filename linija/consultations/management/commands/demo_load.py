from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from linija.accounts.services import DEMO_ACCOUNTS
from linija.consultations.models import Consultation
from linija.consultations.services import consultations_demo_create


class Command(BaseCommand):
    help = "Demo content for `make run`: demo staff (logins printed) and consultation records."

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=120)

    def handle(self, *args, records: int, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo content is never loaded in production.")
        call_command("demo_staff", stdout=self.stdout)
        call_command("demo_phone", stdout=self.stdout)
        if Consultation.objects.exists():
            return
        specialists = list(
            get_user_model().objects.filter(
                username__in=[a.username for a in DEMO_ACCOUNTS], groups__name="specialist"
            )
        )
        created = consultations_demo_create(
            specialists=specialists, count=records, now=timezone.now()
        )
        self.stdout.write(f"Demo consultation records: {created}")
