"""Percentages that add up to 100 (largest remainder method)."""


def percentages(counts):
    """Whole percentages of `counts` (a list of non-negative ints) summing to exactly 100.

    Each share is rounded down, then the points left go to the largest remainders (ties: the
    first). All zero gives all zero.
    """
    total = sum(counts)
    if not total:
        return [0 for _ in counts]
    exact = [count * 100 / total for count in counts]
    floors = [int(value) for value in exact]
    left = 100 - sum(floors)
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[:left]:
        floors[index] += 1
    return floors
