"""Sequences rebuilt as longer copies of themselves on every iteration."""


def collect_copies(n):
    acc = []
    for i in range(n):
        acc = acc + [i]  # expect: MEM702
    return acc


def collect_tuple(n):
    acc = ()
    for i in range(n):
        acc = acc + (i,)  # expect: MEM702
    return acc


def collect_through_temp(n):  # expect: MEM702
    acc = []
    for i in range(n):
        longer = acc + [i]
        acc = longer
    return acc


def collect_appends(n):
    acc = []
    for i in range(n):
        acc.append(i)
    return acc


def running_total(n):
    total = 0
    for i in range(n):
        total = total + i
    return total


def tokens(pattern, text):
    words = ()
    for word in pattern.split(text):
        words = words + (word,)  # expect: MEM702
    return words


def extend_in_place(n):
    acc = []
    for i in range(n):
        acc += [i]  # a list's += extends in place
    return acc


def polynomial(coeffs, x):
    expr = 0
    powers = ()
    for i, c in enumerate(coeffs):
        expr += c * x ** i  # a sum of terms, not a sequence
        powers = powers + (i,)  # expect: MEM702
    return expr, powers


def rgb(r, g, b):
    channels = ()
    for c in (r, g, b):  # three items written in the source
        channels = channels + (c,)
    return channels


def joined(parts):
    return b"".join(parts)


# A peak quadratic in an input that the function does not keep: only a count or a sum leaves it.

def pair_count(items):
    pairs = [(a, b) for a in items for b in items]  # expect: MEM702
    return len(pairs)


def close_pairs(points, limit):
    found = []
    for p in points:
        for q in points:
            found.append((p, q))  # expect: MEM702
    return sum(1 for p, q in found if abs(p - q) < limit)


def grid(n):
    return [[0] * n for _ in range(n)]  # the n-by-n result is what the caller asked for


def small_pairs():
    items = (1, 2, 3)
    pairs = [(a, b) for a in items for b in items]  # nine pairs: constant
    return len(pairs)


def all_pairs(items):
    out = []
    for a in items:
        for b in items:
            out.append((a, b))
    return out  # kept: the result itself


def lower_triangle(matrix, c):
    v = []
    for j in range(c):
        for i in range(j, c):
            v.append(matrix[i][j])
    return tuple(v)  # handed on: the estimate cannot see it kept, the call may keep it


def reachable(neighbors, start):
    queue = [start]
    seen = set()
    while queue:
        node = queue.pop()
        for w in neighbors[node]:
            if w not in seen:
                seen.add(w)
                queue.append(w)  # a worklist, not pairs
    return len(seen)
