"""Attachments are kept under random names: the files stored before under the sender's name
are renamed (the name stays in the database, for display and download)."""

import re

from django.db import migrations, models

import linija.mail.models

RANDOM_NAME = re.compile(r"^[0-9a-f]{32}$")


def files_rename(apps, schema_editor):
    storage = linija.mail.models.private_storage
    Attachment = apps.get_model("mail", "Attachment")
    for attachment in Attachment.objects.exclude(file="").iterator():
        old = attachment.file.name
        if RANDOM_NAME.match(old.rpartition("/")[2]) or not storage.exists(old):
            continue
        new = linija.mail.models.attachment_path(attachment, old)
        with storage.open(old, "rb") as stored:
            attachment.file.name = storage.save(new, stored)
        attachment.save(update_fields=["file"])
        storage.delete(old)


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0002_seed_acknowledgement"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                blank=True,
                storage=linija.mail.models.private_files,
                upload_to=linija.mail.models.attachment_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(files_rename, migrations.RunPython.noop),
    ]
