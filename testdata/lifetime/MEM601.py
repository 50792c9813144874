"""Reference cycles left behind by functions, and code that avoids them."""
import weakref
import sys
import types


class TreeNode:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


class Listener:
    def __init__(self, bus):
        self.bus = bus
        self.callback = self.on_event  # expect: MEM601

    def on_event(self, event):
        return event


def build_pair():
    root = TreeNode("root")
    child = TreeNode("child", root)  # expect: MEM601
    return len(root.children)


def build_pair_and_detach():
    root = TreeNode("root")
    child = TreeNode("child", root)
    child.parent = None
    return len(root.children)


def build_tree():
    root = TreeNode("root")
    TreeNode("leaf", root)
    return root


def remember_error(task):
    failure = None
    try:
        task()
    except ValueError as exc:  # expect: MEM601
        failure = exc
    return failure is None


def run_in_thread(task):
    failure = None

    def target():
        nonlocal failure
        try:
            task()
        except ValueError as exc:
            failure = exc  # expect: MEM601
    target()
    return failure


def poll(task):
    error = None

    def reader():
        try:
            task()
        except OSError as exc:
            nonlocal error
            error = exc  # expect: MEM601
    reader()
    return error


try:
    from _speedups import parse_quietly
except ImportError:
    def parse_quietly(text, parse):
        failure = None
        try:
            parse(text)
        except ValueError as exc:  # expect: MEM601
            failure = exc
        return failure is None


LAST_FAILURE = None


def run_and_record(task):
    global LAST_FAILURE
    try:
        task()
    except ValueError as exc:
        LAST_FAILURE = exc


def remember_error_message(task):
    message = ""
    try:
        task()
    except ValueError as exc:
        message = str(exc)
    return message


def self_describing(config):
    settings = dict(config)
    settings["self"] = settings  # expect: MEM601
    return len(settings)


def make_state(limit):
    """A library object (here a SimpleNamespace) keeps what is stored on it, itself included."""
    state = types.SimpleNamespace(limit=limit, seen=0)
    state.root = state  # expect: MEM601
    return state.limit


def make_counters(limit):
    state = types.SimpleNamespace(limit=limit)
    state.seen = 0
    return state.limit


def weak_back_reference():
    a = TreeNode("a")
    b = TreeNode("b")
    a.partner = b
    b.partner = weakref.proxy(a)
    return 0


class Menu:
    """add() points each item back at its menu: every menu with an item is in a cycle."""

    def __init__(self):
        self._items = []

    def add(self, item):
        item.menu = self
        self._items.append(item)  # expect: MEM601
        return item

    def discard(self, item):
        self._items.remove(item)  # takes out the item it is given, not the menu's links


class Toolbar:
    """The same links, taken apart when the toolbar is closed."""

    def __init__(self):
        self._buttons = []

    def add(self, button):
        button.toolbar = self
        self._buttons.append(button)

    def close(self):
        for button in self._buttons:
            button.toolbar = None
        self._buttons.clear()


class Palette:
    """Each swatch points back weakly."""

    def __init__(self):
        self._swatches = []

    def add(self, swatch):
        swatch.palette = weakref.ref(self)
        self._swatches.append(swatch)


class Scheduler:
    """Queues its own bound methods in a list it owns."""

    def __init__(self):
        self._pending = []

    def later(self, value):
        self._pending.append((self._run, value))  # expect: MEM601

    def _run(self, value):
        return value


class Tracker:
    """Keeps a shared module-level list, not one of its own."""

    def __init__(self):
        self._seen = SEEN

    def track(self):
        self._seen.append(self.report)

    def report(self):
        return 0


SEEN = []


class FrozenDefaults(dict):
    """freeze() stores a lambda on self whose closure holds self: a cycle, though self is only a receiver there."""

    def freeze(self):
        self._frozen = lambda key: self.default()  # expect: MEM601

    def default(self):
        return None


class Described:
    """Names self only where nothing keeps it: an operand, an argument of a builtin, the result."""

    def __init__(self):
        self.parts = []

    def describe(self):
        self.parts.append(type(self).__name__)
        self.parts.append(f"{self}")
        self.parts.append(isinstance(self, Described) and self == self)
        return self

    def ordered(self, ranks):
        self.parts = sorted(self.parts, key=lambda part: ranks.get(part, self.parts.index(part)))


class Wrapper:
    def __init__(self, protocol):
        self._protocol = protocol


class Protocol:
    """__init__ links a wrapper back to the protocol; losing the connection takes the link apart."""

    def __init__(self):
        self._wrapper = None
        self._get_wrapper()

    def _get_wrapper(self):
        if self._wrapper is None:
            self._wrapper = Wrapper(self)
        return self._wrapper

    def connection_lost(self):
        self._wrapper = None


class StuckProtocol:
    """The same link, never taken apart."""

    def __init__(self):
        self._wrapper = Wrapper(self)  # expect: MEM601


class Reader:
    """Its init helper resets the converter before __init__ links it; nothing resets it later."""

    def __init__(self, kind):
        self._setup()
        if kind == "ulaw":
            self._convert = self._ulaw  # expect: MEM601

    def _setup(self):
        self._convert = None

    def _ulaw(self, data):
        return data


class Transport:
    """Calls queued before the connection is made run once it is, and the queue is dropped."""

    def __init__(self, loop):
        self._pending = []
        loop.create_task(self._connect())

    async def _connect(self):
        for call, arg in self._pending:
            call(arg)
        self._pending = None

    def exited(self, arg):
        self._pending.append((self._ready, arg))

    def _ready(self, arg):
        return arg


class Session:
    """collect() records what it could not find, itself included; perform() resets the list in a finally."""

    def __init__(self):
        self._notfound = []

    def collect(self, name):
        self._notfound.append((name, [self]))

    def perform(self, names):
        try:
            for name in names:
                self.collect(name)
            return len(self._notfound)
        finally:
            self._notfound = []


class Outline:
    """rebuild() empties its list only to fill it again: the entries still point back."""

    def __init__(self):
        self._entries = []

    def add(self, entry):
        entry.outline = self
        self._entries.append(entry)  # expect: MEM601

    def rebuild(self, entries):
        self._entries = []
        for entry in entries:
            self._entries.append(entry)


class Batch:
    """Keeps the errors it catches, and lets go of them in a finally once it has reported them."""

    def __init__(self, open_batches):
        self._errors = []
        self._open = open_batches

    def finish(self, work):
        try:
            work()
        except ValueError as exc:
            self._errors.append(exc)
        assert self._open.pop() is self
        if self._errors:
            try:
                return list(self._errors)
            finally:
                del self._errors


class Tracer:
    """Remembers the frame it started tracing in, as bdb's botframe: no caught exception and no
    bare self handed on, but the running frame holds self."""

    def __init__(self):
        self.start_frame = None

    def start(self):
        self.start_frame = sys._getframe()  # expect: MEM601

# Classes made at run time: a class refers to itself through its __mro__, so one made per call is
# cyclic garbage once dropped, whether the function drops it, returns it or returns an instance of it.
import collections
import functools


class HeaderBase:
    pass


class Registry:
    def __init__(self, base_class):
        self.base_class = base_class
        self.registry = {}

    def __getitem__(self, name):
        cls = self.registry.get(name.lower(), HeaderBase)
        return type("_" + cls.__name__, (cls, self.base_class), {})  # expect: MEM601


def sniff(sample):
    class dialect(HeaderBase):  # expect: MEM601
        delimiter = sample[0]

    return dialect


def reconstruct(cls_name, bases, value):
    return type(cls_name, bases, {})(value)  # expect: MEM601


def rows(records):
    Row = collections.namedtuple("Row", "key value")  # expect: MEM601
    return [Row(k, v) for k, v in records]


Point = collections.namedtuple("Point", "x y")


def points(pairs):
    return [Point(x, y) for x, y in pairs]


@functools.lru_cache(maxsize=None)
def header_class(name):
    return type("_" + name, (HeaderBase,), {})


_ROW_CLASSES = {}


def row_class(fields):
    cls = _ROW_CLASSES.get(fields)
    if cls is None:
        cls = _ROW_CLASSES[fields] = collections.namedtuple("Row", fields)
    return cls


def make_record_class(typename, fields):
    return type(typename, (HeaderBase,), dict.fromkeys(fields))


def with_repr(cls):
    class Wrapped(cls):
        def __repr__(self):
            return "<" + cls.__name__ + ">"

    return Wrapped


def _make_settings_class():
    class Settings(HeaderBase):
        debug = False

    return Settings


Settings = _make_settings_class()


class PluginMeta(type):
    def __new__(mcls, name, bases, namespace):
        cls = type.__new__(mcls, name, bases, namespace)
        return type(name + "Base", (cls,), {})


class Alias:
    def __mro_entries__(self, bases):
        class Dummy(HeaderBase):
            pass

        return (Dummy,)


def _demo():
    class Window(HeaderBase):
        title = "demo"

    return Window()


if __name__ == "__main__":
    print(_demo())


_LOADER_CLASSES = {}


def loader_class(kind):
    try:
        return _LOADER_CLASSES[kind]
    except KeyError:
        pass

    class Loader(HeaderBase):
        pass

    _LOADER_CLASSES[kind] = Loader
    return Loader


def _init_checker_class():
    class Checker(HeaderBase):
        pass

    return Checker


CHECKER_CLASS = None


def checker():
    global CHECKER_CLASS
    if CHECKER_CLASS is None:
        CHECKER_CLASS = _init_checker_class()
    return CHECKER_CLASS()


def save_args(method):
    Args = collections.namedtuple("Args", "args kwargs")

    def wrapper(self, *args, **kwargs):
        self._saved = Args(args, kwargs)
        return method(self, *args, **kwargs)

    return wrapper


def without_tests(cls):
    return type(cls.__name__ + "Skipped", cls.__bases__, {})


def make_plugin_base():
    class LocalMeta(type):
        def __new__(mcls, name, bases, namespace):
            return type(name + "Impl", (HeaderBase,), {})

    return LocalMeta


class Shape:
    """What self.x gives is not always a bound method of self: a property's value, a staticmethod's
    plain function (and what it returns), a classmethod bound to the class. None of them refers back
    to the instance, so none of these stores makes a cycle."""

    def __init__(self, width):
        self.width = width
        self.size = self.area
        self.corners = self.make_corners(width)
        self.corner_maker = self.make_corners
        self.maker = self.build

    @property
    def area(self):
        return self.width * self.width

    @staticmethod
    def make_corners(width):
        return ((0, 0), (width, width))

    @classmethod
    def build(cls, width):
        return cls(width)


class Poller:
    """An event loop's handle keeps its callback after it has run: self -> handle -> bound method -> self
    (20 objects of cyclic garbage per poller once the timer fired, CPython 3.11-3.13)."""

    def __init__(self, loop):
        self._loop = loop
        self._handle = None

    def start(self, delay):
        self._handle = self._loop.call_later(delay, self._tick)  # expect: MEM601

    def _tick(self):
        print("tick")


class Waiter:
    """The same handle, dropped by the callback when it runs: no garbage."""

    def __init__(self, loop):
        self._loop = loop
        self._handle = None

    def start(self, delay):
        self._handle = self._loop.call_later(delay, self._fire)

    def _fire(self):
        self._handle = None


def cancelled_timer(loop, delay):
    handle = None

    def on_timeout():
        print(handle)

    handle = loop.call_later(delay, on_timeout)
    handle.cancel()
    return 0


class Configurator:
    def __init__(self, config):
        self.config = Settings(config)
        self.config.configurator = self  # expect: MEM601


class Settings(dict):
    pass


class FileConfigurator(Configurator):
    def configure(self):
        return len(self.config)


def configure(config):
    """The base class's own cycle, reported once at the class: not again here for an instance of a subclass
    (logging.config.dictConfig calling DictConfigurator(config).configure())."""
    FileConfigurator(config).configure()


class Channel:
    def __init__(self, name):
        self.name = name


class Hub:
    """Channels made by the class configured on the hub, else by the module's default class (logging's
    Manager.getLogger): each channel refers back to its hub, which keeps it in a dict."""

    def __init__(self):
        self.channels = {}
        self.channelClass = None

    def setChannelClass(self, klass):
        self.channelClass = klass

    def get(self, name):
        if name not in self.channels:
            rv = (self.channelClass or _channelClass)(name)
            rv.hub = self
            self.channels[name] = rv  # expect: MEM601
        return self.channels[name]


class WeakHub:
    """The same registry whose channels refer back to it weakly: no cycle."""

    def __init__(self):
        self.channels = {}

    def get(self, name):
        rv = _channelClass(name)
        rv.hub = weakref.proxy(self)
        self.channels[name] = rv
        return rv


_channelClass = Channel


def setChannelClass(klass):
    global _channelClass
    _channelClass = klass


def indent_tree(tree, space="  "):
    """A nested function that calls itself (xml.etree.ElementTree.indent): it refers to itself through its
    cell, so every call leaves the function, its cells and the list they hold to the collector."""
    indentations = ["\n"]

    def _indent_children(elem, level):  # expect: MEM601
        if len(indentations) <= level + 1:
            indentations.append(indentations[level] + space)
        for child in elem:
            _indent_children(child, level + 1)
            child.tail = indentations[level + 1]

    _indent_children(tree, 0)


def make_scanner(context):
    """The same shape kept by the function returned (json.scanner.py_make_scanner): garbage once the caller
    drops the scanner."""
    parse_object = context.parse_object
    memo = context.memo

    def _scan_once(string, idx):  # expect: MEM601
        if string[idx] == "{":
            return parse_object((string, idx + 1), _scan_once, memo)
        return string[idx], idx + 1

    def scan_once(string, idx):
        try:
            return _scan_once(string, idx)
        finally:
            memo.clear()

    return scan_once


def count_nodes(tree):
    """The helper's name deleted once done: its cell is empty, no cycle is left."""

    def visit(node):
        return 1 + sum(visit(child) for child in node)

    total = visit(tree)
    del visit
    return total


def _count_below(node):
    return 1 + sum(_count_below(child) for child in node)


def count_nodes_at_module_level(tree):
    """A module-level function calls itself through the module's globals: no cell, no cycle."""
    return _count_below(tree)


def retrying(func):
    """A decorator whose wrapper refers to itself (unittest.mock's patched): kept as long as the function
    it replaces, once per decorated function."""

    @functools.wraps(func)
    def wrapper(*args):
        if wrapper.calls > 3:
            return None
        wrapper.calls += 1
        return func(*args)

    wrapper.calls = 0
    return wrapper


def _build_grammar():
    """Called once, at import: the one cycle it leaves is no per-call cost."""

    def expand(rule):
        return [expand(r) for r in rule]

    return len(expand([[], [[]]]))


GRAMMAR_SIZE = _build_grammar()
