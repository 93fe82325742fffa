"""The line's usual hours: Monday to Friday 12:00–20:00; Saturday and Sunday closed."""

import datetime

from django.db import migrations

WORKING_DAYS = range(5)
OPENS = datetime.time(12, 0)
CLOSES = datetime.time(20, 0)


def seed(apps, schema_editor):
    WeeklyHours = apps.get_model("hours", "WeeklyHours")
    for weekday in WORKING_DAYS:
        WeeklyHours.objects.get_or_create(
            weekday=weekday, defaults={"opens": OPENS, "closes": CLOSES}
        )


def unseed(apps, schema_editor):
    WeeklyHours = apps.get_model("hours", "WeeklyHours")
    WeeklyHours.objects.filter(weekday__in=WORKING_DAYS, opens=OPENS, closes=CLOSES).delete()


class Migration(migrations.Migration):
    dependencies = [("hours", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
