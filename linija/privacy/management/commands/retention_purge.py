from django.core.management.base import BaseCommand
from django.utils import timezone

from linija.privacy.services import retention_purge


class Command(BaseCommand):
    help = "Erase the content older than its retention period (see the admin's retention periods)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be erased."
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        counts = retention_purge(now=timezone.now(), dry_run=dry_run)
        verb = "would be erased" if dry_run else "erased"
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} {verb}")
