from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from linija.reports.services import day_tallies_mark_all, day_tallies_refresh


class Command(BaseCommand):
    help = (
        "Count the stale days' tallies of the reports again (the worker does it every five "
        "minutes); with --all every day first, after records were loaded past the application."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="count every day again, not only the stale ones"
        )

    def handle(self, *args, **options):
        if options["all"]:
            day_tallies_mark_all()
        shown = -1

        def step(done: int, total: int) -> None:
            nonlocal shown
            percent = 100 * done // total
            if percent // 10 > shown // 10 or done == total:
                shown = percent
                self.stdout.write(
                    _("%(done)d of %(total)d days counted (%(percent)d%%)")
                    % {"done": done, "total": total, "percent": percent}
                )

        stored = day_tallies_refresh(step=step)
        self.stdout.write(
            self.style.SUCCESS(_("%(count)d days' tallies stored.") % {"count": stored})
        )
