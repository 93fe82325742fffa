import pytest
from django.core.management import CommandError, call_command

from linija.consultations.models import Consultation, Status


def test_it_loads_demo_staff_and_completed_records_once(db, capsys):
    call_command("demo_load", records=40)
    output = capsys.readouterr().out
    assert "specialistas" in output and "linija-demo" in output
    records = Consultation.objects.all()
    assert 20 <= records.count() <= 40
    assert set(records.values_list("status", flat=True)) == {Status.COMPLETED}
    assert all(r.talk_seconds > 0 and r.wrapup_seconds > 0 for r in records)
    assert all(r.missing_fields_for_completion() == [] for r in records)
    first = records.count()

    call_command("demo_load", records=40)
    assert Consultation.objects.count() == first


def test_it_refuses_to_load_demo_content_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo_load")
    assert not Consultation.objects.exists()
