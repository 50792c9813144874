import os


def print_sizes(paths):
    sizes = [os.path.getsize(p) for p in paths]  # expect: MEM303
    for size in sizes:
        print(size)


def count_errors(lines):
    errors = [line for line in lines if line.startswith("E")]  # expect: MEM303
    return len(errors)


def longest_name(users):
    names = []  # expect: MEM303
    for user in users:
        names.append(user.name)
    return max(names)


def show(records):
    rows = []  # expect: MEM303
    for r in records:
        if r.visible:
            rows.append((r.id, r.title))
    for i, row in enumerate(rows):
        print(i, row)


# Clean look-alikes below.

def snapshot_then_delete(cache):
    stale = [k for k in cache if cache[k] is None]
    for k in stale:
        del cache[k]  # the loop changes the dict the list was built from


def kept(lines):
    errors = [line for line in lines if line.startswith("E")]
    print(len(errors))
    return errors


def iterated_twice(values):
    squares = [v * v for v in values]
    print(sum(squares))
    print(max(squares))


def in_a_loop(groups, values):
    doubled = [v * 2 for v in values]
    for g in groups:
        for d in doubled:  # iterated once per group
            print(g, d)


def reversed_order(values):
    items = [v for v in values if v]
    for v in reversed(items):  # needs a sequence
        print(v)


def appended_outside_loop(a, b):
    pair = []
    pair.append(a)
    pair.append(b)
    for x in pair:
        print(x)


def joined(words):
    parts = [w.title() for w in words]
    return " ".join(parts)  # join makes a list of a generator anyway


def indexed(values):
    items = [v for v in values]
    return items[0]


def module_level_like(values):
    global RESULT
    RESULT = [v for v in values]
    for r in RESULT:
        print(r)


RESULT = []


def archive_names(path):
    import tarfile
    archive = tarfile.open(path)
    try:
        names = [member.name for member in archive]  # read while the archive is open
    finally:
        archive.close()
    for name in names:
        print(name)


def as_tuple(items):
    out = []
    for item in items:
        out.append(str(item))
    return tuple(out)  # tuple() keeps every item anyway


def split_coords(index, coords, mask):
    picked = []
    for idx, co in zip(index, coords):
        if idx is None:
            picked.append(co)
        else:
            mask &= co == idx  # the mask is only final after the loop
    return [co[mask] for co in picked]


def several_lists(params):
    positional = []
    keyword = []
    for p in params:
        if p.kind == 1:
            positional.append(p)
        else:
            keyword.append(p)
    for p in positional:
        print(p, keyword)


async def collected(source):
    values = [v async for v in source]
    return [v for v in values]


def three_cursors(db):
    cursors = [db.execute("select 1") for _ in range(3)]  # three at once, on purpose
    for cursor in cursors:
        print(cursor.fetchall())


def weak_survivors(make, n):
    import gc
    import weakref
    nodes = [make() for _ in range(n)]
    refs = [weakref.ref(node) for node in nodes]  # taken while the nodes are alive
    del nodes
    gc.collect()
    return [r() for r in refs]


def process_fields(cls, annotations):
    fields = []
    for name in annotations:
        fields.append((name, getattr(cls, name, None)))  # reads the class before the loop below changes it
    for name, default in fields:
        setattr(cls, name, default)


def rotated_files(prefixes, times):
    files = []
    rotators = []
    for prefix in prefixes:
        rotators.append(prefix.upper())
        for t in times:
            files.append(prefix + t)  # the outer loop also fills rotators
    for name in files:
        print(name)
    return rotators


def distinct_names(users):
    names = [u.name for u in users]
    return set(names)  # set() keeps every item: a generator saves nothing, and is slower


def sorted_ids(users):
    ids = [u.id for u in users]
    return sorted(ids), tuple([u.name for u in users])


def frozen_emails(users):
    emails = [u.email for u in users]
    return frozenset(emails)


def csv_row(values):
    cells = [str(v) for v in values]
    return ",".join(cells)


class Registry:
    def __init__(self):
        self._entries = {}

    def drop(self, key):
        del self._entries[key]

    def purge(self):
        stale = [k for k in self._entries if self._entries[k] is None]
        for key in stale:
            self.drop(key)  # changes self._entries through a call: the list is a snapshot


def purge_with(store, forget):
    stale = [k for k in store if store[k] is None]
    for key in stale:
        forget(store, key)  # store handed to a call that may change it


# A bounded split and a three-item literal: a handful of items (silent).

def field_lengths(line):
    lengths = [len(f) for f in line.split(",", 3)]
    return sum(lengths)


def greet_all():
    names = [n.title() for n in ["ann", "bob", "cy"]]
    for n in names:
        print(n)
