"""Methods, properties and dataclasses in the shapes libraries use: a property setter that registers
with the new parent, dataclasses linking in __post_init__, lru_cache on a bound method, cached
properties, sort keys and dispatch tables kept on self, defaultdict factories, methods bound with
types.MethodType, asyncio-style tasks waking on their future, chained exceptions kept by the caller,
copy.deepcopy of linked and plain data.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import collections
import copy
import dataclasses
import functools
import types


class Widget:
    """A GUI widget whose parent property setter adds it to the parent's children (Qt/Tk style)."""

    def __init__(self, name):
        self.name = name
        self._parent = None
        self.children = []

    @property
    def parent(self):
        return self._parent

    @parent.setter
    def parent(self, widget):
        self._parent = widget
        widget.children.append(self)


@dataclasses.dataclass
class Category:
    name: str
    parent: "Category | None" = None
    children: list = dataclasses.field(default_factory=list)

    def __post_init__(self):
        if self.parent is not None:
            self.parent.children.append(self)


@dataclasses.dataclass
class Tag:
    name: str
    parent_name: str = ""


class PriceList:
    """Memoises its price lookup by wrapping its own bound method in functools.lru_cache."""

    def __init__(self, base):
        self.base = base
        self.price = functools.lru_cache(maxsize=256)(self._price)

    def _price(self, sku):
        return self.base + sku % 17


class DictPriceList:
    """Memoises the same lookup in a plain dict."""

    def __init__(self, base):
        self.base = base
        self._cache = {}

    def price(self, sku):
        if sku not in self._cache:
            self._cache[sku] = self.base + sku % 17
        return self._cache[sku]


class Folder:
    def __init__(self, name, size):
        self.name = name
        self.size = size

    @functools.cached_property
    def entries(self):
        """Entries that know the folder they are in."""
        return [Entry(self, f"{self.name}/file{i}") for i in range(self.size)]

    @functools.cached_property
    def entry_names(self):
        return [f"{self.name}/file{i}" for i in range(self.size)]


class Entry:
    def __init__(self, folder, path):
        self.folder = folder
        self.path = path


class Ranking:
    """Sorts items by weight with a key function it keeps."""

    def __init__(self, weights):
        self.weights = weights
        self.key = lambda item: self.weights[item]

    def top(self, items, count):
        return sorted(items, key=self.key, reverse=True)[:count]


class LookupRanking:
    """The same ranking keeping the weights dict's own __getitem__ as the key."""

    def __init__(self, weights):
        self.weights = weights
        self.key = weights.__getitem__

    def top(self, items, count):
        return sorted(items, key=self.key, reverse=True)[:count]


class Plugin:
    def __init__(self, name):
        self.name = name
        self.hook = None


def _describe(plugin):
    return f"plugin {plugin.name}"


class Future:
    def __init__(self):
        self.callbacks = []
        self.result = None

    def add_done_callback(self, fn):
        self.callbacks.append(fn)

    def set_result(self, value):
        self.result = value
        callbacks, self.callbacks = self.callbacks, []
        for fn in callbacks:
            fn(self)


class Task:
    """An asyncio-style task: it waits on a future whose callback is the task's own method."""

    def __init__(self, name):
        self.name = name
        self.waiting_on = None
        self.wakeups = 0

    def wait(self, future):
        self.waiting_on = future
        future.add_done_callback(self._wakeup)

    def _wakeup(self, future):
        self.wakeups += 1


class RequestHandler:
    def __init__(self):
        self.handlers = {"GET": self.do_get, "POST": self.do_post}
        self.served = 0

    def handle(self, method, path):
        self.served += 1
        return self.handlers[method](path)

    def do_get(self, path):
        return f"200 {path}"

    def do_post(self, path):
        return f"201 {path}"


class TableRequestHandler:
    def __init__(self):
        self.served = 0

    def handle(self, method, path):
        self.served += 1
        return self.HANDLERS[method](self, path)

    def do_get(self, path):
        return f"200 {path}"

    def do_post(self, path):
        return f"201 {path}"

    HANDLERS = {"GET": do_get, "POST": do_post}


class Group:
    def __init__(self, owner):
        self.owner = owner
        self.items = []


class EventGroups:
    def __init__(self):
        self.groups = collections.defaultdict(lambda: Group(self))

    def add(self, kind, item):
        self.groups[kind].items.append(item)


class PlainEventGroups:
    def __init__(self):
        self.groups = collections.defaultdict(list)

    def add(self, kind, item):
        self.groups[kind].append(item)


class LookupFailed(LookupError):
    pass


def _lookup(table, key):
    try:
        return table[key]
    except KeyError as exc:
        raise LookupFailed(f"no entry {key!r}") from exc


def _make_records(n):
    return ([{"id": i, "tags": ["a", "b"], "owner": {"name": f"user{i % 10}"}} for i in range(n)],)


def build_widgets(n):
    """Builds a window of n widgets by assigning their parent property; returns the child count."""
    window = Widget("window")
    for i in range(n):
        button = Widget(f"button{i}")
        button.parent = window
    return len(window.children)


def build_categories(n):
    """Dataclass categories that add themselves to their parent in __post_init__; returns the count."""
    root = Category("all")
    for i in range(n):
        Category(f"category{i}", root)
    return len(root.children)


def build_tags(n):
    """Dataclass tags that record their parent's name only; returns the tags."""
    return [Tag(f"tag{i}", "all") for i in range(n)]


def price_orders(n):
    """Prices n order lines through an lru_cache wrapped around a bound method; returns the total."""
    prices = PriceList(100)
    return sum(prices.price(i) for i in range(n))


def price_orders_dict(n):
    """Prices the same lines through a dict memo; returns the total."""
    prices = DictPriceList(100)
    return sum(prices.price(i) for i in range(n))


def list_folder(n):
    """Lists a folder through a cached_property whose entries point back at the folder; returns the paths."""
    folder = Folder("docs", n)
    return [entry.path for entry in folder.entries]


def list_folder_names(n):
    """Lists the same folder through a cached_property of plain names; returns them."""
    folder = Folder("docs", n)
    return list(folder.entry_names)


def rank_items(items):
    """Ranks items with a lambda key kept on the ranking object (the lambda reads self); returns the top ten."""
    weights = {item: (item * 7919) % 1000 for item in items}
    return Ranking(weights).top(items, 10)


def rank_items_by_lookup(items):
    """Ranks items with the weights dict's __getitem__ kept as the key; returns the top ten."""
    weights = {item: (item * 7919) % 1000 for item in items}
    return LookupRanking(weights).top(items, 10)


def describe_plugins(n):
    """Attaches a describe hook bound to each plugin with types.MethodType; returns the descriptions."""
    plugins = [Plugin(f"p{i}") for i in range(n)]
    for plugin in plugins:
        plugin.hook = types.MethodType(_describe, plugin)
    return [plugin.hook() for plugin in plugins]


def describe_plugins_plain(n):
    """Attaches the plain function as the hook and passes the plugin when calling; returns the descriptions."""
    plugins = [Plugin(f"p{i}") for i in range(n)]
    for plugin in plugins:
        plugin.hook = _describe
    return [plugin.hook(plugin) for plugin in plugins]


def wake_tasks(n):
    """n tasks each waiting on a future that is never resolved; returns how many are waiting."""
    tasks = []
    for i in range(n):
        task = Task(f"task{i}")
        task.wait(Future())
        tasks.append(task)
    return sum(t.waiting_on is not None for t in tasks)


def wake_tasks_resolved(n):
    """The same tasks whose futures are resolved, which drops the callbacks; returns the wake-ups."""
    tasks = []
    for i in range(n):
        task = Task(f"task{i}")
        future = Future()
        task.wait(future)
        future.set_result(i)
        tasks.append(task)
    return sum(t.wakeups for t in tasks)


def lookup_with_fallback(n):
    """Looks up n keys, keeping the chained exception (raise ... from) of the last miss; returns the hits."""
    table = {i: str(i) for i in range(0, n, 2)}
    hits = []
    last_miss = None
    for key in range(n):
        try:
            hits.append(_lookup(table, key))
        except LookupFailed as exc:
            last_miss = exc
    return len(hits) + (last_miss is not None)


def copy_tree(n):
    """Deep-copies a category tree whose nodes point at their parent (the copy is linked too)."""
    root = Category("all")
    for i in range(n):
        Category(f"category{i}", root)
    duplicate = copy.deepcopy(root)
    return len(duplicate.children)


def copy_plain_data(records):
    """Deep-copies a list of JSON-like records (dicts and lists); returns the copy."""
    return copy.deepcopy(records)


def handle_requests(n):
    """An http.server-style handler with a dispatch table of its own bound methods; returns the replies."""
    handler = RequestHandler()
    return [handler.handle("GET" if i % 3 else "POST", f"/item/{i}") for i in range(n)]


def handle_requests_unbound(n):
    """The same handler dispatching through a class-level table of plain functions; returns the replies."""
    handler = TableRequestHandler()
    return [handler.handle("GET" if i % 3 else "POST", f"/item/{i}") for i in range(n)]


def group_events(n):
    """Groups events in a defaultdict whose factory is a lambda reading self; returns the group count."""
    groups = EventGroups()
    for i in range(n):
        groups.add(f"kind{i % 20}", i)
    return len(groups.groups)


def group_events_plain(n):
    """Groups the same events in a defaultdict(list); returns the group sizes."""
    groups = PlainEventGroups()
    for i in range(n):
        groups.add(f"kind{i % 20}", i)
    return {kind: len(items) for kind, items in groups.groups.items()}


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "build_widgets", "build_categories", "build_tags", "price_orders", "price_orders_dict", "list_folder",
    "list_folder_names", "describe_plugins", "describe_plugins_plain", "wake_tasks", "wake_tasks_resolved",
    "lookup_with_fallback", "copy_tree", "handle_requests", "handle_requests_unbound", "group_events",
    "group_events_plain"]}
MEASURE.update({name: ("len(items)", lambda n: (list(range(n)),)) for name in ["rank_items", "rank_items_by_lookup"]})
MEASURE["copy_plain_data"] = ("len(records)", _make_records)
SIZES = (100, 1000, 10000)
