"""Frames and tracebacks kept by code: inspect.currentframe() for debugging helpers, sys._getframe()
to name the caller, sys.exc_info() and exceptions collected by validators, error reports holding a
traceback, and the forms that keep only text or summaries.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import inspect
import sys
import traceback


class ValidationError(ValueError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


class ErrorReport:
    """What a test runner keeps about a failure: the exception and its traceback."""

    def __init__(self, name, exc):
        self.name = name
        self.exc_type = type(exc)
        self.traceback = exc.__traceback__


class TextReport:
    """What a log handler keeps about a failure: the formatted text."""

    def __init__(self, name, exc):
        self.name = name
        self.text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class Tracer:
    """Remembers where it was created, as debugging and ORM session helpers do."""

    def __init__(self, label):
        self.label = label
        self.origin = sys._getframe(1)
        self.events = []

    def record(self, event):
        self.events.append((self.origin.f_lineno, event))


def _validate_age(record):
    age = record.get("age")
    if not isinstance(age, int) or age < 0:
        raise ValidationError("age", f"bad value {age!r}")
    return age


def _make_records(n):
    return ([{"name": f"user{i}", "age": i if i % 3 else "?"} for i in range(n)],)


def _caller_name():
    return sys._getframe(2).f_code.co_name


def _debug_locals():
    frame = inspect.currentframe()
    try:
        return sorted(frame.f_back.f_locals)
    finally:
        del frame


def debug_snapshot(n):
    """Keeps the current frame in a local to print where it is, as ad-hoc debugging code does."""
    values = [i * 2 for i in range(n)]
    frame = inspect.currentframe()
    where = f"{frame.f_code.co_name}:{frame.f_lineno}"
    return len(where) + len(values)


def debug_snapshot_released(n):
    """The same, deleting the frame in finally as the inspect documentation advises."""
    values = [i * 2 for i in range(n)]
    frame = inspect.currentframe()
    try:
        where = f"{frame.f_code.co_name}:{frame.f_lineno}"
    finally:
        del frame
    return len(where) + len(values)


def log_from_caller(n):
    """Names its caller through sys._getframe, as logging's findCaller does; returns the messages."""
    messages = []
    for i in range(n):
        messages.append(f"{_caller_name()}: event {i}")
    return messages


def list_local_names(n):
    """A helper reads this frame's locals through f_back and releases its own frame; returns the names."""
    values = list(range(n))
    names = _debug_locals()
    return names + [str(len(values))]


def trace_steps(n):
    """A tracer that keeps the frame it was made in (this one, whose locals hold the tracer)."""
    tracer = Tracer("import")
    for i in range(n):
        tracer.record(f"step {i}")
    return len(tracer.events)


def validate_all(records):
    """A validator that collects the exceptions raised for bad records; returns the error count."""
    errors = []
    for record in records:
        try:
            _validate_age(record)
        except ValidationError as exc:
            errors.append(exc)
    return len(errors)


def validate_all_messages(records):
    """The same validator keeping (field, message) pairs; returns them (a new list)."""
    errors = []
    for record in records:
        try:
            _validate_age(record)
        except ValidationError as exc:
            errors.append((exc.field, str(exc)))
    return errors


def first_failure_info(records):
    """Keeps sys.exc_info() of the first failure, as old-style error handlers do; returns the field name."""
    failure = None
    for record in records:
        try:
            _validate_age(record)
        except ValidationError:
            failure = sys.exc_info()
            break
    return failure[1].field if failure else None


def failure_summaries(records):
    """Keeps a traceback.TracebackException (frame summaries, no frames) per failure; returns the count."""
    summaries = []
    for record in records:
        try:
            _validate_age(record)
        except ValidationError as exc:
            summaries.append(traceback.TracebackException.from_exception(exc))
    return len(summaries)


def run_checks(records):
    """A test-runner loop keeping an ErrorReport (with the traceback) per failing check."""
    reports = []
    for index, record in enumerate(records):
        try:
            _validate_age(record)
        except ValidationError as exc:
            reports.append(ErrorReport(f"check_{index}", exc))
    return len(reports)


def run_checks_as_text(records):
    """The same loop keeping formatted text per failure; returns the reports (a new list)."""
    reports = []
    for index, record in enumerate(records):
        try:
            _validate_age(record)
        except ValidationError as exc:
            reports.append(TextReport(f"check_{index}", exc))
    return reports


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "debug_snapshot", "debug_snapshot_released", "log_from_caller", "list_local_names", "trace_steps"]}
MEASURE.update({name: ("len(records)", _make_records) for name in [
    "validate_all", "validate_all_messages", "first_failure_info", "failure_summaries", "run_checks"]})
MEASURE["run_checks_as_text"] = ("len(records)", lambda n: _make_records(n // 10), lambda n: n // 10)
SIZES = (100, 1000, 10000)
