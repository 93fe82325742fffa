"""Exact numbers of every table on the known March 2025 data set (see conftest.py)."""

import dataclasses
import threading

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.http import Http404

from linija.chat.models import ChatSession, ChatSurvey, State
from linija.consultations.models import (
    CallerCategory,
    Conversation,
    Municipality,
    Topic,
)
from linija.phone.models import Call, CallState
from linija.reports.builders import report_table, report_tables
from linija.reports.counting import Scope, drafts_count, records
from linija.reports.tests.conftest import at, rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def counted(table):
    """Only the rows with something counted, to compare whole tables exactly."""
    return {row.label: row.values for row in table.rows if row.values[0]}


def test_it_counts_the_summary(march, march_filter):
    table = report_table(march_filter, "summary")
    assert rows(table) == {
        "All contacts": (7,),
        "Counselling contacts": (5,),
        "Non-counselling contacts": (2,),
        "First contacts": (3,),
        "Repeat contacts": (1,),
        "Referrals": (2,),
    }


def test_it_counts_local_days_at_both_ends_of_the_month(march, march_filter):
    counted_ids = set(records(march_filter).values_list("pk", flat=True))
    assert march["records"]["first_minutes"].pk in counted_ids  # 1 March 00:30 = 28 Feb UTC
    assert march["records"]["april"].pk not in counted_ids  # 1 April 00:10 = 31 March UTC
    assert march["records"]["draft"].pk not in counted_ids
    assert drafts_count(march_filter) == 1


def test_it_counts_contacts_by_channel(march, march_filter):
    table = report_table(march_filter, "channel")
    assert rows(table) == {"Phone": (3, 1, 4), "E-mail": (1, 0, 1), "Chat": (1, 1, 2)}
    assert table.total.values == (5, 2, 7)


def test_it_counts_caller_categories_of_counselling_contacts(march, march_filter):
    table = report_table(march_filter, "caller_category")
    assert counted(table) == {
        "Non-kin foster carer / guardian": (3, 60.0),
        "Kinship carer": (1, 20.0),
        "Prospective carer or adopter": (1, 20.0),
    }
    assert table.total.values == (5, 100.0)
    assert len(table.rows) == CallerCategory.objects.filter(active=True).count()


def test_it_counts_a_contact_with_three_topics_once_per_topic_and_once_in_total(
    march, march_filter
):
    table = report_table(march_filter, "topic")
    assert counted(table) == {
        "Becoming a foster carer": (2, 40.0),
        "Who can become a carer (eligibility)": (2, 40.0),
        "Documents and application": (1, 20.0),
        "Adoption": (1, 20.0),
        "Who can adopt": (1, 20.0),
        "Payments and benefits": (1, 20.0),
        "Care allowance and target supplement": (1, 20.0),
        "Parenting and wellbeing": (1, 20.0),
        "Behaviour, attachment and trauma": (1, 20.0),
        "Other question": (1, 20.0),
    }
    assert table.total.values == (5, 100.0)
    levels = {row.label: row.level for row in table.rows}
    assert levels["Becoming a foster carer"] == 0
    assert levels["Documents and application"] == 1


def test_it_counts_municipalities_with_the_ones_not_stated(march, march_filter):
    table = report_table(march_filter, "municipality")
    assert counted(table) == {
        "Kaunas City Municipality": (3, 60.0),
        "Vilnius City Municipality": (1, 20.0),
        "Not stated": (1, 20.0),
    }
    assert table.total.values == (5, 100.0)
    assert len(table.rows) == Municipality.objects.count() + 1


def test_it_counts_first_and_repeat_contacts(march, march_filter):
    table = report_table(march_filter, "contact_order")
    assert rows(table) == {
        "First contact": (3, 60.0),
        "Repeat contact": (1, 20.0),
        "Not known": (1, 20.0),
    }


def test_it_counts_outcomes_and_referrals_by_target(march, march_filter):
    assert counted(report_table(march_filter, "outcome")) == {
        "Informed": (2, 40.0),
        "Consulted": (1, 20.0),
        "Referred to another service": (2, 40.0),
    }
    referrals = report_table(march_filter, "referral")
    assert counted(referrals) == {
        "VVTAĮT territorial division": (1, 50.0),
        "Foster care centre": (1, 50.0),
    }
    assert referrals.total.values == (2, 100.0)


def test_it_counts_non_counselling_contacts_apart(march, march_filter):
    table = report_table(march_filter, "non_counselling")
    assert counted(table) == {"Silent contact": (1, 0, 0, 1)}
    assert rows(table)["Test contact"] == (0, 0, 1, 1)
    assert table.total.values == (1, 0, 1, 2)


def test_it_sums_talk_and_wrapup_time_of_counselling_contacts(march, march_filter):
    table = report_table(march_filter, "talk_time")
    assert rows(table) == {
        "Phone": (3, 1100, 3300, 160),
        "E-mail": (1, 300, 300, 60),
        "Chat": (1, 600, 600, 180),
    }
    assert table.total.values == (5, 840, 4200, 144)


def test_it_counts_answered_and_missed_conversations(march, march_filter):
    table = report_table(march_filter, "service")
    assert rows(table)["E-mail"] == (3, 0, 100.0)
    assert rows(table)["Chat"] == (2, 1, 66.7)


def test_it_measures_the_first_answer_in_opening_hours_only(march, march_filter):
    table = report_table(march_filter, "first_response")
    # Chat: 2 min and 30 s. E-mail: over the public holiday 30 min, over the weekend and the
    # daylight saving change 1 h 10 min, over the administrator's closed day 15 min.
    assert rows(table) == {"E-mail": (3, 1800, 4200), "Chat": (2, 75.0, 120)}
    assert table.total.values == (5, 900, 4200)


def test_it_counts_the_heat_map_in_vilnius_time_across_the_daylight_saving_change(
    march, march_filter
):
    table = report_table(march_filter, "heatmap")
    cells = {
        (row.label, hour): value
        for row in table.rows
        for hour, value in enumerate(row.values[:24])
        if value
    }
    assert cells == {
        ("Monday", 12): 1,
        ("Monday", 23): 1,  # across midnight: counted where it started
        ("Tuesday", 14): 1,  # the public holiday, closed day: still counted
        ("Tuesday", 13): 1,
        ("Wednesday", 15): 1,
        ("Saturday", 0): 1,
        ("Sunday", 10): 1,  # 30 March 10:30 summer time, 07:30 UTC
    }
    assert table.total.values[24] == 7


def test_it_leaves_the_satisfaction_shares_empty_when_no_survey_is_offered(march, march_filter):
    table = report_table(march_filter, "satisfaction")
    assert table.rows[0].values == (0, 0, 0, None, 95.0, None)
    assert table.chart is None


def test_it_shows_what_the_phone_and_the_chat_record(march, march_filter):
    for number, (state, started) in enumerate(
        [
            (CallState.COMPLETED, "2025-03-03 12:29"),
            (CallState.COMPLETED, "2025-03-31 19:00"),
            (CallState.MISSED, "2025-03-04 12:00"),
            (CallState.MISSED, "2025-02-28 12:00"),
        ]
    ):
        Call.objects.create(
            call_id=f"c{number}", direction="in", state=state, started_at=at(started)
        )
    chat_record = march["records"]["dst_day"]
    conversation = Conversation.objects.create(
        channel="chat", consultation=chat_record, created_at=chat_record.started_at
    )
    ChatSession.objects.create(conversation=conversation, token_hash="t", state=State.ENDED)
    ChatSurvey.objects.create(consultation=chat_record, rating=5)
    test_chat = march["records"]["test"]
    conversation = Conversation.objects.create(
        channel="chat", consultation=test_chat, created_at=test_chat.started_at
    )
    ChatSession.objects.create(conversation=conversation, token_hash="u", state=State.ENDED)

    assert rows(report_table(march_filter, "service"))["Phone"] == (2, 1, 66.7)
    satisfaction = report_table(march_filter, "satisfaction")
    assert satisfaction.rows[0].values == (2, 1, 1, 100.0, 95.0, 50.0)
    counselling_only = dataclasses.replace(
        march_filter, specialist=march["records"]["dst_day"].specialist
    )
    assert report_table(counselling_only, "satisfaction").rows[0].values[:3] == (1, 1, 1)


def survey_figures(*, since, until, records):
    return {"survey.invited": 10, "survey.answered": 8, "survey.positive": records.count()}


def test_it_adds_up_what_the_channels_provide(march, march_filter, monkeypatch):
    monkeypatch.setattr(
        apps.get_app_config("knowledge"),
        "report_figures",
        "linija.reports.tests.test_builders.survey_figures",
        raising=False,
    )
    table = report_table(march_filter, "satisfaction")
    assert table.rows[0].values == (10, 8, 7, 87.5, 95.0, 80.0)
    assert table.chart.target == 95.0


def test_it_narrows_every_table_by_the_filters(march, march_filter):
    group = Topic.objects.get(code="becoming_carer")
    narrowed = dataclasses.replace(march_filter, topic=group)
    assert rows(report_table(narrowed, "summary"))["All contacts"] == (2,)
    assert rows(report_table(narrowed, "channel"))["E-mail"] == (1, 0, 1)
    by_place = dataclasses.replace(
        march_filter, municipality=Municipality.objects.get(code="kaunas-city"), channel="phone"
    )
    assert rows(report_table(by_place, "summary"))["All contacts"] == (2,)
    by_person = dataclasses.replace(march_filter, specialist=march["records"]["dst_day"].specialist)
    assert rows(report_table(by_person, "summary"))["All contacts"] == (2,)


def test_it_keeps_the_service_figures_to_the_channel_filter(march, march_filter):
    chat_only = dataclasses.replace(march_filter, channel="chat")
    assert list(rows(report_table(chat_only, "service"))) == ["Chat"]
    assert list(rows(report_table(chat_only, "first_response"))) == ["Chat"]


def test_it_builds_every_table_with_progress(march, march_filter):
    steps = []
    tables = report_tables(march_filter, step=lambda done, total: steps.append((done, total)))
    assert [table.key for table in tables][:3] == ["summary", "channel", "service"]
    assert steps[-1] == (len(tables), len(tables))


@pytest.mark.django_db(transaction=True)
def test_it_counts_the_same_figures_with_its_passes_on_connections_of_their_own(
    seeded, march, march_filter, monkeypatch
):
    threads = []
    run_apart = Scope._pass_apart

    def spied(scope, name):
        threads.append(threading.get_ident())
        run_apart(scope, name)

    monkeypatch.setattr(Scope, "_pass_apart", spied)
    monkeypatch.setattr(Scope, "CONCURRENT_ON", (connection.vendor,))  # SQLite too, here
    concurrent = report_tables(march_filter, tallied=False)
    assert len(threads) == len(Scope.PASSES)
    assert threading.get_ident() not in threads
    with transaction.atomic():
        sequential = report_tables(march_filter, tallied=False)
    assert len(threads) == len(Scope.PASSES)  # inside a transaction: no threads
    assert concurrent == sequential
    tallied = report_tables(march_filter)  # the days' tallies: only the waits apart
    assert len(threads) == len(Scope.PASSES) + len(Scope.TALLIED_PASSES)
    assert tallied == concurrent
    assert rows(concurrent[0])["All contacts"] == (7,)
    assert counted(concurrent[5])["Becoming a foster carer"] == (2, 40.0)


def test_it_refuses_an_unknown_table(march_filter):
    with pytest.raises(Http404):
        report_table(march_filter, "nope")
