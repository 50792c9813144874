"""Work done through calls: helpers two and three levels deep, methods of objects passed in, of
module-level instances and of self, @staticmethod/@classmethod/@property used through self,
recursive helpers, and cycles made one or two calls below the function that drops them.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""


class LineItem:
    def __init__(self, sku, quantity, price):
        self.sku = sku
        self.quantity = quantity
        self.price = price

    def total(self):
        return self.quantity * self.price

    def as_row(self):
        return (self.sku, self.quantity, self.price, self.total())


class Money:
    """A formatter kept as a module-level instance, the way locale or decimal contexts are."""

    def __init__(self, symbol, places):
        self.symbol = symbol
        self.places = places

    def format(self, amount):
        return f"{self.symbol}{amount:,.{self.places}f}"


MONEY = Money("$", 2)


class Session:
    def __init__(self, session_id):
        self.session_id = session_id
        self.closed = False
        self.on_close = self.close

    def close(self):
        self.closed = True


class App:
    def __init__(self, name):
        self.name = name
        self.plugins = []


class Extension:
    """A Flask-style extension: init_app installs it on the app through a helper."""

    def __init__(self, name, app=None):
        self.name = name
        self.app = None
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        _install(self, app)


def _install(extension, app):
    app.plugins.append(extension)
    extension.app = app


class Document:
    def __init__(self, doc_id, text):
        self.doc_id = doc_id
        self.text = text
        self.index = None


class InvertedIndex:
    def __init__(self):
        self.postings = {}
        self.documents = []

    def add(self, document):
        self._register(document)
        for word in document.text.split():
            self.postings.setdefault(word, []).append(document.doc_id)

    def _register(self, document):
        self.documents.append(document)
        document.index = self


class Normalizer:
    """Picks its cleaning function once and keeps it: a staticmethod taken from self."""

    def __init__(self):
        self.clean = self.strip_and_lower

    @staticmethod
    def strip_and_lower(text):
        return text.strip().lower()

    def run(self, texts):
        return [self.clean(t) for t in texts]


class BoundNormalizer:
    """The same, keeping an ordinary method taken from self."""

    def __init__(self):
        self.clean = self.strip_and_lower

    def strip_and_lower(self, text):
        return text.strip().lower()

    def run(self, texts):
        return [self.clean(t) for t in texts]


class Parser:
    """Keeps its row factory: a classmethod taken from self, bound to the class."""

    def __init__(self):
        self.make_row = self.from_fields

    @classmethod
    def from_fields(cls, fields):
        return tuple(fields)

    def parse(self, lines):
        return [self.make_row(line.split(",")) for line in lines]


class Router:
    def __init__(self):
        self.routes = {}
        self.current = None

    @property
    def dispatcher(self):
        return self._dispatch

    @property
    def route_names(self):
        return sorted(self.routes)

    def _dispatch(self, path):
        return self.routes.get(path, "404")

    def add(self, path, target):
        self.routes[path] = target


def _format_row(item):
    sku, quantity, price, total = item.as_row()
    return f"{sku:<10}{quantity:>5}{MONEY.format(price):>12}{MONEY.format(total):>14}"


def _report_body(items):
    return [_format_row(item) for item in items]


def _report(items):
    lines = ["SKU       QTY       PRICE         TOTAL"]
    lines.extend(_report_body(items))
    lines.append(MONEY.format(sum(item.total() for item in items)))
    return "\n".join(lines)


def _make_items(n):
    return ([LineItem(f"SKU{i:05d}", i % 7 + 1, 9.5 + i % 11) for i in range(n)],)


def _connect(session_id):
    return _open(session_id)


def _open(session_id):
    return Session(session_id)


class MenuItem:
    def __init__(self, label, parent=None):
        self.label = label
        self.parent = parent
        self.items = []
        if parent is not None:
            parent.items.append(self)


def _add_items(menu, depth, width):
    if depth == 0:
        return 1
    count = 0
    for i in range(width):
        count += _add_items(MenuItem(f"{menu.label}.{i}", menu), depth - 1, width)
    return count


def _nest(prefix, depth, width):
    if depth == 0:
        return prefix
    return {f"{prefix}.{i}": _nest(f"{prefix}.{i}", depth - 1, width) for i in range(width)}


def invoice_text(items):
    """Formats an invoice through three levels of helpers and a module-level formatter; returns the text."""
    return _report(items)


def order_totals(items):
    """Calls a method of each object passed in and keeps the results; returns the (sku, total) pairs."""
    return [(item.sku, item.total()) for item in items]


def largest_orders(items):
    """Sorts rows made by a method of the objects passed in and keeps the ten largest; returns them."""
    rows = sorted((item.as_row() for item in items), key=lambda row: row[3], reverse=True)
    return rows[:10]


def connect_sessions(n):
    """Opens n sessions through two helper levels; each session holds its own bound method."""
    sessions = [_connect(f"s{i}") for i in range(n)]
    for session in sessions[::2]:
        session.on_close()
    return sum(s.closed for s in sessions)


def install_extensions(n):
    """Flask-style init_app installs each extension on the app through a helper that links both ways."""
    app = App("site")
    for i in range(n):
        Extension(f"ext{i}", app)
    return len(app.plugins)


def configure_extensions(n):
    """The same extensions made without an app (init_app never called); returns their names."""
    extensions = [Extension(f"ext{i}") for i in range(n)]
    return [ext.name for ext in extensions]


def index_documents(n):
    """Adds documents to an index whose private helper points each document back at the index."""
    index = InvertedIndex()
    for i in range(n):
        index.add(Document(i, f"word{i % 50} common text {i}"))
    return len(index.postings)


def normalize_static(texts):
    """A normalizer keeping a staticmethod taken from self; returns the cleaned texts."""
    return Normalizer().run(texts)


def normalize_bound(texts):
    """A normalizer keeping its own bound method; returns the cleaned texts."""
    return BoundNormalizer().run(texts)


def parse_with_classmethod(lines):
    """A parser keeping a classmethod taken from self as its row factory; returns the rows."""
    return Parser().parse(lines)


def route_requests(n):
    """A router whose dispatcher property returns its bound method, kept as the current handler; returns the replies."""
    router = Router()
    for i in range(10):
        router.add(f"/page{i}", f"view{i}")
    router.current = router.dispatcher
    return [router.current(f"/page{i % 12}") for i in range(n)]


def route_names(n):
    """A router whose route_names property returns a new sorted list, kept on the router; returns it."""
    router = Router()
    for i in range(n):
        router.add(f"/page{i}", f"view{i}")
    router.current = router.route_names
    return len(router.current)


def build_menu(n):
    """Builds a menu tree three levels deep with a recursive helper linking items both ways; returns the leaves."""
    root = MenuItem("menu")
    return _add_items(root, 3, n)


def nested_settings(n):
    """Builds a nested settings dict three levels deep with a recursive helper; returns it."""
    return _nest("root", 3, n)


MEASURE = {name: ("len(items)", _make_items) for name in ["invoice_text", "order_totals", "largest_orders"]}
MEASURE.update({name: ("n", lambda n: (n,)) for name in [
    "connect_sessions", "install_extensions", "configure_extensions", "index_documents", "route_requests",
    "route_names"]})
MEASURE.update({name: ("len(texts)", lambda n: ([f"  Title {i}  " for i in range(n)],)) for name in [
    "normalize_static", "normalize_bound"]})
MEASURE.update({name: ("n", lambda n: (round(n ** (1 / 3)),), lambda n: round(n ** (1 / 3))) for name in [
    "build_menu", "nested_settings"]})
MEASURE["parse_with_classmethod"] = ("len(lines)", lambda n: ([f"{i},a{i},b" for i in range(n)],))
SIZES = (100, 1000, 10000)
