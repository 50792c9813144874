"""Functions whose peak memory grows with their input, in the shapes real code has.

MEASURE maps a function to (symbol bound to the size, function making the arguments for a size).
"""
import os
import tempfile


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class SlottedPoint:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Record:
    def __init__(self, key):
        self.key = key
        self.tags = []
        self.extra = {}


def zeros(n):
    buffer = [0] * n
    return len(buffer)


def squares_list(n):
    squares = [i * i for i in range(n)]
    return len(squares)


def squares_lazy(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def squares_generator_sum(n):
    return sum(i * i for i in range(n))


def squares_list_sum(n):
    return sum([i * i for i in range(n)])


def collect_by_append(n):
    out = []
    for i in range(n):
        out.append(i * 2)
    return len(out)


def collect_strings(n):
    names = []
    for i in range(n):
        names.append(f"item-{i}")
    return len(names)


def materialise_range(n):
    values = list(range(n))
    return len(values)


def sorted_copy(items):
    ordered = sorted(items)
    return ordered[0]


def list_copy_by_slice(items):
    head = items[:]
    return len(head)


def concatenated_lists(items):
    both = items + items
    return len(both)


def matrix(n):
    grid = [[0] * n for _ in range(n)]
    return len(grid)


def repeated_row(n):
    row = [0] * n
    rows = [row for _ in range(10)]
    return len(rows)


def index_by_key(n):
    index = {}
    for i in range(n):
        index[i] = i
    return len(index)


def index_comprehension(n):
    index = {i: None for i in range(n)}
    return len(index)


def unique_values(n):
    seen = set()
    for i in range(n):
        seen.add(i)
    return len(seen)


def unique_from_range(n):
    seen = set(range(n))
    return len(seen)


def points(n):
    pts = [Point(i, i) for i in range(n)]
    return len(pts)


def slotted_points(n):
    pts = [SlottedPoint(i, i) for i in range(n)]
    return len(pts)


def records(n):
    out = []
    for i in range(n):
        out.append(Record(i))
    return len(out)


def big_string(n):
    text = "x" * n
    return len(text)


def joined_words(n):
    words = ["word"] * n
    text = " ".join(words)
    return len(text)


def big_bytes(n):
    data = b"\x00" * n
    return len(data)


def mutable_buffer(n):
    data = bytearray(n)
    return len(data)


def quadratic_list_copies(n):
    acc = []
    for i in range(n):
        acc = acc + [i]
    return len(acc)


def quadratic_tuple_growth(n):
    acc = ()
    for i in range(n):
        acc = acc + (i,)
    return len(acc)


def peak_then_release(n):
    temp = [0] * n
    size = len(temp)
    del temp
    small = [0] * 10
    return size + len(small)


def two_buffers(n):
    first = [0] * n
    second = [0] * n
    return len(first) + len(second)


def pairs(n):
    out = []
    for i in range(n):
        out.append((i, i))
    return len(out)


def nested_loops(n):
    cells = []
    for i in range(n):
        for j in range(n):
            cells.append(0)
    return len(cells)


def extend_in_loop(n):
    out = []
    for i in range(n):
        out.extend([0, 0])
    return len(out)


def keep_returned_list(n):
    return [0] * n


def keep_returned_dict(n):
    return {i: i for i in range(n)}


def read_whole_file(path):
    with open(path) as f:
        text = f.read()
    return len(text)


def read_lines_lazily(path):
    count = 0
    with open(path) as f:
        for line in f:
            count += 1
    return count


def _temp_file(n):
    fd, path = tempfile.mkstemp()
    with os.fdopen(fd, "w") as f:
        f.write(("x" * 79 + "\n") * (n // 80))
    return (path,)


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "zeros", "squares_list", "squares_lazy", "squares_generator_sum", "squares_list_sum", "collect_by_append",
    "collect_strings", "materialise_range", "matrix", "repeated_row", "index_by_key", "index_comprehension",
    "unique_values", "unique_from_range", "points", "slotted_points", "records", "big_string", "joined_words",
    "big_bytes", "mutable_buffer", "quadratic_list_copies", "quadratic_tuple_growth", "peak_then_release",
    "two_buffers", "pairs", "extend_in_loop", "keep_returned_list", "keep_returned_dict",
]}
MEASURE["nested_loops"] = ("n", lambda n: (n // 10,), lambda n: n // 10)
MEASURE["matrix"] = ("n", lambda n: (n // 10,), lambda n: n // 10)
MEASURE.update({name: ("len(items)", lambda n: (list(range(n)),)) for name in [
    "sorted_copy", "list_copy_by_slice", "concatenated_lists"]})
MEASURE["read_whole_file"] = ("size(f)", _temp_file, lambda n: n // 80 * 80)
MEASURE["read_lines_lazily"] = ("size(f)", _temp_file, lambda n: n // 80 * 80)
SIZES = (100, 1000, 10000)
