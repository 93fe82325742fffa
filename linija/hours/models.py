from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from linija.hours.calendar import DayException


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def validate_times(opens, closes) -> None:
    if opens is not None and closes is not None and closes <= opens:
        raise ValidationError({"closes": _("The closing time must be after the opening time.")})


class WeeklyHours(models.Model):
    """The line's usual hours on one weekday; a weekday without a row is closed."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, unique=True)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        ordering = ["weekday"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")),
                name="hours_weekly_closes_after_opens",
                violation_error_message=_("The closing time must be after the opening time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        validate_times(self.opens, self.closes)


class HoursException(models.Model):
    """One date on which the administrator closes the line or changes its hours.

    It overrides everything else: the weekly schedule, public holidays and the shorter day
    before a holiday.
    """

    date = models.DateField(_("date"), unique=True)
    closed = models.BooleanField(
        _("closed all day"),
        default=True,
        help_text=_("Untick to open the line at other hours on this date."),
    )
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(
        _("reason"),
        max_length=200,
        help_text=_("Shown to the public, e.g. “Staff training”."),
    )

    class Meta:
        verbose_name = _("exception to the hours")
        verbose_name_plural = _("exceptions to the hours")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(closed=True, opens__isnull=True, closes__isnull=True)
                    | Q(
                        closed=False,
                        opens__isnull=False,
                        closes__isnull=False,
                        closes__gt=F("opens"),
                    )
                ),
                name="hours_exception_times_match_closed",
                violation_error_message=_(
                    "A closed day has no times; an open day needs both, closing after opening."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.closed:
            return _("%(date)s closed: %(reason)s") % {"date": self.date, "reason": self.reason}
        return _("%(date)s open %(opens)s–%(closes)s: %(reason)s") % {
            "date": self.date,
            "opens": f"{self.opens:%H:%M}",
            "closes": f"{self.closes:%H:%M}",
            "reason": self.reason,
        }

    def clean(self) -> None:
        times = {"opens": self.opens, "closes": self.closes}
        if self.closed:
            errors = {
                name: _("Leave this empty when the line is closed all day.")
                for name, value in times.items()
                if value is not None
            }
        else:
            errors = {
                name: _("Give the time, or tick “closed all day”.")
                for name, value in times.items()
                if value is None
            }
        if errors:
            raise ValidationError(errors)
        validate_times(self.opens, self.closes)

    def as_day_exception(self) -> DayException:
        return DayException(
            closed=self.closed, opens=self.opens, closes=self.closes, reason=self.reason
        )
