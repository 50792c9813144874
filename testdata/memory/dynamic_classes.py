"""Classes made at run time: type(...) for ORM rows and exception hierarchies, namedtuple and
make_dataclass for result rows, enum.Enum's functional API, class statements inside functions (test
helpers, adapters), a pickle helper that makes a class to rebuild one instance (email.headerregistry's
_reconstruct_header), next to code that makes its classes once at import or caches them.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import collections
import dataclasses
import enum
import functools
import types

Point = collections.namedtuple("Point", "x y")

_ROW_CLASSES = {}


class Model:
    table = None

    def __init__(self, **fields):
        for key, value in fields.items():
            setattr(self, key, value)


def _columns(n):
    return ([f"col{i}" for i in range(n)],)


def _row_class(table, columns):
    key = (table, tuple(columns))
    cls = _ROW_CLASSES.get(key)
    if cls is None:
        cls = collections.namedtuple(table.title() + "Row", columns)
        _ROW_CLASSES[key] = cls
    return cls


def model_for_table(columns):
    """Makes an ORM model class for a table with type(), as declarative mappers do; returns its namespace size."""
    attrs = {"table": "users", "__slots__": ()}
    for column in columns:
        attrs[column] = None
    cls = type("UserModel", (Model,), attrs)
    return len(cls.__dict__)


def rows_as_namedtuples(n):
    """Defines a row namedtuple inside the function for one query's result; returns the rows."""
    Row = collections.namedtuple("Row", ["id", "name", "score"])
    return [Row(i, f"name{i}", i * 0.5) for i in range(n)]


def rows_with_module_namedtuple(n):
    """The same rows with the namedtuple defined once at import; returns the rows."""
    return [Point(i, -i) for i in range(n)]


def rows_with_cached_class(n):
    """Rows whose namedtuple comes from a module-level cache filled on first use; returns the rows."""
    Row = _row_class("scores", ("id", "name", "score"))
    return [Row(i, f"name{i}", i * 0.5) for i in range(n)]


def records_as_dataclass(n):
    """Builds a dataclass with dataclasses.make_dataclass for a CSV header; returns how many records."""
    Record = dataclasses.make_dataclass("Record", [("key", int), ("label", str)])
    records = [Record(i, f"label{i}") for i in range(n)]
    return len(records)


def records_as_namespaces(n):
    """The same records as types.SimpleNamespace objects; returns the records."""
    return [types.SimpleNamespace(key=i, label=f"label{i}") for i in range(n)]


def status_enum(names):
    """An Enum made with the functional API from a list of names; returns the member count."""
    Status = enum.Enum("Status", names)
    return len(Status)


def error_classes(n):
    """One exception class per error code made with type(), as API client libraries do; returns their names."""
    classes = {}
    for code in range(n):
        classes[code] = type(f"Error{code}", (Exception,), {"code": code})
    return [cls.__name__ for cls in classes.values()]


def adapter_instances(n):
    """A class statement inside the function adapting dicts to attribute access; returns the attribute sum."""

    class Adapter:
        def __init__(self, data):
            self._data = data

        def __getattr__(self, name):
            return self._data[name]

    adapters = [Adapter({"value": i}) for i in range(n)]
    return sum(a.value for a in adapters)


def adapter_functions(n):
    """The same data read through a plain function instead of a local class; returns the sum."""

    def value_of(data):
        return data["value"]

    rows = [{"value": i} for i in range(n)]
    return sum(value_of(row) for row in rows)


class HeaderBase:
    def __init__(self, name, value):
        self.name = name
        self.value = value

    @classmethod
    def _reconstruct(cls, value):
        self = cls.__new__(cls)
        self.name = cls.__name__
        self.value = value
        return self


class TextHeader:
    kind = "text"


class DateHeader:
    kind = "date"


class HeaderRegistry:
    """Maps header names to parser classes and, like email.headerregistry, combines one with the base per lookup."""

    def __init__(self):
        self.registry = {"date": DateHeader}
        self.default_class = TextHeader
        self.base_class = HeaderBase

    def __getitem__(self, name):
        cls = self.registry.get(name.lower(), self.default_class)
        return type("_" + cls.__name__, (cls, self.base_class), {})

    def __call__(self, name, value):
        return self[name](name, value)


def parse_headers(n):
    """One header object per line through the registry: a new class for each; returns the headers."""
    registry = HeaderRegistry()
    return [registry("Date" if i % 2 else "Subject", f"value {i}") for i in range(n)]


class Dialect:
    delimiter = ","
    quotechar = '"'


class Sniffer:
    """Guesses a CSV dialect and, like csv.Sniffer.sniff, answers with a class made for the sample."""

    def sniff(self, sample):
        delimiter = ";" if sample.count(";") > sample.count(",") else ","

        class dialect(Dialect):
            _name = "sniffed"

        dialect.delimiter = delimiter
        return dialect


def _reconstruct_header(cls_name, bases, value):
    """As email.headerregistry's pickle helper: a class made per call, and an instance of it returned."""
    return type(cls_name, bases, {})._reconstruct(value)


def unpickle_headers(n):
    """n headers rebuilt the way unpickling email's headers does, a new class for each; returns the headers."""
    return [_reconstruct_header("_TextHeader", (TextHeader, HeaderBase), f"value {i}") for i in range(n)]


def sniff_samples(n):
    """Sniffs the dialect of n samples and keeps an instance of each sniffed class; returns them."""
    sniffer = Sniffer()
    return [sniffer.sniff(f"a;b;{i}")() for i in range(n)]


@functools.lru_cache(maxsize=None)
def header_class(name):
    """The header class for a name, made once per name and cached."""
    base = DateHeader if name == "date" else TextHeader
    return type("_" + base.__name__, (base, HeaderBase), {})


def parse_headers_cached(n):
    """The same headers with their classes from a cached factory; returns the headers."""
    return [header_class("date" if i % 2 else "subject")("Subject", f"value {i}") for i in range(n)]


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "rows_as_namedtuples", "rows_with_module_namedtuple", "rows_with_cached_class", "records_as_dataclass",
    "records_as_namespaces", "adapter_instances", "adapter_functions", "parse_headers", "unpickle_headers", "sniff_samples",
    "parse_headers_cached"]}
MEASURE["model_for_table"] = ("len(columns)", _columns)
MEASURE["status_enum"] = ("len(names)", lambda n: ([f"STATE_{i}" for i in range(n // 10)],), lambda n: n // 10)
MEASURE["error_classes"] = ("n", lambda n: (n // 10,), lambda n: n // 10)
SIZES = (100, 1000, 10000)
