"""Generator functions and generator expressions: readers that keep their own generator, pipelines of
generators consumed at once, coroutines fed with send(), delegation with yield from, and generators
abandoned half way.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import itertools


class LineReader:
    """Wraps a list of lines and hands them out one by one through a generator it keeps."""

    def __init__(self, lines):
        self.lines = lines
        self.position = 0
        self._source = self._produce()

    def _produce(self):
        for line in self.lines:
            self.position += 1
            yield line.rstrip("\n")

    def read_line(self):
        return next(self._source, None)


class BatchReader:
    """Hands out batches, making a fresh generator each time it is asked."""

    def __init__(self, lines):
        self.lines = lines

    def batches(self, size):
        for start in range(0, len(self.lines), size):
            yield self.lines[start:start + size]


class Job:
    def __init__(self, items):
        self.items = items
        self.done = 0
        self.pending = (self.process(item) for item in items)

    def process(self, item):
        self.done += 1
        return item * 2


class Paginator:
    """Fetches fixed-size pages from a result list through iter(callable, sentinel)."""

    def __init__(self, results, page_size):
        self.results = results
        self.page_size = page_size
        self.offset = 0
        self._pages = iter(self._fetch, None)

    def _fetch(self):
        if self.offset >= len(self.results):
            return None
        page = self.results[self.offset:self.offset + self.page_size]
        self.offset += self.page_size
        return page

    def __iter__(self):
        return self._pages


class MetricsSink:
    """Feeds values into a primed coroutine it keeps, as a statistics collector would."""

    def __init__(self):
        self.count = 0
        self.maximum = None
        self._consumer = self._consume()
        next(self._consumer)

    def _consume(self):
        while True:
            value = yield
            self.count += 1
            if self.maximum is None or value > self.maximum:
                self.maximum = value

    def push(self, value):
        self._consumer.send(value)


class Lexer:
    """Splits a source text into word tokens through a generator it keeps."""

    def __init__(self, text):
        self.text = text
        self._tokens = self._scan()

    def _scan(self):
        for word in self.text.split():
            yield word.lower()

    def __iter__(self):
        return self._tokens


class TreeNode:
    def __init__(self, value):
        self.value = value
        self.children = []

    def walk(self):
        yield self.value
        for child in self.children:
            yield from child.walk()


def _strip_comments(lines):
    for line in lines:
        if not line.startswith("#"):
            yield line


def _split_fields(lines):
    for line in lines:
        yield line.split("=", 1)


def _to_settings(pairs):
    for key, value in pairs:
        yield key.strip(), value.strip()


def _averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


def _session_events(session, lines):
    """Yields events and counts them in the session it was given."""
    for line in lines:
        session["seen"] += 1
        yield line.split(" ", 1)[0]


def _numbered(lines):
    for number, line in enumerate(lines, 1):
        yield f"{number:6d}  {line}"


def _make_lines(n):
    return ([f"line {i}\n" for i in range(n)],)


def _make_config(n):
    lines = []
    for i in range(n):
        lines.append(f"# comment {i}" if i % 4 == 0 else f"key{i} = value{i}")
    return (lines,)


def head_lines(lines):
    """Reads the first ten lines through a reader that keeps its own generator; returns them (a new list)."""
    reader = LineReader(lines)
    head = []
    for _ in range(10):
        line = reader.read_line()
        if line is None:
            break
        head.append(line)
    return head


def count_batches(lines):
    """Walks all batches of 50 lines from a fresh generator; returns the batch count."""
    reader = BatchReader(lines)
    count = 0
    for batch in reader.batches(50):
        count += len(batch) > 0
    return count


def run_job(items):
    """A job whose pending work is a generator expression over its own method, run to the end."""
    job = Job(items)
    results = list(job.pending)
    return len(results) + job.done


def run_job_partially(items):
    """Takes the first three results of a job's pending generator expression and drops the job."""
    job = Job(items)
    first = [next(job.pending) for _ in range(3)]
    return sum(first)


def first_page(items):
    """Reads only the first page from a paginator that keeps its own page iterator; returns that page."""
    pages = Paginator(items, 20)
    for page in pages:
        return page
    return []


def all_pages(items):
    """Reads every page from the same paginator until the sentinel; returns the page count."""
    pages = Paginator(items, 20)
    return sum(1 for _ in pages)


def collect_metrics(n):
    """Pushes n readings into a sink that keeps a primed coroutine; returns the maximum."""
    sink = MetricsSink()
    for i in range(n):
        sink.push((i * 37) % 101)
    return sink.maximum


def tokenize_all(text):
    """Reads every token of a lexer that keeps its generator; returns the tokens (a new list)."""
    lexer = Lexer(text)
    return list(lexer)


def peek_session_events(lines):
    """Keeps an event stream in the session dict that the generator updates; returns its first five events."""
    session = {"seen": 0, "events": None}
    session["events"] = _session_events(session, lines)
    first = [next(session["events"]) for _ in range(5)]
    return first


def parse_settings(lines):
    """A config pipeline of three generators consumed into a dict; returns the dict."""
    return dict(_to_settings(_split_fields(_strip_comments(lines))))


def running_average(n):
    """A coroutine fed with send() to keep a running average; returns the averages (a new list)."""
    averager = _averager()
    next(averager)
    averages = []
    for i in range(n):
        averages.append(averager.send(float(i)))
    return averages


def tree_values(n):
    """Flattens a two-level tree with recursive yield from; returns the values (a new list)."""
    root = TreeNode(0)
    for i in range(n):
        branch = TreeNode(i)
        branch.children.append(TreeNode(-i))
        root.children.append(branch)
    return list(root.walk())


def first_match(lines):
    """Finds the first matching numbered line and abandons the generator there; returns the line."""
    numbered = _numbered(lines)
    for line in numbered:
        if "line 5" in line:
            return line
    return None


def numbered_listing(lines):
    """Numbers every line of a listing (a generator consumed by join); returns the text."""
    return "\n".join(_numbered(lines))


def page_through(n):
    """Slices pages of 100 out of a counting generator with islice; returns the page sums."""
    counter = itertools.count()
    sums = []
    for _ in range(n // 100):
        sums.append(sum(itertools.islice(counter, 100)))
    return sums


MEASURE = {name: ("len(lines)", _make_lines) for name in [
    "head_lines", "count_batches", "first_match", "numbered_listing", "peek_session_events"]}
MEASURE["parse_settings"] = ("len(lines)", _make_config)
MEASURE.update({name: ("len(items)", lambda n: (list(range(n)),)) for name in [
    "run_job", "run_job_partially", "first_page", "all_pages"]})
MEASURE["tokenize_all"] = ("len(text)", lambda n: (("Lorem ipsum dolor sit amet " * (n // 27 + 1))[:n],))
MEASURE.update({name: ("n", lambda n: (n,)) for name in [
    "running_average", "tree_values", "page_through", "collect_metrics"]})
SIZES = (100, 1000, 10000)
