"""Application components wired the way real projects wire them: event buses, trees loaded from
configuration, property setters that link owners, handler registries, retry loops, context managers,
weak registries, linked lists and dataclasses with back-pointers.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import contextlib
import functools
import weakref
from dataclasses import dataclass, field
from typing import Optional


class EventBus:
    def __init__(self):
        self.handlers = []

    def subscribe(self, handler):
        self.handlers.append(handler)

    def publish(self, event):
        return [handler(event) for handler in self.handlers]


class Component:
    """A component with its own event bus, subscribing its own handler when it is made."""

    def __init__(self, name):
        self.name = name
        self.seen = 0
        self.events = EventBus()
        self.events.subscribe(self.on_event)

    def on_event(self, event):
        self.seen += 1
        return self.name


class Listener:
    """A listener that subscribes to a bus it is given but does not keep."""

    def __init__(self, bus, name):
        self.name = name
        self.seen = 0
        bus.subscribe(self.on_event)

    def on_event(self, event):
        self.seen += 1
        return self.name


class OutlineNode:
    def __init__(self, title, parent=None):
        self.title = title
        self.parent = parent
        self.children = []


def _build_outline(title, spec, parent):
    node = OutlineNode(title, parent)
    if parent is not None:
        parent.children.append(node)
    for child_title, child_spec in spec.items():
        _build_outline(child_title, child_spec, node)
    return node


def _make_outline_spec(n):
    return {f"chapter{i}": {f"section{i}.1": {}, f"section{i}.2": {}} for i in range(n)}


class Layout:
    def __init__(self, columns):
        self.columns = columns
        self.owner = None


class Panel:
    """A panel whose layout property setter tells the layout which panel owns it."""

    def __init__(self, name):
        self.name = name
        self._layout = None

    @property
    def layout(self):
        return self._layout

    @layout.setter
    def layout(self, value):
        self._layout = value
        value.owner = self


class Shortcut:
    """A keyboard shortcut that keeps a functools.partial of its own dispatch method."""

    def __init__(self, key):
        self.key = key
        self.fired = 0
        self.handler = functools.partial(self.dispatch, key)

    def dispatch(self, key):
        self.fired += 1
        return key


class LogHandler:
    def __init__(self, logger, level):
        self.logger = logger
        self.level = level
        self.lines = []

    def emit(self, message):
        self.lines.append(message)


class AppLogger:
    """A logging-like logger that owns its handlers; each handler points back at it until close()."""

    def __init__(self, name):
        self.name = name
        self.handlers = []

    def add_handler(self, level):
        handler = LogHandler(self, level)
        self.handlers.append(handler)
        return handler

    def log(self, message):
        for handler in self.handlers:
            handler.emit(message)

    def close(self):
        for handler in self.handlers:
            handler.logger = None
        self.handlers.clear()


def _flaky_step(attempt):
    if attempt % 3 != 2:
        raise ConnectionError(f"attempt {attempt} failed")
    return attempt


class Job:
    """A job that retries its step and keeps the last exception it caught on itself."""

    def __init__(self, name):
        self.name = name
        self.error = None
        self.result = None

    def run(self, attempts):
        for attempt in range(attempts):
            try:
                self.result = _flaky_step(attempt)
                return True
            except ConnectionError as exc:
                self.error = exc
        return False


@contextlib.contextmanager
def _collecting(errors):
    """Swallows a ValueError raised in the block and keeps it in errors."""
    try:
        yield
    except ValueError as exc:
        errors.append(exc)


def _parse_number(text):
    return int(text)


class Connection:
    def __init__(self, pool, number):
        self.pool = pool
        self.number = number


class ConnectionPool:
    """A pool that tracks the connections it hands out in a WeakSet; each connection keeps the pool."""

    def __init__(self):
        self.live = weakref.WeakSet()
        self.made = 0

    def connect(self):
        self.made += 1
        connection = Connection(self, self.made)
        self.live.add(connection)
        return connection


class Track:
    def __init__(self, title):
        self.title = title
        self.prev = None
        self.next = None


class Playlist:
    """A doubly linked playlist whose remove() unlinks the track both ways."""

    def __init__(self):
        self.head = None
        self.tail = None
        self.length = 0

    def append(self, track):
        if self.tail is None:
            self.head = self.tail = track
        else:
            track.prev = self.tail
            self.tail.next = track
            self.tail = track
        self.length += 1

    def remove(self, track):
        if track.prev is None:
            self.head = track.next
        else:
            track.prev.next = track.next
        if track.next is None:
            self.tail = track.prev
        else:
            track.next.prev = track.prev
        track.prev = track.next = None
        self.length -= 1


@dataclass
class Section:
    title: str
    parent: Optional["Section"] = None
    children: list = field(default_factory=list)


def start_components(n):
    """n components, each subscribing its own bound method to the bus it owns; returns the events seen."""
    components = [Component(f"c{i}") for i in range(n)]
    for component in components:
        component.events.publish("start")
    return sum(c.seen for c in components)


def attach_listeners(n):
    """n listeners subscribing a bound method to one local bus they do not keep; returns the replies."""
    bus = EventBus()
    listeners = [Listener(bus, f"l{i}") for i in range(n)]
    replies = bus.publish("start")
    return len(replies) + len(listeners)


def load_outline(spec):
    """Builds an outline tree from a nested dict with a recursive helper linking parent and children."""
    root = _build_outline("root", spec, None)
    return len(root.children)


def arrange_panels(n):
    """Gives n panels a layout through a property setter that points the layout back at its panel."""
    panels = []
    for i in range(n):
        panel = Panel(f"p{i}")
        panel.layout = Layout(i % 4 + 1)
        panels.append(panel)
    return sum(p.layout.columns for p in panels)


def bind_shortcuts(n):
    """Shortcuts keeping functools.partial of their own method, each pressed once; returns the presses."""
    shortcuts = [Shortcut(f"ctrl+{i}") for i in range(n)]
    for shortcut in shortcuts:
        shortcut.handler()
    return sum(s.fired for s in shortcuts)


def log_and_close(n):
    """Logs n messages through a logger with two handlers and closes it in finally; returns the lines."""
    logger = AppLogger("app")
    try:
        console = logger.add_handler("info")
        logger.add_handler("debug")
        for i in range(n):
            logger.log(f"message {i}")
        return len(console.lines)
    finally:
        logger.close()


def log_without_close(n):
    """The same logger never closed, so its handlers still point back at it; returns the lines."""
    logger = AppLogger("app")
    console = logger.add_handler("info")
    logger.add_handler("debug")
    for i in range(n):
        logger.log(f"message {i}")
    return len(console.lines)


def run_jobs(n):
    """Runs n jobs that retry a flaky step, each keeping the last exception it caught; returns the successes."""
    jobs = [Job(f"job{i}") for i in range(n)]
    return sum(job.run(3) for job in jobs)


def parse_collecting_errors(n):
    """Parses n texts, a third of them bad, in a contextmanager block that keeps the errors; returns the count."""
    errors = []
    numbers = []
    for i in range(n):
        with _collecting(errors):
            numbers.append(_parse_number(str(i) if i % 3 else f"x{i}"))
    return len(errors) + len(numbers)


def checkout_connections(n):
    """Hands out n connections from a pool tracking them in a WeakSet; returns the connection numbers."""
    pool = ConnectionPool()
    connections = [pool.connect() for _ in range(n)]
    return [c.number for c in connections]


def play_and_clear(n):
    """Builds a playlist of n tracks, then removes every track from the front; returns the titles played."""
    playlist = Playlist()
    for i in range(n):
        playlist.append(Track(f"t{i}"))
    played = []
    while playlist.head is not None:
        track = playlist.head
        played.append(track.title)
        playlist.remove(track)
    return played


def outline_sections(n):
    """Dataclass sections with a default_factory child list and a parent back-pointer; returns the titles."""
    root = Section("root")
    for i in range(n):
        root.children.append(Section(f"s{i}", parent=root))
    return [s.title for s in root.children]


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "start_components", "attach_listeners", "arrange_panels", "bind_shortcuts", "log_and_close",
    "log_without_close", "run_jobs", "parse_collecting_errors", "checkout_connections", "play_and_clear",
    "outline_sections",
]}
MEASURE["load_outline"] = ("len(spec)", lambda n: (_make_outline_spec(n),))
SIZES = (100, 1000, 10000)
