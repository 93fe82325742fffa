"""The line's project periods: the ESF project and the follow-on project."""

import datetime

from django.db import migrations

PERIODS = [
    ("ESF 2021–2023", datetime.date(2021, 1, 25), datetime.date(2023, 6, 30)),
    ("Tęstinis projektas nuo 2023-07-01", datetime.date(2023, 7, 1), None),
]


def seed(apps, schema_editor):
    ProjectPeriod = apps.get_model("reports", "ProjectPeriod")
    for name, start, end in PERIODS:
        ProjectPeriod.objects.get_or_create(name=name, defaults={"start": start, "end": end})


def unseed(apps, schema_editor):
    ProjectPeriod = apps.get_model("reports", "ProjectPeriod")
    ProjectPeriod.objects.filter(name__in=[name for name, _start, _end in PERIODS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
