from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linija.backups.archive import ArchiveError
from linija.backups.management.progress import StageProgress
from linija.backups.services import backup_create


class Command(BaseCommand):
    help = (
        "Write one consistent archive of the database, the stored files (raw letters, "
        "attachments, uploads) and the erasure journal while the service runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder",
            type=Path,
            default=None,
            help="where to write the archive (default LINIJA_BACKUP_DIR)",
        )

    def handle(self, *args, **options):
        folder = options["folder"] or settings.LINIJA_BACKUP_DIR
        try:
            archive = backup_create(folder=folder, progress=StageProgress(self.stdout))
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(_("Backup written: %(path)s") % {"path": archive}))
