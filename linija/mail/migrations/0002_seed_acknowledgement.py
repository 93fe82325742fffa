from django.db import migrations

TEMPLATES = {
    "lt": (
        "Gavome jūsų laišką",
        "Laba diena,\n\n"
        "dėkojame, kad parašėte Įvaikinimo ir globos linijai. Jūsų laišką gavome, "
        "jo numeris – {reference}.\n\n"
        "Konsultantas jums atsakys {when}. Linija dirba darbo dienomis 12:00–20:00.\n\n"
        "Jei manote, kad vaikui gresia pavojus, skambinkite bendruoju pagalbos numeriu 112.\n"
        "Skubiu klausimu darbo laiku galite nemokamai paskambinti numeriu {phone}.\n\n"
        "Tai automatinis pranešimas, į jį atsakyti nereikia. Jei norite ką nors papildyti, "
        "tiesiog atsakykite į šį laišką – jis pateks į tą patį pokalbį.\n\n"
        "Įvaikinimo ir globos linija\n"
        "Kauno vaikų gerovės centras „Pastogė“",
    ),
    "en": (
        "We have received your letter",
        "Hello,\n\n"
        "thank you for writing to the Adoption and Foster Care Helpline. We have received "
        "your letter; its number is {reference}.\n\n"
        "A specialist will answer {when}. The line works on working days from 12:00 to 20:00.\n\n"
        "If you think a child is in danger, call the emergency number 112.\n"
        "For an urgent question you can call us free of charge at {phone} during opening "
        "hours.\n\n"
        "This is an automatic message: you do not need to answer it. If you want to add "
        "something, simply reply to this letter and it will join the same conversation.\n\n"
        "Adoption and Foster Care Helpline\n"
        "Kaunas child welfare centre “Pastogė”",
    ),
}


def seed(apps, schema_editor):
    template = apps.get_model("mail", "AcknowledgementTemplate")
    for language, (subject, body) in TEMPLATES.items():
        template.objects.update_or_create(
            language=language, defaults={"subject": subject, "body": body, "active": True}
        )


def unseed(apps, schema_editor):
    apps.get_model("mail", "AcknowledgementTemplate").objects.filter(
        language__in=TEMPLATES
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("mail", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
