import os


def _python_files(root):  # expect: MEM304
    found = []
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith(".py"):
                found.append(os.path.join(dirpath, name))
    return found


def _squares(values):  # expect: MEM304
    return [v * v for v in values]


def count_lines(root, sizes):
    total = 0
    for path in _python_files(root):
        with open(path) as f:
            total += sum(1 for _ in f)
    return total, max(_squares(sizes))


def report(rows):
    def visible(rs):  # expect: MEM304
        out = []
        for r in rs:
            if r.visible:
                out.append(r)
        return out

    for i, r in enumerate(visible(rows)):
        print(i, r)


# Clean look-alikes below.

def public_files(root):
    return [n for n in os.listdir(root)]  # public: other modules may index the list


def _indexed(values):
    return [v + 1 for v in values]


def _kept(values):
    return [v - 1 for v in values]


def _generator(values):
    for v in values:
        yield v


def _sometimes_none(values):
    if not values:
        return None
    return [v for v in values]


def use_them(values):
    first = _indexed(values)[0]
    kept = _kept(values)
    for g in _generator(values):
        print(g)
    for s in _sometimes_none(values):
        print(s)
    return first, kept, len(_kept(values))


def _names(users):
    return [u.name for u in users]


def name_set(users):
    return set(_names(users)), sorted(_names(users)), tuple(_names(users))  # keep every item anyway


def _entries_under(prefix, cache):
    found = []
    for path in cache:
        if path.startswith(prefix):
            found.append(path)
    return found


def drop_entries(prefix, cache):
    for path in _entries_under(prefix, cache):
        del cache[path]  # the loop changes what the list was read from: a snapshot


def _cubes(values):  # called only with three constants: silent
    return [v ** 3 for v in values]


def cube_sum():
    return sum(_cubes((1, 2, 3)))
