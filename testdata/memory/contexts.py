"""Context managers of the module's own classes: transactions and tracing spans whose __exit__ clears
(or forgets to clear) the links __enter__ made, ExitStack callbacks, @contextmanager generators,
and recorders that keep the exceptions they swallow, as unittest's subTest does.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import contextlib
import io
import traceback


class Connection:
    def __init__(self, dsn):
        self.dsn = dsn
        self.active = None
        self.committed = 0


class Transaction:
    """Marks itself active on the connection for the duration of the block."""

    def __init__(self, connection):
        self.connection = connection
        self.pending = []

    def __enter__(self):
        self.connection.active = self
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.connection.committed += len(self.pending)
        self.connection.active = None
        return False

    def insert(self, row):
        self.pending.append(row)


class SloppyTransaction(Transaction):
    """The same transaction whose __exit__ commits but leaves itself active on the connection."""

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.connection.committed += len(self.pending)
        return False


class Span:
    def __init__(self, tracer, name, parent):
        self.tracer = tracer
        self.name = name
        self.parent = parent

    def __enter__(self):
        self.tracer.current = self
        return self

    def __exit__(self, exc_type, exc, tb):
        self.tracer.current = self.parent
        self.tracer.finished.append(self)
        return False


class Tracer:
    """An OpenTelemetry-style tracer: finished spans are kept and point back to the tracer."""

    def __init__(self):
        self.current = None
        self.finished = []

    def span(self, name):
        return Span(self, name, self.current)


class SpanRecord:
    def __init__(self, name, parent_name):
        self.name = name
        self.parent_name = parent_name


class LightTracer:
    """Keeps finished spans as records that do not point back to the tracer."""

    def __init__(self):
        self.current = None
        self.finished = []

    @contextlib.contextmanager
    def span(self, name):
        parent = self.current
        self.current = name
        try:
            yield name
        finally:
            self.current = parent
            self.finished.append(SpanRecord(name, parent))


class Workspace:
    """Registers its own cleanup with an ExitStack it owns."""

    def __init__(self):
        self._stack = contextlib.ExitStack()
        self._stack.callback(self._cleanup)
        self.buffers = []

    def _cleanup(self):
        self.buffers.clear()

    def open_buffer(self):
        buffer = io.StringIO()
        self.buffers.append(buffer)
        return buffer

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return self._stack.__exit__(*exc_info)


class Recorder:
    """Swallows an exception raised in its block and keeps it for the final report (like subTest)."""

    def __init__(self):
        self.failures = []

    @contextlib.contextmanager
    def case(self, name):
        try:
            yield
        except ValueError as exc:
            self.failures.append((name, exc))


class TextRecorder:
    """The same recorder keeping the formatted exception instead."""

    def __init__(self):
        self.failures = []

    def case(self, name):
        return _TextCase(self, name)


class _TextCase:
    def __init__(self, recorder, name):
        self.recorder = recorder
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, ValueError):
            self.recorder.failures.append((self.name, "".join(traceback.format_exception_only(exc_type, exc))))
            return True
        return False


def _check(value):
    if value % 5 == 0:
        raise ValueError(f"{value} is a multiple of five")
    return value


def bulk_insert(n):
    """Inserts n rows inside a transaction block; returns the committed count."""
    connection = Connection("sqlite://")
    with Transaction(connection) as tx:
        for i in range(n):
            tx.insert((i, f"name{i}"))
    return connection.committed


def bulk_insert_sloppy(n):
    """The same block with a transaction that stays active on the connection after __exit__."""
    connection = Connection("sqlite://")
    with SloppyTransaction(connection) as tx:
        for i in range(n):
            tx.insert((i, f"name{i}"))
    return connection.committed


def traced_requests(n):
    """Handles n requests, each in a tracing span that the tracer keeps; returns the span names."""
    tracer = Tracer()
    with tracer.span("server"):
        for i in range(n):
            with tracer.span(f"request {i}"):
                pass
    return [span.name for span in tracer.finished]


def traced_requests_light(n):
    """The same spans recorded by a tracer that keeps plain records; returns the span names."""
    tracer = LightTracer()
    with tracer.span("server"):
        for i in range(n):
            with tracer.span(f"request {i}"):
                pass
    return [record.name for record in tracer.finished]


def render_in_workspace(n):
    """Writes n lines into a buffer of a workspace used as a context manager; returns the text length."""
    with Workspace() as workspace:
        buffer = workspace.open_buffer()
        for i in range(n):
            buffer.write(f"line {i}\n")
        size = len(buffer.getvalue())
    return size


def render_without_closing(n):
    """The same workspace used without its with block, so its ExitStack never runs."""
    workspace = Workspace()
    buffer = workspace.open_buffer()
    for i in range(n):
        buffer.write(f"line {i}\n")
    return len(buffer.getvalue())


def run_cases(n):
    """Runs n checks, each in a recorder block that keeps the exception it swallowed; returns the failures."""
    recorder = Recorder()
    for i in range(n):
        with recorder.case(f"case {i}"):
            _check(i)
    return len(recorder.failures)


def run_cases_as_text(n):
    """The same checks with a recorder keeping the formatted message; returns the failures (a new list)."""
    recorder = TextRecorder()
    for i in range(n):
        with recorder.case(f"case {i}"):
            _check(i)
    return recorder.failures


def capture_output(n):
    """Collects what a printing helper writes by redirecting stdout to a StringIO; returns the text."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for i in range(n):
            print("value", i)
    return out.getvalue()


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "bulk_insert", "bulk_insert_sloppy", "traced_requests", "traced_requests_light", "render_in_workspace",
    "render_without_closing", "run_cases", "run_cases_as_text", "capture_output"]}
SIZES = (100, 1000, 10000)
