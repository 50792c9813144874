"""Copies of lazy iterables made just to loop over them, and copies that are needed."""


def squares(n):
    for i in list(range(n)):  # expect: MEM302
        yield i * i


def lengths(words):
    total = 0
    for size in list(map(len, words)):  # expect: MEM302
        total += size
    return total


def pairs(names, ages):
    out = {}
    for name, age in list(zip(names, ages)):  # expect: MEM302
        out[name] = age
    return out


def report(counts: dict):
    for key, value in list(counts.items()):  # expect: MEM302
        print(key, value)


def positive_sum(values):
    return sum(list(filter(None, values)))  # expect: MEM302


def evens(n):
    return [i for i in [*range(0, n, 2)]]  # expect: MEM302


def prune(counts: dict):
    # The copy lets the loop delete from the dict it walks.
    for key in list(counts.keys()):
        if counts[key] == 0:
            del counts[key]


def drain(registry: dict):
    for key, value in list(registry.items()):
        registry.pop(key)
        yield value


def keep(n):
    numbers = list(range(n))
    numbers.reverse()
    return numbers


def unknown(items):
    for item in list(items):
        items.remove(item)


def twice(n):
    values = list(map(str, range(n)))
    return values + values


def grow(queue: list):
    for item in list(filter(None, queue)):
        queue.append(item)


class Loop:
    def __init__(self):
        self.timers: dict = {}

    def cancel_all(self):
        for timer in list(self.timers.values()):
            timer.cancel()


def expand_all(duals: dict):
    def expand(b):
        del duals[b]

    for b in list(duals.keys()):  # the nested expand() deletes from duals: a snapshot
        if b in duals and duals[b] == 0:
            expand(b)


def small_sum():
    return sum(list(range(2, 8)))  # six ints


def squares():
    return {i: i * i for i in [*range(4)]}


# Three items at most (silent).

def labelled(line):
    fields = line.split(",", 2)
    for name, tag in list(zip(fields, "xyz")):
        print(name, tag)
