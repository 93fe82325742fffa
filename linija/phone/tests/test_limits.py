import time

from linija.phone.limits import hit_limited


def test_it_counts_each_address_and_scope_apart():
    hits = [hit_limited(scope="a", who="1.2.3.4", limit=2, seconds=60) for _ in range(3)]

    assert hits == [False, False, True]
    assert not hit_limited(scope="a", who="5.6.7.8", limit=2, seconds=60)
    assert not hit_limited(scope="b", who="1.2.3.4", limit=2, seconds=60)


def test_it_starts_counting_again_after_the_window():
    assert not hit_limited(scope="w", who="x", limit=1, seconds=1)
    assert hit_limited(scope="w", who="x", limit=1, seconds=1)

    time.sleep(1.1)

    assert not hit_limited(scope="w", who="x", limit=1, seconds=1)
