from django.db import migrations

DEFAULTS = {
    "chat_transcripts": 365,
    "email_bodies": 365,
    "raw_email": 90,
    "phone_data": 365,
    "notes": 730,
    "audit_log": 1825,
}


def seed(apps, schema_editor):
    rule = apps.get_model("privacy", "RetentionRule")
    for kind, days in DEFAULTS.items():
        rule.objects.get_or_create(kind=kind, defaults={"days": days})


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
