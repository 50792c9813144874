"""Fresh cases in the shapes service code takes, written to measure the model on code it was not tuned
on: a router with middleware, ORM-like models and a lazy query set, orders with back-pointing lines,
signals with strong and weak receivers, exporters registered by a decorator, a tokenizer and a
recursive-descent parser, a .env parser, a batch import over generators, a TTL cache, a retry
decorator, transactions as context managers, a logging adapter, dataclass records, a log pipeline,
API pagination, a protocol state machine, a task queue with done-callbacks, a store whose widgets
unsubscribe, a config tree with weak parents, a template engine, a CSV report and payload validation.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import collections
import csv
import dataclasses
import functools
import html
import io
import itertools
import json
import logging
import operator
import re
import weakref


# --- a microframework: routes, middleware, requests and responses ---

class Request:
    def __init__(self, method, path, headers=None, body=""):
        self.method = method
        self.path = path
        self.headers = headers or {}
        self.body = body
        self.state = {}


class Response:
    def __init__(self, status=200, body="", headers=None):
        self.status = status
        self.body = body
        self.headers = headers or {"Content-Type": "application/json"}


class Router:
    """Maps (method, path) to views and wraps each view in the middleware on every dispatch."""

    def __init__(self):
        self.routes = {}
        self.middleware = []

    def route(self, method, path):
        def decorator(view):
            self.routes[(method, path)] = view
            return view
        return decorator

    def use(self, middleware):
        self.middleware.append(middleware)

    def dispatch(self, request):
        view = self.routes.get((request.method, request.path.split("?")[0]))
        if view is None:
            return Response(404, json.dumps({"error": "not found"}))
        handler = view
        for middleware in reversed(self.middleware):
            handler = middleware(handler)
        return handler(request)


def request_id_middleware(handler):
    def wrapped(request):
        request.state["request_id"] = request.headers.get("X-Request-Id", "-")
        response = handler(request)
        response.headers["X-Request-Id"] = request.state["request_id"]
        return response
    return wrapped


def auth_middleware(handler):
    def wrapped(request):
        if "Authorization" not in request.headers:
            return Response(401, json.dumps({"error": "unauthorized"}))
        return handler(request)
    return wrapped


app = Router()
app.use(request_id_middleware)
app.use(auth_middleware)

USERS = {i: {"id": i, "name": f"user{i}", "email": f"user{i}@example.com"} for i in range(50)}


def _query_param(path, name, default):
    _, _, query = path.partition("?")
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == name:
            return value
    return default


@app.route("GET", "/users")
def list_users(request):
    page = int(_query_param(request.path, "page", "0"))
    start = page * 10 % 50
    users = [USERS[i] for i in range(start, start + 10) if i in USERS]
    return Response(200, json.dumps({"users": users, "page": page}))


@app.route("POST", "/users")
def create_user(request):
    data = json.loads(request.body)
    if not data.get("name"):
        return Response(400, json.dumps({"error": "name is required"}))
    user = {"id": len(USERS), "name": data["name"], "email": f"{data['name']}@example.com"}
    return Response(201, json.dumps(user))


def serve_traffic(n):
    """Dispatches n requests through the router and its middleware; returns the status counts and bytes sent."""
    statuses = collections.Counter()
    sent = 0
    for i in range(n):
        headers = {"X-Request-Id": f"req-{i}"}
        if i % 5:
            headers["Authorization"] = "Bearer token"
        if i % 3 == 0:
            request = Request("POST", "/users", headers, json.dumps({"name": f"new{i}" if i % 4 else ""}))
        else:
            request = Request("GET", f"/users?page={i % 7}&sort=name", headers)
        response = app.dispatch(request)
        statuses[response.status] += 1
        sent += len(response.body)
    return dict(statuses), sent


# --- an ORM-like model and a lazy query set ---

class Field:
    def __init__(self, default=None):
        self.default = default
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name


class ModelMeta(type):
    def __new__(mcs, name, bases, namespace):
        cls = super().__new__(mcs, name, bases, namespace)
        cls._fields = [value.name for value in namespace.values() if isinstance(value, Field)]
        return cls


class Model(metaclass=ModelMeta):
    def __init__(self, **values):
        for name in self._fields:
            setattr(self, name, values.get(name, getattr(type(self), name).default))

    def to_dict(self):
        return {name: getattr(self, name) for name in self._fields}


class Customer(Model):
    id = Field()
    name = Field("")
    email = Field("")
    country = Field("")
    active = Field(True)


class QuerySet:
    """Keeps its filters until it is iterated, then fetches and caches the matching instances."""

    def __init__(self, model, rows, filters=()):
        self.model = model
        self.rows = rows
        self.filters = filters
        self._cache = None

    def filter(self, **conditions):
        return QuerySet(self.model, self.rows, self.filters + tuple(conditions.items()))

    def _fetch(self):
        if self._cache is None:
            self._cache = [self.model(**row) for row in self.rows
                           if all(row.get(key) == value for key, value in self.filters)]
        return self._cache

    def __iter__(self):
        return iter(self._fetch())

    def __len__(self):
        return len(self._fetch())


def _customer_rows(n):
    return ([{"id": i, "name": f"customer {i}", "email": f"c{i}@example.com", "country": ("DE", "FR", "US")[i % 3],
              "active": i % 4 != 0} for i in range(n)],)


def active_customers(rows):
    """Filters customer rows through a query set and exports the matches as JSON; returns the text."""
    customers = QuerySet(Customer, rows).filter(active=True)
    if not len(customers):
        return "[]"
    return json.dumps([customer.to_dict() for customer in customers])


# --- orders whose lines point back at them ---

class Order:
    def __init__(self, number, customer):
        self.number = number
        self.customer = customer
        self.lines = []

    def add_line(self, sku, quantity, price):
        line = OrderLine(self, sku, quantity, price)
        self.lines.append(line)
        return line

    def total(self):
        return sum(line.amount() for line in self.lines)


class OrderLine:
    def __init__(self, order, sku, quantity, price):
        self.order = order
        self.sku = sku
        self.quantity = quantity
        self.price = price

    def amount(self):
        return self.quantity * self.price


def invoice_totals(n):
    """Builds n orders of three lines each and keeps only their totals, as an invoicing run does."""
    totals = []
    for i in range(n):
        order = Order(f"SO-{i:06d}", f"customer{i % 40}")
        order.add_line("widget", 1 + i % 3, 9.5)
        order.add_line("gadget", 2, 4.25)
        order.add_line("shipping", 1, 5.0)
        totals.append((order.number, order.total()))
    return totals


# --- signals with strong and with weak receivers ---

class Signal:
    """A blinker-style signal: receivers are kept strongly, or through weakref.WeakMethod if asked."""

    def __init__(self, name):
        self.name = name
        self.receivers = []

    def connect(self, receiver, weak=False):
        self.receivers.append(weakref.WeakMethod(receiver) if weak else receiver)
        return receiver

    def send(self, sender, **kwargs):
        results = []
        for receiver in list(self.receivers):
            if isinstance(receiver, weakref.WeakMethod):
                receiver = receiver()
                if receiver is None:
                    continue
            results.append(receiver(sender, **kwargs))
        return results


class CachedView:
    """A view with a rendered cache that the model's post_save signal invalidates."""

    def __init__(self, name, signal, weak=False):
        self.name = name
        self.signal = signal
        self.rendered = None
        signal.connect(self.invalidate, weak=weak)

    def render(self):
        if self.rendered is None:
            self.rendered = f"<div>{self.name}</div>"
        return self.rendered

    def invalidate(self, sender, **kwargs):
        self.rendered = None
        return self.name


def cache_invalidation(n):
    """n views connect a bound method to a post_save signal they keep; returns how many were invalidated."""
    post_save = Signal("post_save")
    views = [CachedView(f"view{i}", post_save) for i in range(n)]
    for view in views:
        view.render()
    return len(post_save.send("Customer", created=True))


def weak_cache_invalidation(n):
    """The same views connected through weak method references; returns how many were invalidated."""
    post_save = Signal("post_save")
    views = [CachedView(f"view{i}", post_save, weak=True) for i in range(n)]
    for view in views:
        view.render()
    return len(post_save.send("Customer", created=True))


# --- exporters registered by a class decorator ---

EXPORTERS = {}


def exporter(fmt):
    def register(cls):
        EXPORTERS[fmt] = cls
        cls.format = fmt
        return cls
    return register


class BaseExporter:
    def __init__(self, options=None):
        self.options = options or {}

    def export(self, rows):
        raise NotImplementedError


@exporter("csv")
class CsvExporter(BaseExporter):
    def export(self, rows):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.options.get("delimiter", ","))
        writer.writerow(["id", "name", "score"])
        writer.writerows(rows)
        return out.getvalue()


@exporter("json")
class JsonExporter(BaseExporter):
    def export(self, rows):
        return json.dumps([{"id": r[0], "name": r[1], "score": r[2]} for r in rows], indent=self.options.get("indent"))


@exporter("markdown")
class MarkdownExporter(BaseExporter):
    def export(self, rows):
        lines = ["| id | name | score |", "|---|---|---|"]
        lines.extend(f"| {r[0]} | {r[1]} | {r[2]} |" for r in rows)
        return "\n".join(lines)


def _export(rows, fmt, **options):
    return EXPORTERS[fmt](options).export(rows)


def export_all_formats(rows):
    """Exports the same rows with every registered exporter; returns the size of each output."""
    sizes = {}
    for fmt in sorted(EXPORTERS):
        sizes[fmt] = len(_export(rows, fmt))
    return sizes


# --- a tokenizer and a recursive-descent parser ---

Token = collections.namedtuple("Token", "kind text pos")

TOKEN_RE = re.compile(r"(?P<number>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_]\w*)|(?P<op>[-+*/()=])|(?P<newline>\n)|(?P<ws>[ \t]+)")


def tokenize(source):
    for match in TOKEN_RE.finditer(source):
        kind = match.lastgroup
        if kind != "ws":
            yield Token(kind, match.group(), match.start())


def _source(size):
    lines = []
    length = 0
    i = 0
    while length < size:
        line = f"x{i} = a{i % 7} + {i} * (b - 2.5) / c{i % 3}\n"
        lines.append(line)
        length += len(line)
        i += 1
    return "".join(lines)


def tokenize_source(source):
    """Tokenizes a source text with a regex scanner; returns the tokens (a list of named tuples)."""
    return list(tokenize(source))


class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, kind=None, text=None):
        token = self.peek()
        if token is None or (kind and token.kind != kind) or (text and token.text != text):
            raise SyntaxError(f"unexpected {token!r}")
        self.pos += 1
        return token

    def statement(self):
        name = self.take("name").text
        self.take("op", "=")
        value = self.expression()
        self.take("newline")
        return ("assign", name, value)

    def expression(self):
        node = self.term()
        while self.peek() is not None and self.peek().text in "+-":
            op = self.take().text
            node = (op, node, self.term())
        return node

    def term(self):
        node = self.factor()
        while self.peek() is not None and self.peek().text in "*/":
            op = self.take().text
            node = (op, node, self.factor())
        return node

    def factor(self):
        token = self.take()
        if token.kind == "number":
            return ("num", float(token.text))
        if token.kind == "name":
            return ("var", token.text)
        if token.text == "(":
            node = self.expression()
            self.take("op", ")")
            return node
        raise SyntaxError(f"unexpected {token.text!r} at {token.pos}")


def parse_assignments(source):
    """Parses a file of assignments into a list of syntax trees (nested tuples)."""
    parser = Parser(list(tokenize(source)))
    statements = []
    while parser.peek() is not None:
        statements.append(parser.statement())
    return statements


# --- a .env file parser ---

def _coerce(value):
    if value.lower() in ("true", "yes", "on"):
        return True
    if value.lower() in ("false", "no", "off"):
        return False
    try:
        return int(value)
    except ValueError:
        return value


def _env_text(size):
    lines = ["# generated settings", ""]
    length = 0
    i = 0
    while length < size:
        line = (f"SERVICE_{i}_URL=\"https://svc{i}.internal:8443/api\"", f"service_{i}_timeout = {i % 60}",
                f"SERVICE_{i}_ENABLED=yes", "")[i % 4]
        lines.append(line)
        length += len(line) + 1
        i += 1
    return "\n".join(lines)


def parse_env(text):
    """Parses KEY=VALUE lines, skipping comments, into a dict of coerced values, as python-dotenv does."""
    settings = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"line {lineno}: expected KEY=VALUE")
        settings[key.strip().upper()] = _coerce(value.strip().strip('"'))
    return settings


# --- a batch import over generators ---

def chunked(iterable, size):
    iterator = iter(iterable)
    while True:
        batch = list(itertools.islice(iterator, size))
        if not batch:
            return
        yield batch


def read_events(n):
    for i in range(n):
        yield {"user": f"u{i % 97}", "amount": (i * 37) % 1000, "kind": "buy" if i % 4 else "refund"}


def import_events(n):
    """Imports n events in batches of 500, as a nightly job does; returns the per-user balances."""
    balances = collections.defaultdict(int)
    written = 0
    for batch in chunked(read_events(n), 500):
        rows = [(e["user"], e["amount"] if e["kind"] == "buy" else -e["amount"]) for e in batch]
        for user, amount in rows:
            balances[user] += amount
        written += len(rows)
    return dict(balances), written


# --- a TTL cache in front of a slow lookup ---

class FakeClock:
    def __init__(self):
        self.now = 0.0

    def time(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


class TTLCache:
    def __init__(self, maxsize, ttl, timer):
        self.maxsize = maxsize
        self.ttl = ttl
        self.timer = timer
        self._data = collections.OrderedDict()

    def get(self, key, default=None):
        item = self._data.get(key)
        if item is None:
            return default
        value, expires = item
        if expires < self.timer():
            del self._data[key]
            return default
        self._data.move_to_end(key)
        return value

    def set(self, key, value):
        self._data[key] = (value, self.timer() + self.ttl)
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)


def _load_profile(key):
    user_id = int(key.split(":")[1])
    raw = json.dumps({"id": user_id, "name": f"user {user_id}", "roles": ["reader", "writer"][: 1 + user_id % 2]})
    return json.loads(raw)


def cached_profile_lookups(n):
    """Looks up n profiles through a 256-entry TTL cache with a fake clock; returns the hit count."""
    clock = FakeClock()
    cache = TTLCache(maxsize=256, ttl=300, timer=clock.time)
    hits = 0
    for i in range(n):
        key = f"user:{i * i % 397}"
        profile = cache.get(key)
        if profile is None:
            profile = _load_profile(key)
            cache.set(key, profile)
        else:
            hits += 1
        clock.advance(0.5)
    return hits


# --- a retry decorator ---

class RetryError(Exception):
    pass


def retry(times=3, exceptions=(Exception,), delays=None):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            last_exc = None
            for attempt in range(times):
                try:
                    return func(*args, **kwargs)
                except exceptions as exc:
                    last_exc = exc
                    if delays is not None:
                        delays.append(min(0.1 * 2 ** attempt, 5.0))
            raise RetryError(f"{func.__name__} failed after {times} attempts") from last_exc
        return wrapper
    return decorator


class Gateway:
    """A payment gateway client whose push fails twice for every account and always for every fourth."""

    def __init__(self):
        self.attempts = collections.Counter()
        self.pushed = []

    @retry(times=3, exceptions=(ConnectionError,))
    def push(self, account):
        self.attempts[account] += 1
        if account % 4 == 0 or self.attempts[account] < 3:
            raise ConnectionError(f"gateway timeout for account {account}")
        self.pushed.append(account)
        return True


def sync_accounts(n):
    """Pushes n accounts through the retrying gateway; returns the failures as (account, message)."""
    gateway = Gateway()
    failures = []
    for account in range(n):
        try:
            gateway.push(account)
        except RetryError as exc:
            failures.append((account, str(exc)))
    return failures


# --- transactions as context managers ---

class Database:
    def __init__(self):
        self.tables = collections.defaultdict(dict)
        self.log = []


class Transaction:
    def __init__(self, db):
        self.db = db
        self.pending = []

    def __enter__(self):
        return self

    def put(self, table, key, value):
        self.pending.append((table, key, value))

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                for table, key, value in self.pending:
                    self.db.tables[table][key] = value
                self.db.log.append(("commit", len(self.pending)))
            else:
                self.db.log.append(("rollback", len(self.pending)))
        finally:
            self.pending.clear()
        return False


class InvalidDocument(ValueError):
    pass


def _check_document(doc):
    if not doc["title"].strip():
        raise InvalidDocument("empty title")


def save_documents(n):
    """Saves n documents, one transaction each, rolling back the invalid ones; returns how many were stored."""
    db = Database()
    rejected = 0
    for i in range(n):
        doc = {"title": f"doc {i}" if i % 10 else " ", "words": i % 50, "tags": ["draft"]}
        try:
            with Transaction(db) as tx:
                tx.put("documents", i, doc)
                tx.put("search", f"doc {i}", i)
                _check_document(doc)
        except InvalidDocument:
            rejected += 1
    return len(db.tables["documents"]), rejected


# --- a logging adapter with a collecting handler ---

class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(self.format(record))


class RequestAdapter(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        return f"[{self.extra['request_id']}] {msg}", kwargs


def audit_requests(n):
    """Logs n requests through a per-request adapter to a handler that keeps the formatted lines."""
    logger = logging.getLogger("services.audit")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = ListHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    try:
        for i in range(n):
            log = RequestAdapter(logger, {"request_id": f"r{i}"})
            log.info("GET /items/%d", i)
            if i % 10 == 0:
                log.warning("slow response: %d ms", 300 + i)
            log.debug("cache state %s", i)
    finally:
        logger.removeHandler(handler)
    return handler.messages


# --- dataclass records ---

@dataclasses.dataclass(frozen=True, order=True)
class Trade:
    symbol: str
    quantity: int
    price: float


def _trades_text(size):
    lines = ["symbol,quantity,price"]
    length = len(lines[0]) + 1
    i = 0
    while length < size:
        line = f"{('ACME', 'GLOBX', 'INITECH', 'UMBR')[i % 4]},{(i * 13) % 200 - 100},{10 + (i * 7) % 90}.25"
        lines.append(line)
        length += len(line) + 1
        i += 1
    return "\n".join(lines) + "\n"


def _parse_trades(text):
    reader = csv.reader(io.StringIO(text))
    next(reader)
    return [Trade(symbol, int(quantity), float(price)) for symbol, quantity, price in reader]


def position_report(text):
    """Parses trades into frozen dataclasses, groups them sorted by symbol; returns positions and a JSON sample."""
    trades = _parse_trades(text)
    positions = {}
    for trade in sorted(trades):
        positions.setdefault(trade.symbol, []).append(trade)
    summary = {symbol: sum(t.quantity * t.price for t in items) for symbol, items in positions.items()}
    sample = json.dumps([dataclasses.asdict(t) for t in trades[:20]])
    return summary, sample


# --- a log-processing pipeline of generators ---

def _log_lines(n):
    levels = ("INFO", "INFO", "WARNING", "ERROR", "DEBUG")
    modules = ("api", "db", "auth", "worker")
    return ([f"2026-01-01T00:{i // 60 % 60:02d}:{i % 60:02d} {levels[i % 5]} {modules[i % 4]} event number {i}\n"
             for i in range(n)],)


def strip_lines(lines):
    for line in lines:
        yield line.rstrip("\n")


def parse_log(lines):
    for line in lines:
        parts = line.split(" ", 3)
        if len(parts) == 4:
            yield {"ts": parts[0], "level": parts[1], "module": parts[2], "message": parts[3]}


def error_summary(lines):
    """Counts errors per module through a chain of generators; returns the five most common."""
    records = parse_log(strip_lines(lines))
    errors = (record for record in records if record["level"] == "ERROR")
    counts = collections.Counter(record["module"] for record in errors)
    return counts.most_common(5)


# --- paging through an API ---

class FakeApi:
    def __init__(self, total, page_size=50):
        self.total = total
        self.page_size = page_size

    def get(self, url, params):
        start = params.get("offset", 0)
        end = min(start + self.page_size, self.total)
        items = [{"id": i, "url": f"{url}/{i}", "tags": ["a", "b"]} for i in range(start, end)]
        return json.dumps({"items": items, "next": end if end < self.total else None})


def paginate(api, url):
    params = {"offset": 0}
    while True:
        page = json.loads(api.get(url, params))
        yield from page["items"]
        if page["next"] is None:
            return
        params = {"offset": page["next"]}


def fetch_all_items(n):
    """Collects the ids of every item of a paginated API (50 per page); returns them."""
    api = FakeApi(n)
    return [item["id"] for item in paginate(api, "/items")]


# --- a line protocol as a state machine ---

class LineProtocol:
    """An SMTP-like session that keeps its state handlers as bound methods in a dict on itself."""

    def __init__(self, peer):
        self.peer = peer
        self.state = "greeting"
        self.envelope = []
        self.handlers = {"greeting": self.on_greeting, "command": self.on_command, "closing": self.on_closing}

    def feed(self, line):
        return self.handlers[self.state](line)

    def on_greeting(self, line):
        self.state = "command"
        return f"250 hello {self.peer}"

    def on_command(self, line):
        if line == "QUIT":
            self.state = "closing"
            return "221 bye"
        self.envelope.append(line)
        return "250 ok"

    def on_closing(self, line):
        return None


def serve_sessions(n):
    """Runs n short protocol sessions, one LineProtocol each; returns how many replies were sent."""
    replies = 0
    for i in range(n):
        protocol = LineProtocol(f"10.0.{i // 256 % 256}.{i % 256}")
        for line in ("HELO client", f"MAIL FROM:<u{i}@example.com>", "RCPT TO:<ops@example.com>", "QUIT"):
            if protocol.feed(line) is not None:
                replies += 1
    return replies


# --- a task queue with done-callbacks ---

class Task:
    def __init__(self, fn, args):
        self.fn = fn
        self.args = args
        self.result = None
        self.exception = None
        self._callbacks = []

    def add_done_callback(self, callback):
        self._callbacks.append(callback)

    def run(self):
        try:
            self.result = self.fn(*self.args)
        except Exception as exc:
            self.exception = exc
        for callback in self._callbacks:
            callback(self)
        self._callbacks.clear()


class Worker:
    def __init__(self):
        self.queue = collections.deque()
        self.results = {}
        self.failed = []

    def submit(self, fn, *args):
        task = Task(fn, args)
        task.add_done_callback(self._on_done)
        self.queue.append(task)
        return task

    def _on_done(self, task):
        if task.exception is None:
            self.results[task.args] = task.result
        else:
            self.failed.append(task)

    def run_all(self):
        while self.queue:
            self.queue.popleft().run()


def _thumbnail_size(width, height):
    if width == 0:
        raise ValueError("empty image")
    scale = 128 / max(width, height)
    return (round(width * scale), round(height * scale))


def process_thumbnails(n):
    """Queues n thumbnail jobs on a worker and runs them; returns the results and the failure count."""
    worker = Worker()
    for i in range(n):
        worker.submit(_thumbnail_size, i % 50, 40)
    worker.run_all()
    return worker.results, len(worker.failed)


# --- a store whose widgets subscribe and unsubscribe ---

class Store:
    def __init__(self):
        self.state = {}
        self._listeners = []

    def subscribe(self, listener):
        self._listeners.append(listener)

        def unsubscribe():
            self._listeners.remove(listener)
        return unsubscribe

    def dispatch(self, key, value):
        self.state[key] = value
        for listener in list(self._listeners):
            listener(key, value)


class Widget:
    def __init__(self, store, key):
        self.key = key
        self.text = ""
        self._unsubscribe = store.subscribe(self.on_change)

    def on_change(self, key, value):
        if key == self.key:
            self.text = f"{key}: {value}"

    def destroy(self):
        self._unsubscribe()
        self._unsubscribe = None


def render_dashboard(n):
    """n widgets subscribe to a store, get 20 updates and are destroyed (unsubscribed); returns their texts."""
    store = Store()
    widgets = [Widget(store, f"metric{i % 20}") for i in range(n)]
    for k in range(20):
        store.dispatch(f"metric{k}", k * 1.5)
    texts = [widget.text for widget in widgets]
    for widget in widgets:
        widget.destroy()
    return texts


# --- a config tree whose nodes refer to their parent weakly ---

class ConfigNode:
    def __init__(self, name, parent=None, value=None):
        self.name = name
        self.value = value
        self.children = {}
        self._parent = weakref.ref(parent) if parent is not None else None
        if parent is not None:
            parent.children[name] = self

    @property
    def parent(self):
        return self._parent() if self._parent is not None else None

    def path(self):
        parts = []
        node = self
        while node is not None and node.parent is not None:
            parts.append(node.name)
            node = node.parent
        return ".".join(reversed(parts))


def _build_node(name, data, parent):
    node = ConfigNode(name, parent, None if isinstance(data, dict) else data)
    if isinstance(data, dict):
        for key, value in data.items():
            _build_node(key, value, node)
    return node


def _leaves(node):
    if not node.children:
        yield node
    for child in node.children.values():
        yield from _leaves(child)


def config_paths(data):
    """Builds a node tree from nested settings (weak parent links) and lists every leaf's dotted path."""
    root = _build_node("", data, None)
    return [f"{leaf.path()}={leaf.value}" for leaf in _leaves(root)]


# --- a template engine ---

class Template:
    _pattern = re.compile(r"\{\{\s*(\w+(?:\.\w+)*)\s*\}\}")

    def __init__(self, source):
        self.parts = self._pattern.split(source)

    def render(self, context):
        out = []
        for index, part in enumerate(self.parts):
            if index % 2:
                value = context
                for attr in part.split("."):
                    value = value[attr] if isinstance(value, dict) else getattr(value, attr)
                out.append(html.escape(str(value)))
            else:
                out.append(part)
        return "".join(out)


def render_emails(n):
    """Renders one notification template for n orders; returns the rendered texts."""
    template = Template("Hello {{ user.name }},\nyour order {{ order.number }} of {{ order.total }} EUR ships today.\n")
    return [template.render({"user": {"name": f"user<{i}>"}, "order": {"number": i, "total": f"{i * 1.5:.2f}"}})
            for i in range(n)]


# --- a CSV sales report ---

def _sales_rows(n):
    return ([{"region": f"region{i % 12}", "product": f"p{i % 40}", "amount": (i * 31) % 100} for i in range(n)],)


def sales_report(rows):
    """Writes a per-region report: totals, then every sale sorted by amount; returns the CSV text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["region", "product", "amount"])
    writer.writeheader()
    by_region = sorted(rows, key=operator.itemgetter("region"))
    for region, sales in itertools.groupby(by_region, key=operator.itemgetter("region")):
        sales = sorted(sales, key=operator.itemgetter("amount"), reverse=True)
        writer.writerow({"region": region, "product": "TOTAL", "amount": sum(s["amount"] for s in sales)})
        writer.writerows(sales)
    return out.getvalue()


# --- payload validation that keeps the errors ---

class ValidationError(ValueError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


def _require(payload, field, kind):
    if field not in payload:
        raise ValidationError(field, "missing")
    if not isinstance(payload[field], kind):
        raise ValidationError(field, f"expected {kind.__name__}")
    return payload[field]


def _validate_user(payload):
    return {"name": _require(payload, "name", str), "age": _require(payload, "age", int)}


def _payloads(n):
    return ([{"name": f"user{i}", "age": i % 90} if i % 5 else {"name": f"user{i}", "age": str(i)} if i % 2
             else {"age": i} for i in range(n)],)


def validate_payloads(payloads):
    """Validates user payloads, keeping each error with its index; returns the valid count and the messages."""
    valid = []
    errors = []
    for index, payload in enumerate(payloads):
        try:
            valid.append(_validate_user(payload))
        except ValidationError as exc:
            errors.append((index, exc))
    return len(valid), [f"{index}: {exc}" for index, exc in errors]


def _settings(n):
    return ({f"service{i}": {"url": f"https://svc{i}.internal", "timeout": i % 60, "retries": {"max": 3, "backoff": 0.5}}
             for i in range(n // 5)},)


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "serve_traffic", "invoice_totals", "cache_invalidation", "weak_cache_invalidation", "import_events",
    "cached_profile_lookups", "sync_accounts", "save_documents", "audit_requests", "fetch_all_items",
    "serve_sessions", "process_thumbnails", "render_dashboard", "render_emails"]}
MEASURE["active_customers"] = ("len(rows)", _customer_rows)
MEASURE["export_all_formats"] = ("len(rows)", lambda n: ([(i, f"name{i}", i * 0.5) for i in range(n)],))
MEASURE.update({name: ("len(source)", lambda n: (_source(n * 10),), lambda n: len(_source(n * 10)))
                for name in ["tokenize_source", "parse_assignments"]})
MEASURE["parse_env"] = ("len(text)", lambda n: (_env_text(n * 10),), lambda n: len(_env_text(n * 10)))
MEASURE["position_report"] = ("len(text)", lambda n: (_trades_text(n * 10),), lambda n: len(_trades_text(n * 10)))
MEASURE["error_summary"] = ("len(lines)", _log_lines)
MEASURE["config_paths"] = ("len(data)", _settings, lambda n: n // 5)
MEASURE["sales_report"] = ("len(rows)", _sales_rows)
MEASURE["validate_payloads"] = ("len(payloads)", _payloads)
SIZES = (100, 1000, 10000)
