"""Whole scenarios that mix the shapes: config loaders reading files into linked sections, CLI and INI
parsing with argparse and configparser, email and XML building, a tiny web framework with route
decorators and middleware, an LRU cache with linked entries, a task scheduler of generators, and an
importer that collects the errors it meets.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import argparse
import atexit
import collections
import configparser
import csv
import email
import email.message
import io
import json
import os
import tempfile
import weakref
import xml.etree.ElementTree as ET


class Config:
    def __init__(self, source):
        self.source = source
        self.sections = {}

    def section(self, name):
        found = self.sections.get(name)
        return found if found is not None else Section(self, name)


class Section:
    """A config section registered with its config and able to reach it for interpolation."""

    def __init__(self, config, name):
        self.config = config
        self.name = name
        self.values = {}
        config.sections[name] = self


class Request:
    def __init__(self, path, body=""):
        self.path = path
        self.body = body


class App:
    """A Flask-like application: views registered by a decorator, wrapped by middleware."""

    def __init__(self, name):
        self.name = name
        self.views = {}
        self.middleware = []

    def route(self, path):
        def decorator(view):
            self.views[path] = view
            return view
        return decorator

    def use(self, middleware):
        self.middleware.append(middleware)

    def handle(self, request):
        handler = self.views.get(request.path, _not_found)
        for middleware in reversed(self.middleware):
            handler = middleware(handler)
        return handler(request)


def _not_found(request):
    return 404, "not found"


def _logging_middleware(handler):
    def wrapped(request):
        status, body = handler(request)
        return status, body
    return wrapped


class Watcher:
    def __init__(self, name):
        self.name = name
        self.index = weakref.WeakValueDictionary()


class WatchedDocument:
    def __init__(self, path, watcher):
        self.path = path
        self.watcher = watcher
        watcher.index[path] = self


class _Link:
    __slots__ = ("key", "value", "prev", "next")


class LRUCache:
    """An LRU cache on a circular doubly linked list, the way functools' pure-Python version keeps it."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.map = {}
        self.root = _Link()
        self.root.prev = self.root.next = self.root
        self.root.key = self.root.value = None

    def get(self, key, compute):
        link = self.map.get(key)
        if link is not None:
            link.prev.next = link.next
            link.next.prev = link.prev
        else:
            if len(self.map) >= self.capacity:
                oldest = self.root.next
                oldest.prev.next = oldest.next
                oldest.next.prev = oldest.prev
                del self.map[oldest.key]
            link = _Link()
            link.key, link.value = key, compute(key)
            self.map[key] = link
        last = self.root.prev
        last.next = self.root.prev = link
        link.prev, link.next = last, self.root
        return link.value


class Scheduler:
    """A round-robin scheduler of generator tasks; each task is given the scheduler to spawn work."""

    def __init__(self):
        self.ready = collections.deque()
        self.log = []

    def spawn(self, task):
        self.ready.append(task)

    def run(self, steps):
        for _ in range(steps):
            if not self.ready:
                break
            task = self.ready.popleft()
            try:
                next(task)
                self.ready.append(task)
            except StopIteration:
                pass


def _worker(scheduler, name, rounds):
    for i in range(rounds):
        scheduler.log.append(f"{name}:{i}")
        yield


class RowError(ValueError):
    pass


def _parse_amount(text):
    try:
        return float(text)
    except ValueError:
        raise RowError(f"bad amount {text!r}") from None


def _config_text(n):
    """An INI-like text of at most n characters, a section header every four lines."""
    lines = []
    written = 0
    while written + 40 <= n:
        i = len(lines)
        line = f"[section{i // 4}]\n" if i % 4 == 0 else f"key{i} = value number {i:06d}\n"
        lines.append(line)
        written += len(line)
    return "".join(lines)


def _config_file(n):
    fd, path = tempfile.mkstemp(suffix=".conf")
    with os.fdopen(fd, "w") as f:
        f.write(_config_text(n))
    atexit.register(os.remove, path)
    return (path,)


def _ini_text(n):
    return ("".join(f"[server{i}]\nhost = 10.0.0.{i % 255}\nport = {8000 + i}\n" for i in range(n // 40)),)


def _csv_text(n):
    rows = [f"{i},item{i},{'n/a' if i % 4 == 0 else i * 1.5}" for i in range(n)]
    return ("id,name,amount\n" + "\n".join(rows) + "\n",)


def load_config(path):
    """Reads an INI-like file into sections registered with their config; returns the value count."""
    with open(path) as f:
        text = f.read()
    config = Config(path)
    current = config.section("DEFAULT")
    for line in text.splitlines():
        if line.startswith("["):
            current = config.section(line.strip("[]"))
        elif "=" in line:
            key, value = line.split("=", 1)
            current.values[key.strip()] = value.strip()
    return sum(len(s.values) for s in config.sections.values())


def load_config_flat(path):
    """Reads the same file into one flat dict keyed 'section.key'; returns the dict."""
    settings = {}
    section = "DEFAULT"
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                section = line.strip("[]")
            elif "=" in line:
                key, value = line.split("=", 1)
                settings[f"{section}.{key.strip()}"] = value.strip()
    return settings


def parse_cli(argv):
    """Parses a long command line with an argparse parser built for the call; returns the file list."""
    parser = argparse.ArgumentParser(prog="tool")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--output", default="-")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args(argv)
    return args.files


def read_servers(text):
    """Reads server sections with configparser; returns the (host, port) pairs."""
    parser = configparser.ConfigParser()
    parser.read_string(text)
    return [(parser[name]["host"], parser.getint(name, "port")) for name in parser.sections()]


def xml_report(n):
    """Builds an XML report with xml.etree and serialises it; returns the bytes."""
    root = ET.Element("report")
    for i in range(n):
        item = ET.SubElement(root, "item", id=str(i))
        item.text = f"value {i}"
    return ET.tostring(root)


def compose_email(n):
    """Composes an EmailMessage with an n-line body; returns the serialised message."""
    message = email.message.EmailMessage()
    message["Subject"] = "Weekly report"
    message["From"] = "reports@example.com"
    message["To"] = "team@example.com"
    message.set_content("\n".join(f"line {i}: ok" for i in range(n)))
    return message.as_string()


def parse_email(text):
    """Parses a raw message with email.message_from_string; returns the body length."""
    message = email.message_from_string(text)
    return len(message.get_payload())


def serve_requests(n):
    """A small app whose views are registered by decorator and read the app; returns the statuses of n requests."""
    app = App("shop")

    @app.route("/")
    def index(request):
        return 200, f"{app.name}: {len(app.views)} views"

    @app.route("/echo")
    def echo(request):
        return 200, request.body

    app.use(_logging_middleware)
    statuses = []
    for i in range(n):
        status, body = app.handle(Request("/echo" if i % 2 else "/", body=str(i)))
        statuses.append(status)
    return statuses


def cached_lookups(n):
    """Looks up n keys through an LRU cache of 64 entries kept on a circular linked list; returns hits."""
    cache = LRUCache(64)
    values = [cache.get(i % 100, lambda k: k * k) for i in range(n)]
    return len(values)


def cached_lookups_ordered(n):
    """The same lookups through an LRU cache built on collections.OrderedDict; returns the values."""
    cache = collections.OrderedDict()
    values = []
    for i in range(n):
        key = i % 100
        if key in cache:
            cache.move_to_end(key)
        else:
            if len(cache) >= 64:
                cache.popitem(last=False)
            cache[key] = key * key
        values.append(cache[key])
    return values


def run_tasks(n):
    """Runs n generator tasks that each hold the scheduler, for fewer steps than they need; returns the log."""
    scheduler = Scheduler()
    for i in range(n):
        scheduler.spawn(_worker(scheduler, f"task{i}", 3))
    scheduler.run(2 * n)
    return scheduler.log


def run_tasks_to_completion(n):
    """The same tasks run until every one has finished; returns the log length."""
    scheduler = Scheduler()
    for i in range(n):
        scheduler.spawn(_worker(scheduler, f"task{i}", 3))
    scheduler.run(4 * n + 1)
    return len(scheduler.log)


def import_rows(text):
    """Imports CSV rows and keeps the exceptions of bad ones for the report; returns the good rows."""
    good = []
    errors = []
    for row in csv.DictReader(io.StringIO(text)):
        try:
            good.append((int(row["id"]), row["name"], _parse_amount(row["amount"])))
        except RowError as exc:
            errors.append(exc)
    return good


def import_rows_to_json(text):
    """Imports the same rows keeping error messages, and returns the result as JSON text."""
    good = []
    errors = []
    for row in csv.DictReader(io.StringIO(text)):
        try:
            good.append({"id": int(row["id"]), "amount": _parse_amount(row["amount"])})
        except RowError as exc:
            errors.append(str(exc))
    return json.dumps({"rows": good, "errors": errors})


def watch_documents(n):
    """Documents tracked in a WeakValueDictionary by a watcher that each document points to."""
    watcher = Watcher("indexer")
    documents = [WatchedDocument(f"/doc/{i}", watcher) for i in range(n)]
    return len(watcher.index) + len(documents)


# the files are ten times the size, so that their contents outweigh the file buffers at every size
MEASURE = {name: ("size(f)", lambda n: _config_file(n * 10), lambda n: len(_config_text(n * 10))) for name in [
    "load_config", "load_config_flat"]}
MEASURE["parse_cli"] = ("len(argv)", lambda n: (["--verbose"] + [f"file{i}.txt" for i in range(n - 1)],))
MEASURE["read_servers"] = ("len(text)", _ini_text, lambda n: len(_ini_text(n)[0]))
MEASURE["parse_email"] = ("len(text)", lambda n: ("Subject: hi\nFrom: a@example.com\n\n" + "x" * (n - 33),))
MEASURE.update({name: ("len(text)", _csv_text, lambda n: len(_csv_text(n)[0])) for name in [
    "import_rows", "import_rows_to_json"]})
MEASURE.update({name: ("n", lambda n: (n,)) for name in [
    "xml_report", "compose_email", "serve_requests", "cached_lookups", "cached_lookups_ordered", "run_tasks",
    "run_tasks_to_completion", "watch_documents"]})
SIZES = (100, 1000, 10000)
