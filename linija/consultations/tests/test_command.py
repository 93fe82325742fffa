import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from linija.accounts.services import DEMO_ACCOUNTS
from linija.consultations.models import Consultation, Status
from linija.consultations.services import consultations_demo_create
from linija.inbox.items import inbox_items_for, waiting_keys
from linija.knowledge.models import Article
from linija.knowledge.services import reminder_recipients


def test_it_loads_demo_staff_and_completed_records_once(db, capsys):
    call_command("demo_load", records=40)
    output = capsys.readouterr().out
    assert "specialistas" in output and "linija-demo" in output
    records = Consultation.objects.filter(status=Status.COMPLETED)
    assert 20 <= records.count() <= 40
    assert all(r.talk_seconds > 0 and r.wrapup_seconds > 0 for r in records)
    assert all(r.missing_fields_for_completion() == [] for r in records)

    everything = Consultation.objects.count()
    call_command("demo_load", records=40)
    assert Consultation.objects.count() == everything


def test_it_refuses_to_load_demo_content_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo_load")
    assert not Consultation.objects.exists()


def test_it_dates_demo_records_in_this_month_and_the_two_before(db, specialist):
    now = timezone.make_aware(datetime.datetime(2026, 12, 1, 15, 0))

    consultations_demo_create(specialists=[specialist], count=60, now=now)

    started = [
        timezone.localtime(at) for at in Consultation.objects.values_list("started_at", flat=True)
    ]
    assert {(at.year, at.month) for at in started} == {(2026, 12), (2026, 11), (2026, 10)}
    assert max(started) < now


def test_it_gives_every_knowledge_article_a_demo_owner_who_gets_the_reminders(db, capsys):
    call_command("demo_load", records=0)
    call_command("demo_load", records=0)

    articles = list(Article.objects.select_related("owner"))
    assert articles and all(article.owner for article in articles)
    demo = {account.email for account in DEMO_ACCOUNTS}
    assert set(reminder_recipients(articles)) <= demo
    assert (
        "Žinių bazės straipsniai, kuriems paskirtas atsakingas asmuo: 0" in capsys.readouterr().out
    )


def test_it_reports_the_demo_records_in_lithuanian(db, capsys):
    call_command("demo_load", records=30)

    count = Consultation.objects.filter(status=Status.COMPLETED).count()
    assert f"Demonstraciniai konsultacijų įrašai: {count}" in capsys.readouterr().out


def test_it_leaves_letters_and_a_missed_call_waiting_in_the_demo_inbox(db, capsys):
    call_command("demo_load", records=0)
    call_command("demo_load", records=0)

    supervisor = get_user_model().objects.get(username="vadovas")
    keys = waiting_keys(inbox_items_for(supervisor))
    assert sorted(key.split("-")[0] for key in keys) == ["callback", "conversation", "conversation"]
    output = capsys.readouterr().out
    assert "Demonstraciniai laiškai: 2, praleisti skambučiai: 1" in output
    assert "Demonstraciniai laiškai: 0, praleisti skambučiai: 0" in output
