def histogram(values, buckets=1_000_000):
    counts = [0] * 1_000_000  # expect: MEM504
    for v in values:
        counts[hash(v) % buckets] += 1
    return counts


def sieve():
    is_prime = [True] * (10 ** 7)  # expect: MEM504
    return is_prime


WEIGHTS = 200_000 * [0.0]  # expect: MEM504
GRID = [0.0 for _ in range(1 << 20)]  # expect: MEM504


# Clean look-alikes below.

SMALL = [0] * 1000
NAMES = [None] * 1_000_000  # not numbers
LABELS = [""] * 500_000


def sized(n):
    return [0] * n  # n is not a literal


def rows():
    return [[0] * 10 for _ in range(200_000)]  # a list of lists, each small


def computed():
    return [i * 2 for i in range(1_000_000)]  # not a constant item


def pair():
    return [0, 0] * 100_000  # two items per repeat: left alone


def fed_to_a_constructor():
    return bytes([0] * 1_000_000)  # the list only feeds another object
