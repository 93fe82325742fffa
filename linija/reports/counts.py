"""The counts a report's tables are made of, in a form that adds up: a period's counts are the
sum of its days' counts. So a long period is counted from one stored row a day
(``DayTally``), not from every record again.

The counts are of the completed records only (as ``counting.records``):

- ``groups``: by kind, channel and contact order, the number of records and the sums of
  ``GROUP_SUMS`` (referred, with an end, talk seconds, with an end and a completion, wrap-up
  seconds);
- ``taxonomies``: the counselling records by the value of each of ``TAXONOMY_FIELDS``;
- ``topics`` and ``topic_groups``: the counselling records by topic, and by topic group (a
  record about two topics of one group counted once in it);
- ``hours``: every record by the UTC hour it started in.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

GROUP_KEYS = ("kind", "channel", "contact_order")
GROUP_SUMS = ("n", "referred", "timed", "talk", "wrapped", "wrapup")
TAXONOMY_FIELDS = ("caller_category_id", "municipality_id", "outcome_id", "referral_target_id")


class Counts:
    def __init__(self) -> None:
        self.groups: dict[tuple[str, str, str], list[float]] = {}
        self.taxonomies: dict[str, Counter[int | None]] = {
            field: Counter() for field in TAXONOMY_FIELDS
        }
        self.topics: Counter[int] = Counter()
        self.topic_groups: Counter[int] = Counter()
        self.hours: Counter[int] = Counter()  # POSIX seconds of the hour's start

    @classmethod
    def of_passes(
        cls,
        *,
        groups: Iterable[Mapping[str, Any]],
        taxonomies: Iterable[tuple[Any, ...]],
        topic_sets: Iterable[tuple[str, int]],
        hours: Iterable[tuple[datetime.datetime, int]],
        group_of: Mapping[int, int],
    ) -> Counts:
        """The counts of a report's passes over the records (``counting.Scope``)."""
        counts = cls()
        for row in groups:
            counts._add_group(
                tuple(row[key] for key in GROUP_KEYS), [row[name] or 0 for name in GROUP_SUMS]
            )
        for row in taxonomies:
            for index, field in enumerate(TAXONOMY_FIELDS):
                counts.taxonomies[field][row[index]] += row[-1]
        for joined, n in topic_sets:
            linked = {int(pk) for pk in joined.split(",")}
            for pk in linked:
                counts.topics[pk] += n
            for pk in {group_of[pk] for pk in linked}:
                counts.topic_groups[pk] += n
        for hour, n in hours:
            counts.hours[int(hour.timestamp())] += n
        return counts

    def _add_group(self, key: tuple[Any, ...], sums: list[float]) -> None:
        kept = self.groups.get(key)  # type: ignore[arg-type]
        if kept is None:
            self.groups[key] = list(sums)  # type: ignore[index]
        else:
            for index, value in enumerate(sums):
                kept[index] += value

    def add_stored(self, stored: Mapping[str, Any]) -> None:
        """Add the counts ``as_stored`` gave (a day's, read back from the database)."""
        for *key, n, referred, timed, talk, wrapped, wrapup in stored["groups"]:
            self._add_group(tuple(key), [n, referred, timed, talk, wrapped, wrapup])
        for field, pairs in stored["taxonomies"].items():
            counter = self.taxonomies[field]
            for value, n in pairs:
                counter[value] += n
        for name in ("topics", "topic_groups", "hours"):
            counter = getattr(self, name)
            for value, n in stored[name]:
                counter[value] += n

    def add(self, other: Counts) -> None:
        self.add_stored(other.as_stored())

    def as_stored(self) -> dict[str, Any]:
        """The counts as JSON: lists of pairs, since JSON keys are text only."""
        return {
            "groups": [[*key, *sums] for key, sums in self.groups.items()],
            "taxonomies": {
                field: [[value, n] for value, n in counter.items()]
                for field, counter in self.taxonomies.items()
            },
            "topics": [[pk, n] for pk, n in self.topics.items()],
            "topic_groups": [[pk, n] for pk, n in self.topic_groups.items()],
            "hours": [[hour, n] for hour, n in self.hours.items()],
        }

    def group_rows(self) -> list[dict[str, Any]]:
        """``groups`` as rows like a ``values().annotate()`` query's."""
        return [
            dict(zip(GROUP_KEYS + GROUP_SUMS, (*key, *sums), strict=True))
            for key, sums in self.groups.items()
        ]

    def hour_starts(self) -> list[tuple[datetime.datetime, int]]:
        return [
            (datetime.datetime.fromtimestamp(hour, datetime.UTC), n)
            for hour, n in self.hours.items()
        ]
