from django.db import migrations, models

SAFEGUARDING_DAYS = 1825


def seed(apps, schema_editor):
    rule = apps.get_model("privacy", "RetentionRule")
    rule.objects.get_or_create(kind="safeguarding", defaults={"days": SAFEGUARDING_DAYS})


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_seed_retention")]

    operations = [
        migrations.AlterField(
            model_name="retentionrule",
            name="kind",
            field=models.CharField(
                choices=[
                    ("chat_transcripts", "Chat transcripts"),
                    ("email_bodies", "E-mail texts and attachments"),
                    ("raw_email", "Original e-mail files (.eml)"),
                    ("phone_data", "Caller keys and callback numbers"),
                    ("notes", "Summaries and internal notes"),
                    ("audit_log", "Audit log"),
                    ("safeguarding", "Notes and resolutions of safeguarding flags"),
                ],
                max_length=20,
                unique=True,
                verbose_name="content",
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
