import itertools


def longest_common_prefix_run(words: list[str], target: str) -> int:
    best = 0
    for i in range(len(target)):
        for w in words:
            if target[i:].startswith(w):  # expect: MEM101
                best = max(best, len(w))
    return best


def running_tail_sums(values: list[int]) -> list[int]:
    out = []
    for i in range(len(values)):
        out.append(sum(values[i:]))  # expect: MEM101
    return out


def pairs_after(items: list[str]):
    for i, first in enumerate(items):
        for second in items[i + 1:]:  # expect: MEM101
            yield first, second


def seen_before(tokens: list[str]) -> list[bool]:
    return [tok in tokens[:i] for i, tok in enumerate(tokens)]  # expect: MEM101


def count_newlines_until(text: str, stops: list[int]) -> list[int]:
    counts = []
    for stop in stops:
        counts.append(text[:stop].count("\n"))  # expect: MEM101
    return counts


def all_but_last_lengths(rows: list[tuple]) -> None:
    for row in rows:
        frame = tuple(row)
        print(len(frame[:-1]))  # expect: MEM101


# Clean look-alikes below.

def keeps_the_slices(text: str, cuts: list[int]) -> list[str]:
    pieces = []
    for cut in cuts:
        pieces.append(text[cut:])  # the slice is what is kept
    return pieces


def small_fixed_slices(lines: list[str]) -> int:
    n = 0
    for line in lines:
        header = "abc" * 3
        if header[:3] == "abc" and header[-2:] == "bc":
            n += 1
    return n


def bounded_window(data: list[int], width: int) -> list[int]:
    return [sum(data[i:i + width]) for i in range(len(data) - width)]


def outside_any_loop(values: list[int]) -> int:
    return sum(values[1:])


def unknown_type(values, start):
    total = 0
    for v in range(3):
        total += sum(values[start:])  # values could be a numpy array: a view, not a copy
    return total


def already_lazy(values: list[int]) -> int:
    total = 0
    for k in range(3):
        total += sum(itertools.islice(values, k, None))
    return total


def passed_on(text: str, handler) -> None:
    for i in range(3):
        handler(text[i:])


def once_only(text: str) -> bool:
    return text[1:].startswith("x")


def first_comprehension_iterable_runs_once(values: list[int]) -> list[int]:
    return [v * 2 for v in values[1:]]


def literal_prefixes(n: int) -> list[int]:
    return [len("abcdefghijklmn"[:i]) for i in range(n)]  # a literal: a few characters at most


INDICES = (0, None, 1, 3, 19, 100, -1, -2)


def extended_slices(seq: list[int]) -> list[list[int]]:
    out = []
    for start in INDICES:
        for step in INDICES[1:]:  # a tuple written out in the source: a few items copied
            out.append(seq[start::step])
    return out


def ordered_pairs() -> list[tuple[str, str]]:
    names = ["zz", "qq", "rr", "cc"]
    pairs = []
    for i, first in enumerate(names):
        for second in names[i + 1:]:  # a display of four names
            pairs.append((first, second))
    return pairs


def unpacked(h: str) -> None:
    p, q = [float(x) for x in (h[:4], h[4:])]  # unpacked names: no known size, no known type
    for _ in range(3):
        print(p, q)


# Constant and bounded data: the copies are a handful of items (silent).

def tail_sums_of_fields(line: str) -> list[int]:
    widths = [len(f) for f in line.split(",", 3)]  # at most four fields
    return [sum(widths[i:]) for i in range(len(widths))]


def rotate_three() -> None:
    colors = ["red", "green", "blue"]
    for i in range(len(colors)):
        for c in colors[i:]:
            print(c)


# Each iteration slices a sequence it has just made: one copy of each, linear in all (silent).

def help_lines(options, wrap):
    lines = []
    for name, text in options:
        wrapped = wrap(text)
        lines.append(name + " " + wrapped[0])
        for more in wrapped[1:]:
            lines.append("    " + more)
    return lines





# The loop takes items out of the list it walks: the copy keeps it from skipping any (silent).

def connect(left, right):
    lstubs = [[left[v], v] for v in range(len(left))]
    rstubs = [[right[v], v] for v in range(len(right))]
    edges = []
    while lstubs:
        (degree, u) = lstubs.pop()
        rstubs.sort()
        for target in rstubs[-degree:]:
            edges.append((u, target[1]))
            rstubs.remove(target)
    return edges


def connect_all(left, right):
    lstubs = [[left[v], v] for v in range(len(left))]
    rstubs = [[right[v], v] for v in range(len(right))]
    edges = []
    while lstubs:
        (degree, u) = lstubs.pop()
        rstubs.sort()
        for target in rstubs[-degree:]:  # expect: MEM101
            edges.append((u, target[1]))
    return edges
