"""A holdout for the memory model: 20 cases in the shapes data-processing and tooling code takes, written
after the model and never tuned on (memlint was not run on this file before it was committed): a CSV
ETL step grouping records, a log analyser, a JSON document flattener, a diff of two record lists, a
dependency graph sorted topologically, an LRU cache on an OrderedDict, a plugin registry loading entry
points, a command line parsed by argparse, an event-sourced replay, a rate-limited priority scheduler,
a paragraph wrapper, a chunked copy with a checksum, observers holding their subject strongly and
weakly, an expression tree with parent pointers detached after use, a memoized recursive function,
slotted dataclass readings, a generator pipeline over batches, and retries that keep or drop the last
exception.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import argparse
import collections
import contextlib
import csv
import dataclasses
import functools
import hashlib
import heapq
import io
import itertools
import re
import textwrap
import weakref


# --- an ETL step: CSV text -> records -> groups -> report ---

def _coerce_row(row):
    return {
        "order_id": int(row["order_id"]),
        "region": row["region"].strip().upper(),
        "product": row["product"],
        "quantity": int(row["quantity"]),
        "unit_price": float(row["unit_price"]),
    }


def etl_group_csv(text):
    """Reads orders from CSV text, groups them by region and renders a per-region report."""
    by_region = collections.defaultdict(list)
    rejected = 0
    for row in csv.DictReader(io.StringIO(text)):
        try:
            record = _coerce_row(row)
        except (ValueError, KeyError):
            rejected += 1
            continue
        by_region[record["region"]].append(record)
    out = io.StringIO()
    out.write("region,orders,revenue\n")
    for region in sorted(by_region):
        records = by_region[region]
        revenue = sum(r["quantity"] * r["unit_price"] for r in records)
        out.write(",".join([region, str(len(records)), f"{revenue:.2f}"]) + "\n")
    return out.getvalue(), rejected


def _orders_csv(size):
    lines = ["order_id,region,product,quantity,unit_price"]
    regions = ("eu", "us ", "apac", "latam")
    i = 0
    while sum(map(len, lines)) < size:
        quantity = "x" if i % 97 == 0 else str(i % 9 + 1)
        lines.append(f"{i},{regions[i % 4]},sku-{i % 50:03d},{quantity},{(i % 20) * 1.25:.2f}")
        i += 1
    return "\n".join(lines) + "\n"


# --- a log analyser: regexes, Counter, defaultdict(list) ---

ACCESS_LINE = re.compile(r'(?P<ip>\d+\.\d+\.\d+\.\d+) - - \[(?P<when>[^\]]+)\] "(?P<method>[A-Z]+) (?P<path>\S+) '
                         r'HTTP/1\.[01]" (?P<status>\d{3}) (?P<size>\d+) (?P<ms>\d+)ms')
ID_SEGMENT = re.compile(r"/\d+(?=/|$)")


def analyse_access_log(lines):
    """Counts statuses and endpoints, and lists the slow requests per endpoint, from access-log lines."""
    statuses = collections.Counter()
    endpoints = collections.Counter()
    slow = collections.defaultdict(list)
    unparsed = 0
    for line in lines:
        match = ACCESS_LINE.match(line)
        if match is None:
            unparsed += 1
            continue
        endpoint = ID_SEGMENT.sub("/:id", match["path"].split("?", 1)[0])
        statuses[match["status"]] += 1
        endpoints[(match["method"], endpoint)] += 1
        if int(match["ms"]) > 800:
            slow[endpoint].append((match["when"], int(match["ms"])))
    worst = {endpoint: max(times, key=lambda t: t[1]) for endpoint, times in slow.items()}
    return dict(statuses), endpoints.most_common(5), worst, unparsed


def _access_lines(n):
    paths = ("/api/users/{}", "/api/orders/{}/items", "/static/app.js", "/api/search?q=x{}", "/health")
    return ([f'10.0.{i % 256}.{i % 7} - - [07/Dec/2026:10:{i // 60 % 60:02d}:{i % 60:02d} +0000] '
             f'"{("GET", "POST")[i % 2]} {paths[i % 5].format(i)} HTTP/1.1" {(200, 200, 404, 500)[i % 4]} '
             f'{i * 13 % 5000} {i * 37 % 1200}ms\n' if i % 50 else "garbage line\n" for i in range(n)],)


# --- a JSON document walker flattening nested dicts ---

def _flatten(value, prefix, out):
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _flatten(item, f"{prefix}[{index}]", out)
    else:
        out[prefix] = value


def flatten_document(doc):
    """Flattens a nested JSON-like document into dotted keys, then keeps the settings that differ from defaults."""
    flat = {}
    _flatten(doc, "", flat)
    defaults = {"replicas": 1, "image": "app:latest"}
    return {key: value for key, value in flat.items() if defaults.get(key.rsplit(".", 1)[-1]) != value}


def _compose_document(n):
    return ({f"service{i}": {"image": "app:latest" if i % 3 else f"app:{i}", "replicas": i % 4,
                             "ports": [8000 + i, 9000 + i],
                             "env": {"LOG_LEVEL": "info", "SHARD": str(i % 16)}} for i in range(n // 5)},)


# --- a diff of two record lists by key ---

def diff_records(old, new, key="id"):
    """Returns the keys added and removed and a field-level description of every changed record."""
    before = {record[key]: record for record in old}
    after = {record[key]: record for record in new}
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    changed = []
    for k in sorted(before.keys() & after.keys()):
        a, b = before[k], after[k]
        fields = [f"{name}: {a.get(name)!r} -> {b.get(name)!r}" for name in sorted(a.keys() | b.keys())
                  if a.get(name) != b.get(name)]
        if fields:
            changed.append((k, fields))
    return added, removed, changed


def _record_lists(n):
    old = [{"id": i, "name": f"item{i}", "price": i % 30, "tags": "a,b"} for i in range(n)]
    new = [{"id": i, "name": f"item{i}", "price": i % 30 + (i % 7 == 0), "tags": "a,b" if i % 11 else "a"}
           for i in range(n // 10, n + n // 10)]
    return old, new


# --- a dependency graph and its topological order ---

class Package:
    """A node of the graph: it knows both what it requires and what requires it."""

    def __init__(self, name):
        self.name = name
        self.requires = set()
        self.required_by = set()

    def depends_on(self, other):
        self.requires.add(other)
        other.required_by.add(self)

    def __hash__(self):
        return hash(self.name)

    def __eq__(self, other):
        return self is other


class CycleError(Exception):
    pass


def install_order(n):
    """Builds a graph of n packages, each requiring a few earlier ones, and returns their install order."""
    packages = {f"pkg{i}": Package(f"pkg{i}") for i in range(n)}
    for i in range(1, n):
        for j in {i // 2, i - 1, (i * 7) % i}:
            packages[f"pkg{i}"].depends_on(packages[f"pkg{j}"])
    pending = {package: len(package.requires) for package in packages.values()}
    ready = collections.deque(sorted((p for p, count in pending.items() if count == 0), key=lambda p: p.name))
    order = []
    while ready:
        package = ready.popleft()
        order.append(package.name)
        for dependent in package.required_by:
            pending[dependent] -= 1
            if pending[dependent] == 0:
                ready.append(dependent)
    if len(order) != len(packages):
        raise CycleError("dependency cycle")
    return order


# --- an LRU cache on an OrderedDict ---

class LRUCache:
    def __init__(self, capacity, loader):
        self.capacity = capacity
        self.loader = loader
        self.entries = collections.OrderedDict()
        self.hits = self.misses = 0

    def get(self, key):
        try:
            value = self.entries[key]
        except KeyError:
            self.misses += 1
            value = self.entries[key] = self.loader(key)
            if len(self.entries) > self.capacity:
                self.entries.popitem(last=False)
        else:
            self.hits += 1
            self.entries.move_to_end(key)
        return value


def _render_page(key):
    return f"<html><body>page {key}</body></html>" * 4


def cached_page_views(n):
    """Serves n page views through a 128-entry LRU cache; returns hits, misses and bytes served."""
    cache = LRUCache(128, _render_page)
    served = 0
    for i in range(n):
        key = (i * 7919) % (i // 3 + 50)
        served += len(cache.get(key))
    return cache.hits, cache.misses, served


# --- a plugin registry loading entry points ---

class ExportPlugin:
    def __init__(self, registry, name):
        self.registry = registry
        self.name = name
        self.exported = 0

    def on_record(self, record):
        self.exported += 1
        return f"{self.name}:{record}"


class AuditPlugin(ExportPlugin):
    def on_record(self, record):
        self.exported += 1
        return None if record % 2 else f"audit {record}"


PLUGIN_MODULES = {"memlint_ext.export": {"ExportPlugin": ExportPlugin},
                  "memlint_ext.audit": {"AuditPlugin": AuditPlugin}}


class EntryPoint:
    def __init__(self, name, value, group):
        self.name = name
        self.value = value
        self.group = group

    def load(self):
        module, _, attr = self.value.partition(":")
        return PLUGIN_MODULES[module][attr]


class PluginRegistry:
    def __init__(self):
        self.plugins = {}
        self.hooks = collections.defaultdict(list)

    def load(self, entry_points, group):
        for ep in entry_points:
            if ep.group != group:
                continue
            plugin = ep.load()(self, ep.name)
            self.plugins[ep.name] = plugin
            self.hooks["on_record"].append(plugin.on_record)

    def call(self, hook, *args):
        return [result for result in (fn(*args) for fn in self.hooks[hook]) if result is not None]


def run_plugins(n):
    """Loads n plugins from entry points, each keeping its registry, and calls their hook on 20 records."""
    entry_points = [EntryPoint(f"plugin{i}", "memlint_ext.audit:AuditPlugin" if i % 3 == 0
                               else "memlint_ext.export:ExportPlugin", "memlint.exporters" if i % 10 else "other")
                    for i in range(n)]
    registry = PluginRegistry()
    registry.load(entry_points, "memlint.exporters")
    produced = 0
    for record in range(20):
        produced += len(registry.call("on_record", record))
    return len(registry.plugins), produced


# --- a command line parsed by argparse ---

def _build_parser():
    parser = argparse.ArgumentParser(prog="lint", description="Checks files.")
    parser.add_argument("files", nargs="*", help="files to check")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    parser.add_argument("-o", "--output", default="-")
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("-D", "--define", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--jobs", type=int, default=1)
    return parser


def parse_command_line(argv):
    """Parses a generated argv and turns it into the run's settings."""
    options = _build_parser().parse_args(argv)
    defines = dict(item.partition("=")[::2] for item in options.define)
    files = [path for path in options.files if not any(path.endswith(suffix) for suffix in options.exclude)]
    return {"files": files, "defines": defines, "verbose": options.verbose, "jobs": options.jobs,
            "output": options.output}


def _argv(n):
    argv = ["-vv", "--jobs", "4", "-o", "report.txt", "--exclude", ".pyc"]
    for i in range(n // 50):
        argv += ["-D", f"key{i}=value{i}"]
    return argv + [f"src/pkg/module{i}.py" if i % 9 else f"build/module{i}.pyc" for i in range(n - len(argv))]


# --- an event-sourcing replay ---

@dataclasses.dataclass
class AccountOpened:
    account_id: int
    owner: str


@dataclasses.dataclass
class Deposited:
    account_id: int
    amount: int


@dataclasses.dataclass
class Withdrawn:
    account_id: int
    amount: int


class Account:
    def __init__(self, account_id):
        self.account_id = account_id
        self.owner = None
        self.balance = 0
        self.version = 0

    def apply(self, event):
        getattr(self, "_on_" + type(event).__name__)(event)
        self.version += 1

    def _on_AccountOpened(self, event):
        self.owner = event.owner

    def _on_Deposited(self, event):
        self.balance += event.amount

    def _on_Withdrawn(self, event):
        if event.amount > self.balance:
            raise ValueError(f"overdraft on {self.account_id}")
        self.balance -= event.amount


def _event_stream(n):
    accounts = max(1, n // 10)
    for i in range(n):
        account_id = i % accounts
        if i < accounts:
            yield AccountOpened(account_id, f"owner{account_id}")
        elif i % 3:
            yield Deposited(account_id, i % 100)
        else:
            yield Withdrawn(account_id, i % 150)


def replay_events(n):
    """Rebuilds account aggregates from a stream of n events; rejected events are counted, not applied."""
    aggregates = {}
    rejected = 0
    for event in _event_stream(n):
        account = aggregates.get(event.account_id)
        if account is None:
            account = aggregates[event.account_id] = Account(event.account_id)
        try:
            account.apply(event)
        except ValueError:
            rejected += 1
    return {account_id: a.balance for account_id, a in aggregates.items()}, rejected


# --- a priority scheduler with a sliding-window rate limiter ---

class SlidingWindowLimiter:
    def __init__(self, limit, window):
        self.window = window
        self.calls = collections.deque(maxlen=limit)

    def allow(self, now):
        if len(self.calls) == self.calls.maxlen and now - self.calls[0] < self.window:
            return False
        self.calls.append(now)
        return True


@dataclasses.dataclass
class Job:
    name: str
    priority: int
    attempts: int = 0


@contextlib.contextmanager
def _worker_slot(stats):
    stats["busy"] += 1
    try:
        yield
    finally:
        stats["busy"] -= 1


def run_scheduler(n):
    """Runs n jobs released in bursts of 25 every 3 seconds, by due time and priority, deferring those the
    rate limiter refuses; returns the stats."""
    queue = [(i // 25 * 3.0, i % 5, i, Job(f"job{i}", i % 5)) for i in range(n)]
    heapq.heapify(queue)
    limiter = SlidingWindowLimiter(limit=20, window=1.0)
    stats = {"busy": 0, "run": 0, "deferred": 0}
    seq = n
    while queue:
        due, priority, _, job = heapq.heappop(queue)
        if not limiter.allow(due):
            seq += 1
            job.attempts += 1
            heapq.heappush(queue, (due + 0.05, priority, seq, job))
            stats["deferred"] += 1
            continue
        with _worker_slot(stats):
            stats["run"] += 1
    return stats


# --- a paragraph wrapper and indenter ---

def wrap_paragraphs(paragraphs):
    """Wraps each paragraph to 60 columns, indents quotes and numbers the paragraphs; builds the text with +=."""
    wrapper = textwrap.TextWrapper(width=60, break_long_words=False)
    text = ""
    for number, paragraph in enumerate(paragraphs, 1):
        body = wrapper.fill(" ".join(paragraph.split()))
        if paragraph.startswith(">"):
            body = textwrap.indent(body, "    ")
        text += f"{number}.\n{body}\n\n"
    return text


def _paragraphs(n):
    words = "the quick brown fox jumps over the lazy dog while memory grows and shrinks".split()
    return ([("> " if i % 4 == 0 else "") + " ".join(words[(i + j) % len(words)] for j in range(5 + i % 8))
             for i in range(n // 2)],)


# --- a chunked copy with a checksum ---

def copy_with_checksum(data, chunk_size=4096):
    """Copies a byte stream in chunks into a new buffer, hashing as it goes; returns the digest and size."""
    source = io.BytesIO(data)
    target = io.BytesIO()
    digest = hashlib.sha256()
    while True:
        chunk = source.read(chunk_size)
        if not chunk:
            break
        digest.update(chunk)
        target.write(chunk)
    copied = target.getvalue()
    return digest.hexdigest(), len(copied)


# --- observers: holding the subject strongly, and weakly ---

class Subject:
    def __init__(self):
        self.observers = []
        self.state = 0

    def attach(self, observer):
        self.observers.append(observer)

    def set_state(self, value):
        self.state = value
        for observer in self.observers:
            observer.update()


class Gauge:
    """An observer that reads the subject's state back through its own reference to it."""

    def __init__(self, subject):
        self.subject = subject
        self.readings = 0
        subject.attach(self)

    def update(self):
        self.readings += self.subject.state


class WeakGauge:
    def __init__(self, subject):
        self._subject = weakref.ref(subject)
        self.readings = 0
        subject.attach(self)

    def update(self):
        subject = self._subject()
        if subject is not None:
            self.readings += subject.state


def notify_gauges(n):
    """n subjects with two gauges each, each gauge holding its subject; five updates each."""
    total = 0
    for i in range(n):
        subject = Subject()
        gauges = [Gauge(subject), Gauge(subject)]
        for value in range(5):
            subject.set_state(value + i)
        total += sum(g.readings for g in gauges)
    return total


def notify_weak_gauges(n):
    """As notify_gauges, with gauges that hold their subject through a weak reference."""
    total = 0
    for i in range(n):
        subject = Subject()
        gauges = [WeakGauge(subject), WeakGauge(subject)]
        for value in range(5):
            subject.set_state(value + i)
        total += sum(g.readings for g in gauges)
    return total


# --- an expression tree with parent pointers, detached after use ---

class Expr:
    def __init__(self, op, value=None, children=()):
        self.op = op
        self.value = value
        self.parent = None
        self.children = []
        for child in children:
            self.add(child)

    def add(self, child):
        child.parent = self
        self.children.append(child)

    def replace(self, old, new):
        self.children[self.children.index(old)] = new
        new.parent = self


def _build_sum(lo, hi):
    if hi - lo == 1:
        return Expr("num", lo) if lo % 4 else Expr("var", f"x{lo % 8}")
    mid = (lo + hi) // 2
    return Expr("+" if lo % 3 else "*", children=(_build_sum(lo, mid), _build_sum(mid, hi)))


def _fold(node):
    for child in list(node.children):
        _fold(child)
    if node.children and all(c.op == "num" for c in node.children):
        a, b = (c.value for c in node.children)
        folded = Expr("num", a + b if node.op == "+" else a * b % 1000003)
        parent = node.parent
        _detach(node)
        if parent is not None:
            parent.replace(node, folded)
        return folded
    return node


def _evaluate(node, env):
    if node.op == "num":
        return node.value
    if node.op == "var":
        return env[node.value]
    a, b = (_evaluate(c, env) for c in node.children)
    return (a + b) if node.op == "+" else (a * b) % 1000003


def _detach(root):
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        node.children.clear()
        node.parent = None


def evaluate_expression(n):
    """Builds a balanced expression of n leaves, folds its constants, evaluates it and detaches its nodes."""
    root = _build_sum(0, n)
    folded = _fold(root)
    if folded is not root:
        root = folded
    value = _evaluate(root, {f"x{i}": i + 1 for i in range(8)})
    _detach(root)
    return value


# --- a memoized recursive function ---

def longest_collatz(n):
    """Finds the start below n with the longest Collatz chain, memoizing chain lengths in a nested lru_cache."""
    @functools.lru_cache(maxsize=None)
    def chain_length(k):
        if k == 1:
            return 1
        return 1 + chain_length(k // 2 if k % 2 == 0 else 3 * k + 1)

    best = max(range(1, n), key=chain_length)
    return best, chain_length(best), chain_length.cache_info().currsize


# --- slotted dataclass readings ---

@dataclasses.dataclass(slots=True, frozen=True)
class Reading:
    sensor: str
    timestamp: int
    value: float


def sensor_statistics(lines):
    """Parses sensor lines into slotted readings and returns per-sensor min, max and mean."""
    readings = []
    for line in lines:
        sensor, timestamp, value = line.rstrip("\n").split(";")
        readings.append(Reading(sensor, int(timestamp), float(value)))
    by_sensor = collections.defaultdict(list)
    for reading in readings:
        by_sensor[reading.sensor].append(reading.value)
    return {sensor: (min(values), max(values), sum(values) / len(values)) for sensor, values in by_sensor.items()}


def _sensor_lines(n):
    return ([f"sensor-{i % 12};{1700000000 + i};{(i * 31 % 1000) / 10}\n" for i in range(n)],)


# --- a generator pipeline over batches ---

def _parse_sales(lines):
    for line in lines:
        day, store, amount = line.split(",")
        yield day, store, float(amount)


def daily_totals(batches, top=10):
    """Chains batch files (skipping their headers), groups the sales by day and returns the top days."""
    rows = _parse_sales(itertools.chain.from_iterable(itertools.islice(batch, 1, None) for batch in batches))
    valid = (row for row in rows if row[2] > 0)
    days = itertools.groupby(valid, key=lambda r: r[0])
    totals = ((day, sum(amount for _, _, amount in group)) for day, group in days)
    return heapq.nlargest(top, totals, key=lambda t: t[1])


def _sale_batches(n):
    lines = [f"2026-{1 + i // 3000 % 12:02d}-{1 + i // 100 % 28:02d},store{i % 9},{(i % 50) - 5}.5" for i in range(n)]
    return [["day,store,amount"] + lines[k:k + 100] for k in range(0, n, 100)],


# --- retries keeping the last exception, and dropping it ---

class FlakyTransport:
    """Fails every third URL always and every other URL once."""

    def __init__(self):
        self.attempts = collections.Counter()

    def get(self, url):
        self.attempts[url] += 1
        number = int(url.rsplit("/", 1)[1])
        if number % 3 == 0 or (number % 2 == 0 and self.attempts[url] == 1):
            raise ConnectionError(f"connection reset fetching {url}")
        return f"body of {url}"


class FetchResult:
    def __init__(self, url, body, error):
        self.url = url
        self.body = body
        self.error = error


def _fetch_keeping_error(transport, url, attempts=3):
    last_error = None
    for _ in range(attempts):
        try:
            return FetchResult(url, transport.get(url), None)
        except ConnectionError as exc:
            last_error = exc
    return FetchResult(url, None, last_error)


def fetch_all_keeping_errors(urls):
    """Fetches every URL with three attempts; failures keep their last exception, reported at the end."""
    transport = FlakyTransport()
    results = [_fetch_keeping_error(transport, url) for url in urls]
    failures = [f"{r.url}: {r.error}" for r in results if r.error is not None]
    return sum(len(r.body) for r in results if r.body), failures


def _fetch_dropping_error(transport, url, attempts=3):
    last_error = None
    try:
        for _ in range(attempts):
            try:
                return FetchResult(url, transport.get(url), None)
            except ConnectionError as exc:
                last_error = exc
        return FetchResult(url, None, f"{type(last_error).__name__}: {last_error}")
    finally:
        last_error = None  # on every way out: the exception's traceback holds this frame


def fetch_all_dropping_errors(urls):
    """As fetch_all_keeping_errors, but each failure keeps only its message and drops the exception."""
    transport = FlakyTransport()
    results = [_fetch_dropping_error(transport, url) for url in urls]
    failures = [f"{r.url}: {r.error}" for r in results if r.error is not None]
    return sum(len(r.body) for r in results if r.body), failures


def _urls(n):
    return ([f"https://api.example.com/items/{i}" for i in range(n)],)


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "install_order", "cached_page_views", "run_plugins", "replay_events", "run_scheduler", "notify_gauges",
    "notify_weak_gauges", "evaluate_expression", "longest_collatz"]}
MEASURE["etl_group_csv"] = ("len(text)", lambda n: (_orders_csv(n * 30),), lambda n: len(_orders_csv(n * 30)))
MEASURE["analyse_access_log"] = ("len(lines)", _access_lines)
MEASURE["flatten_document"] = ("len(doc)", _compose_document, lambda n: n // 5)
MEASURE["diff_records"] = ("len(old)", _record_lists)
MEASURE["parse_command_line"] = ("len(argv)", lambda n: (_argv(n),))
MEASURE["wrap_paragraphs"] = ("len(paragraphs)", _paragraphs, lambda n: n // 2)
MEASURE["copy_with_checksum"] = ("len(data)", lambda n: (bytes(range(256)) * (n // 4),), lambda n: 256 * (n // 4))
MEASURE["sensor_statistics"] = ("len(lines)", _sensor_lines)
MEASURE["daily_totals"] = ("len(batches)", _sale_batches, lambda n: len(_sale_batches(n)[0]))
MEASURE.update({name: ("len(urls)", _urls) for name in ["fetch_all_keeping_errors", "fetch_all_dropping_errors"]})
SIZES = (100, 1000, 10000)
