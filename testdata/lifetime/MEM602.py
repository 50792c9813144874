"""Memoised methods and memoised functions."""
import functools
from functools import lru_cache, cache, cached_property

CACHE_SIZE = 4096


class Catalog:
    def __init__(self, items):
        self.items = items

    @lru_cache(maxsize=256)  # bounded, and a catalog is long-lived: at most 256 entries
    def price(self, sku):
        return self.items[sku] * 1.2

    @functools.cache  # expect: MEM602
    def names(self):
        return sorted(self.items)

    @functools.lru_cache(maxsize=None)  # expect: MEM602
    def lookup(self, sku):
        return self.items.get(sku)

    @functools.lru_cache  # a bare lru_cache keeps 128 entries
    def count(self):
        return len(self.items)

    @cached_property
    def total(self):
        return sum(self.items.values())

    @staticmethod
    @lru_cache(maxsize=32)
    def tax_rate(country):
        return 0.2 if country == "FR" else 0.1

    @classmethod
    @cache
    def default(cls):
        return cls({})


class Request:
    """Made for every line of a log and dropped after it: the cache is what keeps them."""

    def __init__(self, line):
        self.line = line
        self.body = line.encode() * 100

    @lru_cache(maxsize=CACHE_SIZE)  # expect: MEM602
    def fields(self):
        return self.line.split()


def count_fields(lines):
    total = 0
    for line in lines:
        total += len(Request(line).fields())
    return total


class Address:
    """An immutable value object kept in a list: the bounded memo holds nothing the list does not."""

    def __init__(self, text):
        self.text = text

    @lru_cache()
    def is_private(self):
        return self.text.startswith("10.")

    @lru_cache(maxsize=0)
    def is_loopback(self):
        return self.text.startswith("127.")


def parse_all(texts):
    return [Address(t) for t in texts]


class Weekday:
    @lru_cache(maxsize=1024)
    def label(self):
        return "day"


def week():
    for _ in range(7):  # seven instances in all
        Weekday().label()


@lru_cache(maxsize=128)
def parse_sku(text):
    return text.split("-")


def make_lookup(table):
    @cache
    def lookup(key):
        return table[key]
    return lookup


class Local:
    def lru_cache(self, fn):
        return fn

    def helper(self):
        @lru_cache(maxsize=8)
        def inner(x):
            return x * 2
        return inner(3)


class Interned:
    @lru_cache()
    def __new__(cls, root):  # keyed by the class, not by an instance
        return super().__new__(cls)


class SchemaManager:
    """One instance for the whole process: the unbounded cache keeps nothing that would die."""

    def __init__(self):
        self.schemas = {}

    @lru_cache(maxsize=None)
    def schema(self, name):
        return self.schemas.get(name)


MANAGER: SchemaManager = SchemaManager()
