"""Memoised methods and memoised functions."""
import functools
from functools import lru_cache, cache, cached_property


class Catalog:
    def __init__(self, items):
        self.items = items

    @lru_cache(maxsize=256)  # expect: MEM602
    def price(self, sku):
        return self.items[sku] * 1.2

    @functools.cache  # expect: MEM602
    def names(self):
        return sorted(self.items)

    @functools.lru_cache  # expect: MEM602
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
