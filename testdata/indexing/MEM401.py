"""Index loops: index used only to read the sequence, and loops that need the index."""


def total_weight(items):
    total = 0
    for i in range(len(items)):  # expect: MEM401
        total += items[i].weight
    return total


def print_names(self_like):
    for k in range(0, len(self_like.names)):  # expect: MEM401
        print(self_like.names[k].title())


def normalise(values):
    for i in range(len(values)):
        values[i] = values[i] / 100
    return values


def with_position(rows):
    for i in range(len(rows)):
        print(i, rows[i])


def pairwise(a, b):
    out = []
    for i in range(len(a)):
        out.append(a[i] + b[i])
    return out


def neighbours(seq):
    for i in range(len(seq)):
        if i and seq[i] == seq[i - 1]:
            return True
    return False


def after_loop(seq):
    for i in range(len(seq)):
        if seq[i] is None:
            break
    return i


def grows(seq):
    for i in range(len(seq)):
        if seq[i] > 10:
            seq.append(seq[i] - 10)


def by_key(table: dict):
    for i in range(len(table)):
        print(table[i])


class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def trace_like(self):
        s = 0
        for r in range(len(self.rows)):  # expect: MEM401
            s += sum(self.rows[r])
        return s


class Spans:
    def __init__(self, starts: list[int]) -> None:
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> int:
        return self.starts[i]

    def __iter__(self):
        for i in range(len(self)):  # iterating self here would recurse into __iter__
            yield self[i]
