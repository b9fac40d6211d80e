import random

import pytest

from sirius.stats.rounding import percentages


def test_percentages_of_random_counts_always_sum_to_100_and_stay_within_one_point():
    rng = random.Random(20261128)
    for _ in range(5000):
        counts = [
            rng.choice([0, 0, 1, 2, 3, rng.randint(0, 10_000)]) for _ in range(rng.randint(1, 8))
        ]
        shares = percentages(counts)
        total = sum(counts)
        if not total:
            assert shares == [0] * len(counts)
            continue
        assert sum(shares) == 100, counts
        for count, share in zip(counts, shares, strict=True):
            assert abs(share - count * 100 / total) < 1, counts
            assert share >= 0
            if count == 0:
                assert share == 0, counts


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([1, 1, 1], [34, 33, 33]),  # a tie: the point left goes to the first
        ([1, 1, 1, 1, 1, 1], [17, 17, 17, 17, 16, 16]),
        ([2, 1], [67, 33]),
        ([0, 0, 5, 0, 0], [0, 0, 100, 0, 0]),
        ([0, 0, 0, 0, 0], [0, 0, 0, 0, 0]),
        ([1, 0, 0, 0, 199], [1, 0, 0, 0, 99]),
        ([], []),
    ],
)
def test_percentages_of_ties_and_zeros(counts, expected):
    assert percentages(counts) == expected
