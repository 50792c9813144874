def report(rows):
    totals = {}
    for row in rows:
        totals[row.key] = totals.get(row.key, 0) + row.amount
    for key in list(totals):  # expect: MEM104
        print(key, totals[key])


def names_upper(text: str) -> list[str]:
    names = text.split(",")
    out = []
    for name in names[:]:  # expect: MEM104
        out.append(name.upper())
    return out


def unique_sorted(values):
    seen = set()
    for v in values:
        seen.add(v)
    return [v for v in seen.copy() if v is not None]  # expect: MEM104


def widths(cells):
    sizes = [len(c) for c in cells]
    total = 0
    for size in tuple(sizes):  # expect: MEM104
        total += size
    return total


# Clean look-alikes below.

def prune(totals_in):
    totals = dict(totals_in)
    for key in list(totals):
        if totals[key] == 0:
            del totals[key]  # the loop changes the dict: the copy is needed
    return totals


def drop_empty(text: str) -> list[str]:
    names = text.split(",")
    for name in names[:]:
        if not name:
            names.remove(name)
    return names


def parameter_copy(items: list):
    for item in items[:]:  # items may be reachable from elsewhere
        handle(item)


def handle(item):
    print(item)


def escaped(text: str):
    parts = text.split()
    register(parts)  # someone else holds parts now
    for p in list(parts):
        handle(p)


def register(parts):
    REGISTRY.append(parts)


REGISTRY = []


def closure(text: str):
    parts = text.split()

    def clear():
        parts.clear()

    for p in parts[:]:
        clear()


def sorted_copy(text: str):
    parts = text.split()
    for p in sorted(parts):  # a different order, not a plain copy
        print(p)


def alias(source: list):
    items = source
    for x in list(items):
        handle(x)


def shadowed_list(text: str):
    list = tuple
    parts = text.split()
    for p in list(parts):
        print(p)



def lower_keys(pairs):
    d = dict(pairs)
    d.update((k.lower(), d[k]) for k in list(d))  # update() changes d while the generator reads it
    return sorted(d)


def lower_keys_comprehension(pairs):
    d = dict(pairs)
    d.update({k.lower(): d[k] for k in list(d)})  # conservative: the statement changes d
    return sorted(d)


def pending_keys(pairs):
    d = dict(pairs)
    keys = (k for k in list(d))  # read later, after d changes
    d.clear()
    return sum(1 for _ in keys)


def total_then_grow(pairs):
    d = dict(pairs)
    total = sum(len(k) for k in list(d))  # expect: MEM104
    d["total"] = total
    return sorted(d)


def rename_all(pairs):
    d = dict(pairs)
    for k in list(d):
        d.pop(k) if k.startswith("_") else None  # the body changes d
    return sorted(d)
