"""Subclasses of dict and list that call their base class's method by name on self, as
logging.config's ConvertingDict and ConvertingList do (`dict.__getitem__(self, key)`,
`list.pop(self, i)`, `dict.__setitem__(self, key, value)`): the call reads or stores the container's
own items, nothing else. A converted value that points back at its container is a cycle; the same
containers storing values that do not point back are the look-alikes with no cycle.

Verdicts (ContainerSubclassesTest) measured with CPython 3.12: gc.collect() after one call with
n=100 under gc.disable() finds 201, 101, 0 and 0 objects. They are not in testdata/memory: the size
estimator follows dict subclasses without an __init__ (backlinks.py read_config is one) but not list
subclasses, so these peaks are out of its reach.
"""


class ConvertingList(list):
    """A list whose dict items are converted on access into dicts that know their parent."""

    def __getitem__(self, i):
        value = list.__getitem__(self, i)
        if type(value) is dict:
            result = LinkedDict(value)
            result.parent = self
            list.__setitem__(self, i, result)
            return result
        return value


class LinkedDict(dict):
    pass


def read_converted_list(n):
    """A list of n dicts, each read once (converted and linked back to the list), then dropped."""
    config = ConvertingList([{"level": i} for i in range(n)])
    return sum(config[i]["level"] for i in range(n))


class Entry:
    def __init__(self, key, registry):
        self.key = key
        self.registry = registry


class Registry(dict):
    """Entries stored through the base class's __setitem__, each keeping the registry."""

    def register(self, key):
        entry = Entry(key, self)
        dict.__setitem__(self, key, entry)
        return entry

    def __setitem__(self, key, value):
        raise TypeError("use register()")


def fill_registry(n):
    """A registry of n entries that point back at it, dropped when the count is taken."""
    registry = Registry()
    for i in range(n):
        registry.register(f"k{i}")
    return len(registry)


# -- look-alikes that leave no cyclic garbage

class UpperList(list):
    """Converts str items on access; the converted values keep nothing."""

    def __getitem__(self, i):
        value = list.__getitem__(self, i)
        if type(value) is str:
            value = value.upper()
            list.__setitem__(self, i, value)
        return value


def read_upper_list(n):
    """A list of n strings, each read once and converted in place: no cycle."""
    words = UpperList([f"w{i}" for i in range(n)])
    return sum(len(words[i]) for i in range(n))


class Counts(dict):
    """Counts stored through the base class's methods: plain ints, no back-link."""

    def bump(self, key):
        dict.__setitem__(self, key, dict.get(self, key, 0) + 1)


def count_keys(n):
    """n keys counted in a dict subclass that is dropped: no cycle."""
    counts = Counts()
    for i in range(n):
        counts.bump(f"k{i % 50}")
    return len(counts)

