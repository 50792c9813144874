"""Raising an exception held in a local: a parser's error helper that builds the exception, sets its
position and raises it (xml.etree's _raiseerror), a future-like result() that raises the error it
made or stored (asyncio's Future.result), a connection that raises a prepared error its retry loop
catches, a re-raise helper given the exception, a generator that raises on bad input, and the forms
that raise without a local or let go of it in finally (as CPython's own code does).

The raising frame's traceback entry refers to the frame, and the frame's local to the exception:
a cycle once the catcher drops it.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""


class ParseError(ValueError):
    """A parse error that says where it happened."""

    lineno = 0


class CancelledJob(Exception):
    pass


class TransientError(OSError):
    pass


def _config_lines(n):
    """n lines of a settings file, every third one malformed."""
    return ([f"key{i} = value {i}" if i % 3 else f"key{i} value {i}" for i in range(n)],)


def _raise_parse_error(lineno, text):
    err = ParseError(f"line {lineno}: expected key = value, got {text!r}")
    err.lineno = lineno
    raise err


def _raise_parse_error_directly(lineno, text):
    raise ParseError(f"line {lineno}: expected key = value, got {text!r}")


def _raise_parse_error_released(lineno, text):
    err = ParseError(f"line {lineno}: expected key = value, got {text!r}")
    err.lineno = lineno
    try:
        raise err
    finally:
        err = None


def _split_setting(lineno, text):
    key, sep, value = text.partition("=")
    if not sep:
        _raise_parse_error(lineno, text)
    return key.strip(), value.strip()


def parse_settings(lines):
    """Parses a settings file whose error helper raises the exception it keeps in a local; returns the bad line count."""
    settings = {}
    bad = 0
    for lineno, text in enumerate(lines, 1):
        try:
            key, value = _split_setting(lineno, text)
        except ParseError:
            bad += 1
            continue
        settings[key] = value
    return bad + len(settings)


def parse_settings_directly(lines):
    """The same parser whose helper raises the new exception directly; returns the bad line count."""
    settings = {}
    bad = 0
    for lineno, text in enumerate(lines, 1):
        key, sep, value = text.partition("=")
        try:
            if not sep:
                _raise_parse_error_directly(lineno, text)
        except ParseError:
            bad += 1
            continue
        settings[key.strip()] = value.strip()
    return bad + len(settings)


def parse_settings_released(lines):
    """The same parser whose helper sets its local to None in finally; returns the bad line count."""
    settings = {}
    bad = 0
    for lineno, text in enumerate(lines, 1):
        key, sep, value = text.partition("=")
        try:
            if not sep:
                _raise_parse_error_released(lineno, text)
        except ParseError:
            bad += 1
            continue
        settings[key.strip()] = value.strip()
    return bad + len(settings)


class Job:
    """A future-like result holder: result() raises when the job was cancelled or failed."""

    def __init__(self, name, cancelled):
        self.name = name
        self.cancelled = cancelled
        self.value = len(name)

    def _cancelled_error(self):
        return CancelledJob(f"{self.name} was cancelled")

    def result(self):
        if self.cancelled:
            exc = self._cancelled_error()
            raise exc
        return self.value

    def result_directly(self):
        if self.cancelled:
            raise self._cancelled_error()
        return self.value


def _jobs(n):
    return ([Job(f"job{i}", i % 4 == 0) for i in range(n)],)


def job_results(jobs):
    """Collects the result of every job, None for a cancelled one; result() raises a local; returns the list."""
    results = []
    for job in jobs:
        try:
            results.append(job.result())
        except CancelledJob:
            results.append(None)
    return results


def job_results_directly(jobs):
    """The same, through a result() that raises the exception it made without naming it."""
    results = []
    for job in jobs:
        try:
            results.append(job.result_directly())
        except CancelledJob:
            results.append(None)
    return results


class Outcome:
    """A value or the error that replaced it, as concurrent futures and task results keep them."""

    def __init__(self, value=None, error=None):
        self.value = value
        self.error = error

    def unwrap(self):
        error = self.error
        if error is not None:
            raise error
        return self.value


def _outcomes(n):
    return ([Outcome(error=ValueError(f"task {i} failed")) if i % 5 == 0 else Outcome(value=i) for i in range(n)],)


def unwrap_outcomes(outcomes):
    """Unwraps task outcomes, counting failures; unwrap() raises the stored error from a local; returns the values."""
    values = []
    for outcome in outcomes:
        try:
            values.append(outcome.unwrap())
        except ValueError:
            values.append(-1)
    return values


class Connection:
    """A connection whose first attempts fail, raising a prepared error."""

    def __init__(self, failures):
        self.failures = failures

    def send(self, payload):
        if self.failures > 0:
            self.failures -= 1
            error = TransientError(f"send of {len(payload)} bytes failed; {self.failures} failures left")
            error.errno = 11
            raise error
        return len(payload)

    def send_released(self, payload):
        if self.failures > 0:
            self.failures -= 1
            error = TransientError(f"send of {len(payload)} bytes failed; {self.failures} failures left")
            error.errno = 11
            try:
                raise error
            finally:
                del error
        return len(payload)


def send_with_retries(n):
    """Sends n messages, each failing twice first, retrying on TransientError; returns the bytes sent."""
    sent = 0
    for i in range(n):
        conn = Connection(failures=2)
        for attempt in range(3):
            try:
                sent += conn.send(b"message %d" % i)
                break
            except TransientError:
                continue
    return sent


def send_with_retries_released(n):
    """The same retry loop over a send() that deletes its local in finally; returns the bytes sent."""
    sent = 0
    for i in range(n):
        conn = Connection(failures=2)
        for attempt in range(3):
            try:
                sent += conn.send_released(b"message %d" % i)
                break
            except TransientError:
                continue
    return sent


def _reraise(exc):
    raise exc


def _reraise_released(exc):
    try:
        raise exc
    finally:
        exc = None


def convert_all(n):
    """Converts n strings, a fifth of them bad, through a helper that raises the error it is given; returns the numbers."""
    numbers = []
    for i in range(n):
        text = "x" if i % 5 == 0 else str(i)
        try:
            if not text.isdigit():
                _reraise(ValueError(f"not a number: {text!r}"))
            numbers.append(int(text))
        except ValueError:
            numbers.append(0)
    return numbers


def convert_all_released(n):
    """The same through a re-raise helper that clears its parameter in finally, as six.reraise does."""
    numbers = []
    for i in range(n):
        text = "x" if i % 5 == 0 else str(i)
        try:
            if not text.isdigit():
                _reraise_released(ValueError(f"not a number: {text!r}"))
            numbers.append(int(text))
        except ValueError:
            numbers.append(0)
    return numbers


def _check_level(level, strict):
    error = LookupError if strict else ValueError
    if level not in (0, 10, 20, 30, 40, 50):
        raise error
    return level


def check_levels(n):
    """Checks n log levels, most invalid, with a helper that raises an exception class held in a local."""
    valid = 0
    for i in range(n):
        try:
            valid += _check_level(i, i % 2 == 0) >= 0
        except (LookupError, ValueError):
            continue
    return valid


def _numbered(lines):
    for lineno, text in enumerate(lines, 1):
        if "=" not in text:
            err = ParseError(f"line {lineno}: expected key = value")
            err.lineno = lineno
            raise err
        yield lineno, text


def read_until_error(n):
    """Reads settings from a generator that raises a local exception at the first bad line, n // 3 times."""
    read = 0
    for start in range(0, n, 3):
        lines = [f"key{start} = 1", f"key{start + 1} = 2", "garbage"]
        try:
            for lineno, text in _numbered(lines):
                read += lineno
        except ParseError:
            continue
    return read


MEASURE = {name: ("len(lines)", _config_lines) for name in [
    "parse_settings", "parse_settings_directly", "parse_settings_released"]}
MEASURE.update({name: ("len(jobs)", _jobs) for name in ["job_results", "job_results_directly"]})
MEASURE["unwrap_outcomes"] = ("len(outcomes)", _outcomes)
MEASURE.update({name: ("n", lambda n: (n,)) for name in [
    "send_with_retries", "send_with_retries_released", "convert_all", "convert_all_released", "check_levels",
    "read_until_error"]})
SIZES = (100, 1000, 10000)
