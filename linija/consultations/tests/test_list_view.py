import datetime
import re

from linija.consultations.models import Status
from linija.consultations.tests.conftest import en_url
from linija.consultations.views import PAGE_SIZE


def section(page: str, heading_id: str) -> str:
    return re.search(rf'aria-labelledby="{heading_id}">(.*?)</section>', page, re.S).group(1)


def test_it_lists_my_drafts_as_wrapup_due(
    specialist_client, specialist, other_specialist, make_consultation, started
):
    mine = make_consultation(
        specialist=specialist, ended_at=started + datetime.timedelta(minutes=3, seconds=7)
    )
    theirs = make_consultation(specialist=other_specialist)
    done = make_consultation(specialist=specialist, status=Status.COMPLETED)

    response = specialist_client.get(en_url("consultations:list"))

    assert list(response.context["wrapup_due"]) == [mine]
    due = section(response.content.decode(), "wrapup-heading")
    assert en_url("consultations:edit", pk=mine.pk) in due
    assert "3:07" in due
    assert en_url("consultations:detail", pk=done.pk) not in due
    assert en_url("consultations:detail", pk=theirs.pk) not in response.content.decode()


def test_it_says_when_no_draft_is_waiting(specialist_client):
    response = specialist_client.get(en_url("consultations:list"))

    assert "No drafts waiting" in response.content.decode()


def test_it_lists_the_records_i_may_see(
    specialist_client, specialist, other_specialist, make_consultation
):
    mine = make_consultation(specialist=specialist, status=Status.COMPLETED)
    unassigned = make_consultation()
    theirs = make_consultation(specialist=other_specialist)

    response = specialist_client.get(en_url("consultations:list"))

    assert set(response.context["page"].object_list) == {mine, unassigned}
    records = section(response.content.decode(), "records-heading")
    assert "unassigned" in records
    assert en_url("consultations:detail", pk=theirs.pk) not in records


def test_it_lists_every_record_to_a_supervisor(
    supervisor_client, specialist, other_specialist, make_consultation
):
    make_consultation(specialist=specialist)
    make_consultation(specialist=other_specialist)

    response = supervisor_client.get(en_url("consultations:list"))

    assert len(response.context["page"].object_list) == 2


def test_it_filters_by_status_and_channel(specialist_client, specialist, make_consultation):
    chat_done = make_consultation(specialist=specialist, channel="chat", status=Status.COMPLETED)
    make_consultation(specialist=specialist, channel="chat")
    make_consultation(specialist=specialist, channel="phone", status=Status.COMPLETED)

    response = specialist_client.get(
        en_url("consultations:list"), {"status": "completed", "channel": "chat"}
    )

    assert list(response.context["page"].object_list) == [chat_done]


def test_it_ignores_a_filter_it_does_not_know(specialist_client, specialist, make_consultation):
    make_consultation(specialist=specialist)

    response = specialist_client.get(en_url("consultations:list"), {"channel": "fax"})

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 1


def test_it_pages_the_records_and_keeps_the_filter(
    specialist_client, specialist, make_consultation, started
):
    for minutes in range(PAGE_SIZE + 1):
        make_consultation(
            specialist=specialist,
            channel="chat",
            started_at=started - datetime.timedelta(minutes=minutes),
        )
    make_consultation(specialist=specialist, channel="phone")

    first = specialist_client.get(en_url("consultations:list"), {"channel": "chat"})
    second = specialist_client.get(en_url("consultations:list"), {"channel": "chat", "page": 2})

    assert len(first.context["page"].object_list) == PAGE_SIZE
    assert "?channel=chat&amp;page=2" in first.content.decode()
    assert len(second.context["page"].object_list) == 1
    assert second.context["page"].object_list[0].started_at == started - datetime.timedelta(
        minutes=PAGE_SIZE
    )


def test_it_turns_away_a_user_without_a_staff_role(outsider_client):
    assert outsider_client.get(en_url("consultations:list")).status_code == 403


def test_it_sends_an_anonymous_visitor_to_the_login(client):
    response = client.get(en_url("consultations:list"))

    assert response.status_code == 302
    assert response.url.startswith(en_url("accounts:login"))
