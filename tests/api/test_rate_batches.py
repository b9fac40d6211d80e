"""The rate limit counted in batches per process (SIRIUS_API_RATE_TOLERANCE): few writes, and a
limit that still holds across processes within the tolerance."""

import threading

import pytest
from django.db import connection

from sirius.api.models import ApiRateWindow
from sirius.api.throttling import ProcessTallies, Rate, batch_size, rate_hit

BUCKET = "key:1"


@pytest.fixture(autouse=True)
def one_percent(settings):
    settings.SIRIUS_API_RATE_TOLERANCE = 1


def stored_hits(bucket=BUCKET):
    return ApiRateWindow.objects.filter(bucket=bucket).values_list("hits", flat=True).first()


class TestOneProcess:
    def test_a_batch_is_written_in_one_statement(self, db, django_assert_num_queries):
        rate = Rate.parse("1000/min")  # a batch of 10 requests
        tallies = ProcessTallies()
        with django_assert_num_queries(1):  # the first request of a window is written
            rate_hit(BUCKET, rate, now=60.0, tallies=tallies)
        with django_assert_num_queries(1):  # then once every 10 requests
            verdicts = [rate_hit(BUCKET, rate, now=60.1, tallies=tallies) for _ in range(10)]

        assert all(verdict.allowed for verdict in verdicts)
        assert [verdict.hits for verdict in verdicts] == list(range(2, 12))
        assert stored_hits() == 11

    def test_a_quiet_client_is_written_after_a_second(self, db):
        rate = Rate.parse("1000/min")
        tallies = ProcessTallies()
        rate_hit(BUCKET, rate, now=60.0, tallies=tallies)
        rate_hit(BUCKET, rate, now=60.2, tallies=tallies)

        rate_hit(BUCKET, rate, now=61.5, tallies=tallies)

        assert stored_hits() == 3

    def test_small_limits_are_counted_exactly(self, db, django_assert_num_queries):
        rate = Rate.parse("60/min")
        tallies = ProcessTallies()
        assert batch_size(rate) == 1

        with django_assert_num_queries(3):
            statuses = [rate_hit(BUCKET, rate, now=60.0, tallies=tallies) for _ in range(3)]

        assert stored_hits() == 3 and all(verdict.allowed for verdict in statuses)

    def test_a_client_over_its_limit_is_refused_without_writing(
        self, db, django_assert_num_queries
    ):
        rate = Rate.parse("200/min")  # batches of 2
        tallies = ProcessTallies()
        allowed = sum(rate_hit(BUCKET, rate, now=60.0, tallies=tallies).allowed for _ in range(200))
        assert allowed == 200

        refused = rate_hit(BUCKET, rate, now=60.5, tallies=tallies)
        with django_assert_num_queries(0):
            again = rate_hit(BUCKET, rate, now=61.0, tallies=tallies)

        assert not refused.allowed and not again.allowed
        assert refused.retry_after == 60
        assert rate_hit(BUCKET, rate, now=120.0, tallies=tallies).allowed  # a new window


@pytest.mark.django_db(transaction=True)
def test_two_processes_share_the_limit_within_the_tolerance(settings):
    """Two processes (their own tallies and database connections) calling in turn: together
    they admit the limit, and at most one batch each beyond it."""
    settings.SIRIUS_API_RATE_TOLERANCE = 5
    rate = Rate.parse("400/min")  # batches of 20
    first, second = ProcessTallies(), ProcessTallies()
    admitted = {"other": 0}
    turn = threading.Barrier(2)

    def other_process():
        for _ in range(300):
            turn.wait()
            admitted["other"] += rate_hit(BUCKET, rate, now=60.0, tallies=second).allowed
            turn.wait()
        connection.close()

    thread = threading.Thread(target=other_process)
    thread.start()
    mine = 0
    for _ in range(300):
        turn.wait()
        turn.wait()
        mine += rate_hit(BUCKET, rate, now=60.0, tallies=first).allowed
    thread.join()

    total = mine + admitted["other"]
    assert 400 <= total <= 400 + 2 * batch_size(rate)
    assert min(mine, admitted["other"]) >= 150  # both were served
