"""Module caches: unbounded ones, bounded ones, and look-alikes that are registries or tables."""
import functools
from functools import cache, lru_cache

_resolved = {}  # expect: MEM603
_seen_hosts = set()  # expect: MEM603
_registry = {}
_pruned = {}
DEFAULTS = {}
_escaped = {}


@cache  # expect: MEM603
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@functools.lru_cache(maxsize=None)  # expect: MEM603
def normalise(path):
    return path.strip("/").lower()


@lru_cache(maxsize=1024)
def bounded(path):
    return path.upper()


@lru_cache
def default_bound(path):
    return path.title()


def resolve(name):
    if name in _resolved:
        return _resolved[name]
    address = name.lower()
    _resolved[name] = address
    return address


def first_visit(host):
    if host in _seen_hosts:
        return False
    _seen_hosts.add(host)
    return True


def register(fn):
    _registry[fn.__name__] = fn
    return fn


def lookup_pruned(key):
    if key not in _pruned:
        _pruned[key] = key * 2
    return _pruned[key]


def clear_pruned():
    _pruned.clear()


def escaped(key):
    value = _escaped.get(key)
    if value is None:
        _escaped[key] = value = key
    return value


def expose():
    return _escaped


def configure():
    DEFAULTS["colour"] = "auto"


def factory():
    @cache
    def per_call(x):
        return x
    return per_call


_flags = {}


def register_flag(name):
    return _flags.setdefault(name, 1 << len(_flags))
