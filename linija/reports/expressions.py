"""SQL expressions the reports aggregate with, fast on both databases.

Django reads a datetime in a time zone on SQLite through a Python function called per row;
over a year of records that alone takes longer than the whole report may. So the reports group
by the UTC hour, which both databases compute natively (SQLite stores UTC text, PostgreSQL
truncates), and turn each of the few thousand hours of a year into its Vilnius weekday and
hour afterwards: Vilnius is a whole number of hours from UTC all year, so every UTC hour falls
into exactly one local hour, daylight saving time or not.
"""

from __future__ import annotations

import datetime

from django.db.models import Aggregate, BooleanField, DateTimeField, FloatField, Func, TextField


class UtcHourField(DateTimeField):
    """An hour's start as the databases give it: a datetime from PostgreSQL, the text
    "2025-03-30 07" from SQLite, read by position, several times faster than Django's parsing
    of datetimes over the 8,760 hours of a year (hence its own type: no datetime converter)."""

    def get_internal_type(self) -> str:
        return "UtcHourField"

    def from_db_value(self, value, expression, connection) -> datetime.datetime | None:
        if not isinstance(value, str):
            return value
        year, month, day, hour = value[:4], value[5:7], value[8:10], value[11:13]
        return datetime.datetime(int(year), int(month), int(day), int(hour), tzinfo=datetime.UTC)


class UtcHour(Func):
    """The start of the UTC hour a datetime falls in, an aware datetime: truncated by
    PostgreSQL, cut from the stored UTC text by SQLite."""

    output_field = UtcHourField()
    arity = 1

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="date_trunc('hour', %(expressions)s, 'UTC')", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="substr(%(expressions)s, 1, 13)", **extra
        )


class SecondsBetween(Func):
    """The seconds from one datetime to a later one, as a float."""

    output_field = FloatField()
    arity = 2

    def __init__(self, start, end, **extra) -> None:
        super().__init__(end, start, **extra)

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM (%(expressions)s))::double precision",
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra,
        )


class Epoch(Func):
    """A datetime as seconds since 1970-01-01 UTC (a float): cheap to fetch by the thousand."""

    output_field = FloatField()
    arity = 1

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM %(expressions)s)::double precision",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)",
            **extra,
        )


class Joined(Aggregate):
    """The group's values as text joined by commas, in no particular order: ``GROUP_CONCAT`` on
    SQLite, ``STRING_AGG`` on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ',')",
            **extra,
        )


class AmongIds(Func):
    """Whether a value is among the ids a subquery selects: ``IN`` on SQLite; on PostgreSQL
    ``= ANY(ARRAY(…))``, the ids read first and then looked up in the index in order, faster
    there than the hash join over the whole table that it plans for ``IN``."""

    output_field = BooleanField()
    arity = 2
    template = "%(expressions)s"
    arg_joiner = " IN "

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="%(expressions)s)", arg_joiner=" = ANY(ARRAY", **extra
        )
