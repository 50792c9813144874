"""Module caches: unbounded ones, bounded ones, and look-alikes that are registries or tables."""
import functools
from functools import cache, lru_cache

_resolved = {}  # expect: MEM603
_reachable_cache = set()  # expect: MEM603
_seen_hosts = set()
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


def reachable(host, probe):
    if host in _reachable_cache:
        return True
    if probe(host):
        _reachable_cache.add(host)
        return True
    return False


def first_visit(host):
    # a "seen" record, not a cache: it holds the events it is asked about
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


_type_cache = set()
_platform_cache = {}
_tables = {}
_localedirs = {}


def is_coroutine(obj):
    if type(obj) in _type_cache:
        return True
    if len(_type_cache) < 100:  # a size check bounds it
        _type_cache.add(type(obj))
    return False


def platform(aliased=0, terse=0):
    result = _platform_cache.get((aliased, terse))  # four keys at most
    if result is None:
        result = _platform_cache[(aliased, terse)] = f"{aliased}-{terse}"
    return result


def _table(alphabet):
    if alphabet not in _tables:
        _tables[alphabet] = [a + b for a in alphabet for b in alphabet]
    return _tables[alphabet]


def encode16(s):
    return _table("0123456789ABCDEF")[s]  # every caller passes a constant alphabet


def bindtextdomain(domain, localedir=None):
    if localedir is not None:
        _localedirs[domain] = localedir  # the caller's setting: a registry
    return _localedirs.get(domain)


@functools.lru_cache(maxsize=None)
def zoneinfo_path():
    return "/usr/share/zoneinfo"  # no arguments: one entry


_subclass_cache = {}
_version_cache = {}


def wrapper_for(widget):
    if widget in _subclass_cache:
        return _subclass_cache[widget]

    class Wrapped(widget):  # keyed by a class: a few entries
        pass

    _subclass_cache[widget] = Wrapped
    return Wrapped


def _parsed_version(version=None):
    import sys
    if version is None:
        version = sys.version
    if version not in _version_cache:
        _version_cache[version] = version.split()
    return _version_cache[version]


def implementation():
    return _parsed_version()[0]  # every call leaves the version out


MAX_LOG_CACHE = 2000
_log_cache = {}


def log_int(n):
    if n in _log_cache:
        return _log_cache[n]
    value = n.bit_length()
    if n < MAX_LOG_CACHE:  # only small arguments are kept
        _log_cache[n] = value
    return value
