import datetime

import pytest

from linija.privacy.erasures import (
    Erasure,
    erasure_journal_append,
    erasure_journal_merge,
    erasure_journal_read,
)
from linija.privacy.pseudonyms import pseudonym

AT = datetime.datetime(2026, 5, 4, 12, 30, tzinfo=datetime.UTC)


def test_it_keeps_kind_key_and_time_and_never_the_address(tmp_path):
    journal = tmp_path / "erasures.jsonl"
    erasure = Erasure("email", pseudonym("email", "ona@example.lt"), AT)
    erasure_journal_append(erasure, path=journal)
    assert erasure_journal_read(journal) == [erasure]
    assert "ona" not in journal.read_text()


def test_it_passes_over_a_line_cut_short_by_a_crash(tmp_path):
    journal = tmp_path / "erasures.jsonl"
    first = Erasure("phone", "a" * 64, AT)
    erasure_journal_append(first, path=journal)
    with journal.open("a") as cut:
        cut.write('{"kind": "email", "key": "bb')
    assert erasure_journal_read(journal) == [first]
    assert erasure_journal_read(tmp_path / "missing.jsonl") == []


def test_it_merges_each_erasure_once(tmp_path):
    journal = tmp_path / "erasures.jsonl"
    earlier = Erasure("phone", "a" * 64, AT)
    later = Erasure("email", "b" * 64, AT + datetime.timedelta(days=1))
    erasure_journal_append(later, path=journal)
    assert erasure_journal_merge([earlier, later], path=journal) == 1
    assert erasure_journal_merge([earlier, later], path=journal) == 0
    assert erasure_journal_read(journal) == [earlier, later]


@pytest.mark.django_db(transaction=True)
def test_it_journals_an_erase_once_it_is_committed(settings, tmp_path, administrator):
    from linija.privacy.services import subject_erase
    from linija.privacy.subjects import Subject

    settings.LINIJA_ERASURE_JOURNAL = tmp_path / "erasures.jsonl"
    subject_erase(subject=Subject.of("+370 612 34567"), user=administrator)
    (erasure,) = erasure_journal_read(settings.LINIJA_ERASURE_JOURNAL)
    assert erasure.kind == "phone"
    assert erasure.key == pseudonym("phone", "+37061234567")
