"""Raising an exception held in a local: a parser's error helper that builds the exception, sets its
position and raises it (xml.etree's _raiseerror), a future-like result() that raises the error it
made (asyncio's Future.result), a re-raise helper given the exception, and the forms that raise
without a local or set it to None in finally (as CPython's own code does). A retry loop, a
generator, an error stored on an argument, a class in a local and del in finally are verdicts in
src/test/resources/memory/runtime_objects.py instead: their peaks are out of the estimator's reach.

The raising frame's traceback entry refers to the frame, and the frame's local to the exception:
a cycle once the catcher drops it.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""


class ParseError(ValueError):
    """A parse error that says where it happened."""

    lineno = 0


class CancelledJob(Exception):
    pass


def _raise_parse_error(lineno, text):
    err = ParseError(f"line {lineno}: expected key = value, got {text!r}")
    err.lineno = lineno
    raise err


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


def _setting_line(i):
    """Line i of a settings file: every third one is malformed."""
    return f"key{i} = value {i}" if i % 3 else f"key{i} value {i}"


def parse_settings(n):
    """Parses n lines whose error helper raises the exception it keeps in a local; returns the bad count and settings."""
    settings = {}
    bad = 0
    for lineno in range(n):
        try:
            key, value = _split_setting(lineno, _setting_line(lineno))
        except ParseError:
            bad += 1
            continue
        settings[key] = value
    return bad + len(settings)


def parse_settings_released(n):
    """The same parser whose helper sets its local to None in finally; returns the bad count and settings."""
    settings = {}
    bad = 0
    for lineno in range(n):
        key, sep, value = _setting_line(lineno).partition("=")
        try:
            if not sep:
                _raise_parse_error_released(lineno, key)
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


def job_results(n):
    """Runs n jobs, a quarter cancelled, collecting each result (None when cancelled); result() raises a local."""
    jobs = [Job(f"job{i}", i % 4 == 0) for i in range(n)]
    results = []
    for job in jobs:
        try:
            results.append(job.result())
        except CancelledJob:
            results.append(None)
    return results


def job_results_directly(n):
    """The same, through a result() that raises the exception it made without naming it."""
    jobs = [Job(f"job{i}", i % 4 == 0) for i in range(n)]
    results = []
    for job in jobs:
        try:
            results.append(job.result_directly())
        except CancelledJob:
            results.append(None)
    return results


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


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "parse_settings", "parse_settings_released", "job_results", "job_results_directly", "convert_all",
    "convert_all_released"]}
SIZES = (100, 1000, 10000)
