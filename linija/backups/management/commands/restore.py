from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linija.backups.archive import ArchiveError
from linija.backups.management.progress import StageProgress
from linija.backups.services import backup_restore


class Command(BaseCommand):
    help = (
        "Bring a backup archive back into a new, empty database and empty file folders, erase "
        "again what was erased after it (its own journal, --journal and this installation's) "
        "and apply the retention rules."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--journal",
            type=Path,
            default=None,
            help="the newest erasure journal you have (e.g. the off-site copy)",
        )

    def handle(self, *args, **options):
        try:
            restored = backup_restore(
                archive=options["archive"],
                journal=options["journal"],
                progress=StageProgress(self.stdout),
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup of %(created)s: %(files)d files, %(erasures)d later "
                    "erasures applied again, %(purged)d items past their retention blanked."
                )
                % {
                    "created": restored.created_at.isoformat(timespec="seconds"),
                    "files": restored.files,
                    "erasures": restored.erasures_replayed,
                    "purged": sum(restored.purged.values()),
                }
            )
        )
