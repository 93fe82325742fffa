"""How fast the reports are on many records.

    .venv/bin/python bench/reports.py --records 1000000

Generates N consultation records over ten years (working-day hours, growth over the years,
realistic shares of channels, caller categories, topics, municipalities and outcomes; one to
three topics each; a conversation with its first answer for every chat and e-mail contact),
counts the days' tallies (``manage.py report_tallies --all``: timed apart), then times the
yearly and the monthly report (every table of the statistics page, charts excepted) and, in
the same run, one hand-written SQL statement computing the same counts over the records. The
report adds up the days' tallies; the same report counted from the records (as a report
filtered by more than a channel is) is timed too, and the yearly report of the phone alone.
Each on SQLite (a temporary file) and on PostgreSQL (a scratch database created on the server
of ``DATABASE_URL`` and dropped afterwards; skipped without ``DATABASE_URL``).
With ``--keep`` both databases stay (a SQLite file in the temporary directory, a PostgreSQL
database ``linija_bench_reports_<N>``) and a later ``--keep`` run with the same N migrates and
times them again instead of generating the records anew.

Also timed: the yearly report filtered by a municipality (Kaunas city), and the statistics page
with its charts drawn, from the page's one count (``reports.pages``) and with every chart
counting again (as before the page kept its tables).

The last line: ``records=N sqlite_yearly_s=… postgres_yearly_s=… sqlite_ratio=… postgres_ratio=…
sqlite_filtered_s=… postgres_filtered_s=…`` (ratio: the report's time over the hand-written SQL's).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BATCH = 5000
RUNS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the generated databases, and reuse the ones a previous --keep run left",
    )
    parser.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        work(arguments.records, arguments.years)
        return
    results = {"sqlite": on_sqlite(arguments), "postgres": on_postgres(arguments)}
    for name, result in results.items():
        if result:
            print(f"{name}: {json.dumps(result)}")
    print(
        f"records={arguments.records} "
        f"sqlite_yearly_s={figure(results['sqlite'], 'yearly_s')} "
        f"postgres_yearly_s={figure(results['postgres'], 'yearly_s')} "
        f"sqlite_ratio={figure(results['sqlite'], 'ratio')} "
        f"postgres_ratio={figure(results['postgres'], 'ratio')} "
        f"sqlite_filtered_s={figure(results['sqlite'], 'yearly_filtered_s')} "
        f"postgres_filtered_s={figure(results['postgres'], 'yearly_filtered_s')}"
    )


def figure(result: dict | None, name: str) -> str:
    return f"{result[name]:.3f}" if result else "skipped"


def run_worker(arguments, database: str, env: dict[str, str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="linija-bench-") as var:
        completed = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                database,
                "--records",
                str(arguments.records),
                "--years",
                str(arguments.years),
            ],
            env={**os.environ, **env, "LINIJA_VAR_DIR": var, "LINIJA_LOG_LEVEL": "WARNING"},
            capture_output=True,
            text=True,
            check=False,
        )
    sys.stderr.write(completed.stderr)
    if completed.returncode:
        raise SystemExit(f"The {database} run failed.")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def on_sqlite(arguments) -> dict:
    if arguments.keep:
        kept = Path(tempfile.gettempdir()) / f"linija-bench-reports-{arguments.records}.sqlite3"
        return run_worker(arguments, "sqlite", {"DATABASE_URL": f"sqlite:///{kept}"})
    with tempfile.TemporaryDirectory(prefix="linija-bench-db-") as folder:
        return run_worker(
            arguments, "sqlite", {"DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
        )


def on_postgres(arguments) -> dict | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("PostgreSQL skipped: DATABASE_URL is not a postgres:// URL", file=sys.stderr)
        return None
    import psycopg

    if arguments.keep:
        scratch = f"linija_bench_reports_{arguments.records}"
    else:
        scratch = f"linija_bench_{os.getpid()}"
    scratch_url = urlunsplit(urlsplit(url)._replace(path=f"/{scratch}"))
    with psycopg.connect(url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [scratch]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        return run_worker(arguments, "postgres", {"DATABASE_URL": scratch_url})
    finally:
        if not arguments.keep:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


# --- Inside the worker: Django set up on the database of ``DATABASE_URL`` -----------------------


def work(records: int, years: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linija.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from linija.consultations.models import Consultation
    from linija.reports.services import day_tallies_mark_all, day_tallies_refresh

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if Consultation.objects.exists():  # kept by an earlier --keep run
        if Consultation.objects.count() != records:
            raise SystemExit("The kept database holds another number of records.")
        last_year = datetime.date.today().year - 1
        analyze()
    else:
        last_year = generate(records, years)
    generated_s = time.perf_counter() - started
    started = time.perf_counter()
    days = day_tallies_mark_all()
    day_tallies_refresh()
    tallies_s = time.perf_counter() - started
    result = measure(last_year)
    result.update(generate_s=round(generated_s, 1), tallies_s=round(tallies_s, 1), days=days)
    print(json.dumps(result))


class Draw:
    """Draws values by weight, many at a time (cumulative weights computed once)."""

    def __init__(self, rng: random.Random, values: list, weights: list[float]) -> None:
        self.rng, self.values = rng, values
        self.cumulative = list(itertools.accumulate(weights))

    def many(self, count: int) -> list:
        return self.rng.choices(self.values, cum_weights=self.cumulative, k=count)


def generate(total: int, years: int) -> int:
    """Fill the database; return the last complete year, the one the yearly report counts."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import OuterRef, Subquery

    from linija.consultations.models import (
        CallerCategory,
        Consultation,
        Conversation,
        ConversationStatus,
        Direction,
        Kind,
        Message,
        Municipality,
        Outcome,
        ReferralTarget,
        Status,
        Topic,
    )
    from linija.hours.calendar import VILNIUS

    rng = random.Random(2021)
    users = [
        get_user_model().objects.create_user(username=f"bench{index}", password=None)
        for index in range(8)
    ]
    categories = list(CallerCategory.objects.values_list("pk", flat=True))
    category = Draw(rng, categories, [rng.uniform(1, 10) for _ in categories])
    places = list(Municipality.objects.values_list("pk", "code"))
    big = {"vilnius-city": 25, "kaunas-city": 20, "klaipeda-city": 8, "siauliai-city": 5}
    municipality = Draw(
        rng,
        [pk for pk, _code in places] + [None],
        [big.get(code, 1.0) for _pk, code in places] + [8],
    )
    subtopics = list(
        Topic.objects.filter(parent__isnull=False).values_list("pk", flat=True)
    ) + list(
        Topic.objects.filter(parent__isnull=True, children__isnull=True).values_list(
            "pk", flat=True
        )
    )
    topic = Draw(rng, subtopics, [rng.uniform(1, 8) for _ in subtopics])
    topic_count = Draw(rng, [1, 2, 3], [60, 30, 10])
    outcomes = list(Outcome.objects.order_by("order"))
    outcome = Draw(rng, outcomes, [40, 40, 12, 6, 2][: len(outcomes)] + [1] * (len(outcomes) - 5))
    targets = list(ReferralTarget.objects.values_list("pk", flat=True))
    kind = Draw(rng, Kind.values, [85, 4, 1, 5, 1, 1, 2, 1])
    order = Draw(rng, ["first", "repeat", "unknown"], [60, 35, 5])
    channel = Draw(rng, ["phone", "email", "chat"], [60, 20, 20])
    today = datetime.date.today()
    last_year = today.year - 1
    first_day = datetime.date(last_year - years + 1, 1, 1)
    days = [
        first_day + datetime.timedelta(days=offset)
        for offset in range((datetime.date(last_year, 12, 31) - first_day).days + 1)
    ]
    # More contacts as the years go by; few at weekends (e-mail and chat mostly).
    day = Draw(
        rng,
        days,
        [
            (1 + 0.12 * (value.year - first_day.year)) * (1.0 if value.weekday() < 5 else 0.08)
            for value in days
        ],
    )
    Links = Consultation.topics.through
    made = 0
    while made < total:
        count = min(BATCH, total - made)
        batch = []
        for picked_day, picked_channel, picked_kind in zip(
            day.many(count), channel.many(count), kind.many(count), strict=True
        ):
            in_hours = picked_day.weekday() < 5 and rng.random() < 0.93
            minute = rng.randint(12 * 60, 20 * 60 - 1) if in_hours else rng.randint(0, 1439)
            started = datetime.datetime.combine(
                picked_day, datetime.time(minute // 60, minute % 60, rng.randint(0, 59)), VILNIUS
            )
            ended = started + datetime.timedelta(
                seconds=int(min(rng.lognormvariate(6.3, 0.7), 7200))
            )
            counselling = picked_kind == Kind.COUNSELLING
            result = outcome.many(1)[0] if counselling else None
            batch.append(
                Consultation(
                    channel=picked_channel,
                    kind=picked_kind,
                    started_at=started,
                    ended_at=ended,
                    completed_at=ended + datetime.timedelta(seconds=rng.randint(30, 600)),
                    caller_category_id=category.many(1)[0] if counselling else None,
                    municipality_id=municipality.many(1)[0] if counselling else None,
                    contact_order=order.many(1)[0] if counselling else "",
                    outcome=result,
                    referral_target_id=rng.choice(targets)
                    if result is not None and result.needs_referral_target
                    else None,
                    specialist=rng.choice(users),
                    status=Status.COMPLETED,
                )
            )
        with transaction.atomic():
            created = Consultation.objects.bulk_create(batch)
            links, conversations = [], []
            for consultation in created:
                if consultation.kind == Kind.COUNSELLING:
                    chosen = set(topic.many(topic_count.many(1)[0]))
                    links.extend(
                        Links(consultation_id=consultation.pk, topic_id=pk) for pk in chosen
                    )
                if consultation.channel != "phone":
                    conversations.append(
                        Conversation(
                            channel=consultation.channel,
                            status=ConversationStatus.CLOSED,
                            consultation=consultation,
                            created_at=consultation.started_at,
                            last_message_at=consultation.ended_at,
                        )
                    )
            Links.objects.bulk_create(links)
            messages = []
            created_conversations = Conversation.objects.bulk_create(conversations)
            for conversation in created_conversations:
                messages.append(
                    Message(
                        conversation=conversation,
                        direction=Direction.IN,
                        body="…",
                        created_at=conversation.created_at,
                    )
                )
                if rng.random() < 0.95:
                    mean = 180 if conversation.channel == "chat" else 14400
                    messages.append(
                        Message(
                            conversation=conversation,
                            direction=Direction.OUT,
                            body="…",
                            created_at=conversation.created_at
                            + datetime.timedelta(seconds=rng.expovariate(1 / mean)),
                        )
                    )
            Message.objects.bulk_create(messages)  # past Message.save: the first answers here
            Conversation.objects.filter(
                pk__in=[conversation.pk for conversation in created_conversations]
            ).update(
                first_answered_at=Subquery(
                    Message.objects.filter(conversation=OuterRef("pk"), direction=Direction.OUT)
                    .order_by("created_at")
                    .values("created_at")[:1]
                )
            )
        made += count
        print(f"\r{made:,} records", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    analyze()
    return last_year


def analyze() -> None:
    """What the database does by itself on a live system, done at once after the bulk load
    (and after new indexes): the planner's statistics, and on PostgreSQL the vacuum that marks
    the pages all-visible (autovacuum's work), without which no index-only scan is possible."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def best(action) -> float:
    action()  # warm the caches first
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(year: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from linija.consultations.models import Consultation, Municipality
    from linija.reports.builders import report_table, report_tables
    from linija.reports.charts import chart_svg
    from linija.reports.filters import ReportFilter
    from linija.reports.pages import page_table, page_tables

    yearly = ReportFilter(start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31))
    monthly = ReportFilter(start=datetime.date(year, 10, 1), end=datetime.date(year, 10, 31))
    counted = {}

    def report(which: ReportFilter, tallied: bool | None = None):
        counted["tables"] = report_tables(which, tallied=tallied)

    def hand_written():
        sql, params = hand_written_sql(connection.vendor, yearly)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            counted["sql"] = cursor.fetchall()

    yearly_s = best(lambda: report(yearly))
    yearly_total = counted["tables"][0].rows[0].values[0]
    tallied_tables = counted["tables"]
    from_records_s = best(lambda: report(yearly, tallied=False))
    if counted["tables"] != tallied_tables:
        raise SystemExit("The report from the tallies differs from the one from the records.")
    monthly_s = best(lambda: report(monthly))
    phone_s = best(lambda: report(dataclasses.replace(yearly, channel="phone")))
    sql_s = best(hand_written)
    place = Municipality.objects.get(code="kaunas-city")
    filtered_s = best(lambda: report(dataclasses.replace(yearly, municipality=place)))
    charted = [table.key for table in tallied_tables if table.chart]
    user = get_user_model().objects.order_by("pk").first()

    def charts_apart():  # before one count: the page, then each chart counting again
        report_tables(yearly)
        for key in charted:
            chart_svg(report_table(yearly, key))

    def charts_of_the_page():
        token, _tables = page_tables(yearly, user=user)
        for key in charted:
            chart_svg(page_table(yearly, key, user=user, token=token))

    charts_apart_s = best(charts_apart)
    charts_s = best(charts_of_the_page)
    sql_total = sum(
        n for dimension, _key, _key2, n, *_rest in counted["sql"] if dimension == "channel"
    )
    if sql_total != yearly_total:
        raise SystemExit(f"The report counted {yearly_total}, the hand-written SQL {sql_total}.")
    return {
        "database": connection.vendor,
        "records": Consultation.objects.count(),
        "year": year,
        "year_records": yearly_total,
        "yearly_s": yearly_s,
        "yearly_from_records_s": from_records_s,
        "monthly_s": monthly_s,
        "yearly_phone_s": phone_s,
        "hand_written_sql_s": sql_s,
        "yearly_filtered_s": filtered_s,
        "page_and_charts_s": charts_s,
        "page_and_charts_counted_apart_s": charts_apart_s,
        "ratio": yearly_s / sql_s,
    }


def hand_written_sql(vendor: str, report) -> tuple[str, list]:
    """One statement with every count of the report's tables: rows of
    (dimension, key, second key, count, sum)."""
    from django.db import connection

    period = [
        connection.ops.adapt_datetimefield_value(value) for value in (report.since, report.until)
    ]
    if vendor == "postgresql":
        hour = "date_trunc('hour', c.started_at, 'UTC')"
        talk = "EXTRACT(EPOCH FROM (c.ended_at - c.started_at))"
        wrapup = "EXTRACT(EPOCH FROM (c.completed_at - c.ended_at))"
    else:
        hour = "substr(c.started_at, 1, 13)"
        talk = "(julianday(c.ended_at) - julianday(c.started_at)) * 86400.0"
        wrapup = "(julianday(c.completed_at) - julianday(c.ended_at)) * 86400.0"
    base = (
        "consultations_consultation c WHERE c.status = 'completed' "
        "AND c.started_at >= %s AND c.started_at < %s"
    )
    counselling = f"{base} AND c.kind = 'counselling'"
    linked = (
        "consultations_consultation_topics l JOIN consultations_topic t ON t.id = l.topic_id "
        f"WHERE l.consultation_id IN (SELECT c.id FROM {counselling})"
    )
    answered = (
        "EXISTS (SELECT 1 FROM consultations_message m "
        "WHERE m.conversation_id = v.id AND m.direction = 'out')"
    )
    none = "CAST(NULL AS DOUBLE PRECISION)"
    parts = [
        # Grouped by kind first, as the report: by channel first SQLite reads the records
        # through the channel index instead of the covering one, several times slower.
        f"SELECT 'channel', c.channel, c.kind, COUNT(*), {none} FROM {base} "
        "GROUP BY c.kind, c.channel",
        f"SELECT 'category', CAST(c.caller_category_id AS TEXT), NULL, COUNT(*), {none} "
        f"FROM {counselling} GROUP BY c.caller_category_id",
        f"SELECT 'municipality', CAST(c.municipality_id AS TEXT), NULL, COUNT(*), {none} "
        f"FROM {counselling} GROUP BY c.municipality_id",
        f"SELECT 'order', c.contact_order, NULL, COUNT(*), {none} FROM {counselling} "
        "GROUP BY c.contact_order",
        f"SELECT 'outcome', CAST(c.outcome_id AS TEXT), NULL, COUNT(*), {none} FROM {counselling} "
        "GROUP BY c.outcome_id",
        f"SELECT 'referral', CAST(c.referral_target_id AS TEXT), NULL, COUNT(*), {none} "
        f"FROM {counselling} AND c.referral_target_id IS NOT NULL GROUP BY c.referral_target_id",
        "SELECT 'talk', c.channel, NULL, COUNT(*), "
        f"CAST(SUM({talk}) + SUM({wrapup}) AS DOUBLE PRECISION) "
        f"FROM {counselling} AND c.ended_at IS NOT NULL GROUP BY c.channel",
        f"SELECT 'topic', CAST(l.topic_id AS TEXT), NULL, COUNT(*), {none} FROM {linked} "
        "GROUP BY l.topic_id",
        "SELECT 'group', CAST(COALESCE(t.parent_id, t.id) AS TEXT), NULL, "
        f"COUNT(DISTINCT l.consultation_id), {none} FROM {linked} "
        "GROUP BY COALESCE(t.parent_id, t.id)",
        f"SELECT 'heatmap', CAST({hour} AS TEXT), NULL, COUNT(*), {none} FROM {base} "
        f"GROUP BY {hour}",
        f"SELECT 'conversation', v.channel, NULL, COUNT(*), "
        f"CAST(SUM(CASE WHEN {answered} THEN 1 ELSE 0 END) AS DOUBLE PRECISION) "
        "FROM consultations_conversation v "
        "WHERE v.created_at >= %s AND v.created_at < %s AND v.channel IN ('chat', 'email') "
        "GROUP BY v.channel",
    ]
    params: list = []
    for _part in parts:
        params += period
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({part}) AS q{index}" for index, part in enumerate(parts)
    )
    return sql, params


if __name__ == "__main__":
    main()
