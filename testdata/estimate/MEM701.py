"""Functions whose estimated peak, with every size at one million, exceeds the default budget of 1 GiB."""


def distance_table(n):  # expect: MEM701
    table = [[0] * n for _ in range(n)]
    return len(table)


def index_rows(rows):  # expect: MEM701
    by_key = {}
    for row in rows:
        for other in rows:
            by_key[len(by_key)] = [0] * 100
    return len(by_key)


def one_row(n):
    row = [0] * n
    return len(row)


def small_lookup(n):
    lookup = {i: i for i in range(100)}
    return lookup.get(n)
