"""Progress of a long command, a line every tenth of each stage."""

from django.core.management.base import OutputWrapper
from django.utils.translation import gettext as _


class StageProgress:
    def __init__(self, stdout: OutputWrapper) -> None:
        self.stdout = stdout
        self.shown: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent // 10 > self.shown.get(stage, -10) // 10 or done == total:
            self.shown[stage] = percent
            self.stdout.write(
                _("%(stage)s: %(done)d of %(total)d (%(percent)d%%)")
                % {"stage": stage, "done": done, "total": total, "percent": percent}
            )
