import re

import pytest
from django.urls import reverse
from django.utils import timezone

from linija.accounts.models import AuditEntry
from linija.consultations.models import Consultation
from linija.consultations.services import conversation_open, message_add
from linija.mail.models import Letter
from linija.mail.outbox import outbox_add
from linija.privacy.models import SafeguardingFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(specialist):
    return Consultation.objects.create(
        channel="phone", started_at=timezone.now(), specialist=specialist
    )


@pytest.fixture
def flag(consultation, specialist):
    return SafeguardingFlag.objects.create(
        consultation=consultation, raised_by=specialist, note="Vaikas <b>mušamas</b>"
    )


def test_it_offers_the_flag_on_the_record_page(specialist_client, consultation):
    response = specialist_client.get(reverse("consultations:detail", args=[consultation.pk]))

    assert reverse("privacy:safeguarding_raise", args=[consultation.pk]) in response.text


def test_it_raises_a_flag_from_the_record_page(specialist_client, consultation):
    url = reverse("privacy:safeguarding_raise", args=[consultation.pk])

    response = specialist_client.post(url, {"note": "Vaikas mušamas"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("consultations:detail", args=[consultation.pk])
    assert SafeguardingFlag.objects.get().consultation == consultation
    # The form gives way to the flag's notice.
    assert url not in response.text


def test_it_refuses_an_empty_note_with_a_message(specialist_client, consultation):
    url = reverse("privacy:safeguarding_raise", args=[consultation.pk])

    response = specialist_client.post(url, {"note": "  "})

    assert response.status_code == 200
    assert 'class="errorlist' in response.text
    assert not SafeguardingFlag.objects.exists()


def test_it_hides_another_specialists_record(client, other_specialist, consultation):
    client.force_login(other_specialist)

    response = client.post(
        reverse("privacy:safeguarding_raise", args=[consultation.pk]), {"note": "x"}
    )

    assert response.status_code == 404
    assert not SafeguardingFlag.objects.exists()


def test_it_lists_the_flags_for_supervisors_escaped(supervisor_client, flag):
    response = supervisor_client.get(reverse("privacy:safeguarding_list"))

    assert response.status_code == 200
    assert "Vaikas &lt;b&gt;mušamas&lt;/b&gt;" in response.text
    assert reverse("privacy:safeguarding_resolve", args=[flag.pk]) in response.text


def test_it_hides_the_list_from_specialists(specialist_client, flag):
    assert specialist_client.get(reverse("privacy:safeguarding_list")).status_code == 404
    url = reverse("privacy:safeguarding_resolve", args=[flag.pk])
    assert specialist_client.post(url, {"resolution": "x"}).status_code == 404
    flag.refresh_from_db()
    assert flag.is_open


def test_it_resolves_a_flag(supervisor_client, supervisor, flag):
    url = reverse("privacy:safeguarding_resolve", args=[flag.pk])

    response = supervisor_client.post(url, {"resolution": "Pranešta VVTAĮT"})

    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.resolved_by == supervisor and not flag.is_open


def test_it_refuses_an_empty_resolution(supervisor_client, flag):
    url = reverse("privacy:safeguarding_resolve", args=[flag.pk])

    response = supervisor_client.post(url, {"resolution": ""})

    assert response.status_code == 200
    flag.refresh_from_db()
    assert flag.is_open


@pytest.fixture
def letter_from_ona(db):
    conversation = conversation_open(
        channel="email",
        subject="Dėl Jono",
        contact_name="Ona Onaitė",
        contact_address="ona@example.lt",
    )
    message, _created = message_add(conversation=conversation, direction="in", body="Sveiki")
    Letter.objects.create(
        conversation_message=message,
        dedupe_key="one",
        from_address="ona@example.lt",
        from_name="Ona Onaitė",
        reply_to="ona.darbas@example.lt",
        cc="petras@example.lt",
        text="Sveiki",
    )
    outbox_add(
        to=["ona@example.lt"], subject="Re: Dėl Jono", body="Ačiū", conversation=conversation
    )
    return conversation


ADDRESSES = ["ona@example.lt", "Ona Onaitė", "ona.darbas@example.lt", "petras@example.lt"]


def test_it_shows_the_contact_once_for_a_reason(client, specialist, letter_from_ona):
    client.force_login(specialist)
    url = reverse("privacy:contact_reveal", args=[letter_from_ona.pk])

    refused = client.post(url, {"reason": "Reikia perskambinti"})
    shown = client.post(url, {"reason": "answer"})

    assert refused.status_code == 400 and "ona@example.lt" not in refused.text
    assert shown.status_code == 200 and "ona@example.lt" in shown.text
    assert shown.headers["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.get(action="view", actor=specialist).detail == {
        "reveal": "contact",
        "reason": "answer",
    }
    assert reverse("mail:conversation", args=[letter_from_ona.pk]) in shown.text


def test_it_hides_the_address_on_the_mail_page_behind_the_records_reveal(
    specialist_client, letter_from_ona
):
    mail_page = specialist_client.get(reverse("mail:conversation", args=[letter_from_ona.pk]))
    record_page = specialist_client.get(
        reverse("consultations:detail", args=[letter_from_ona.consultation.pk])
    )

    reveal = reverse("privacy:contact_reveal", args=[letter_from_ona.pk])
    for page in (mail_page, record_page):
        assert page.status_code == 200
        # The answer's draft quotes the letter to send back to the person who wrote it.
        body = re.sub(r"<textarea[^>]*>.*?</textarea>", "", page.text, flags=re.S)
        body = body[body.index("<main") :]
        assert [address for address in ADDRESSES if address in body] == []
        assert f'action="{reveal}"' in body


def test_it_hides_the_reveal_from_a_specialist_who_may_not_see_the_conversation(
    client, other_specialist, specialist, letter_from_ona
):
    letter_from_ona.assignee = specialist
    letter_from_ona.save(update_fields=["assignee"])
    client.force_login(other_specialist)

    response = client.post(
        reverse("privacy:contact_reveal", args=[letter_from_ona.pk]), {"reason": "answer"}
    )

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(detail__reveal="contact").exists()


def test_it_reveals_only_by_post(specialist_client, letter_from_ona):
    url = reverse("privacy:contact_reveal", args=[letter_from_ona.pk])

    assert specialist_client.get(url).status_code == 405
