"""Raising an exception a local holds, in shapes whose peaks the memory suite cannot score
(RaisingLocalsTest). Each function catches what it raises. Verdicts ("leaves cyclic garbage" once
the call returns, its arguments still alive) measured with CPython 3.11.7, 3.12.1 and 3.13.0 under
gc.DEBUG_SAVEALL: see the test.
"""
import concurrent.futures


class ParseError(ValueError):
    lineno = 0


class TransientError(OSError):
    pass


class Connection:
    """A connection whose first sends fail, raising a prepared error."""

    def __init__(self, failures):
        self.failures = failures

    def send(self, payload):
        if self.failures > 0:
            self.failures -= 1
            error = TransientError(f"send of {len(payload)} bytes failed")
            error.errno = 11
            raise error
        return len(payload)

    def send_released(self, payload):
        if self.failures > 0:
            self.failures -= 1
            error = TransientError(f"send of {len(payload)} bytes failed")
            error.errno = 11
            try:
                raise error
            finally:
                del error
        return len(payload)


def send_with_retries(n):
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


def _numbered(lines):
    for lineno, text in enumerate(lines, 1):
        if "=" not in text:
            err = ParseError(f"line {lineno}: expected key = value")
            err.lineno = lineno
            raise err
        yield lineno, text


def read_until_error(n):
    read = 0
    for start in range(n):
        try:
            for lineno, text in _numbered([f"key{start} = 1", "garbage"]):
                read += lineno
        except ParseError:
            continue
    return read


class Outcome:
    """A value or the error that replaced it, as task results keep them."""

    def __init__(self, value=None, error=None):
        self.value = value
        self.error = error

    def unwrap(self):
        error = self.error
        if error is not None:
            raise error
        return self.value


def unwrap_outcomes(outcomes):
    values = []
    for outcome in outcomes:
        try:
            values.append(outcome.unwrap())
        except ValueError:
            values.append(-1)
    return values


def unwrap_new_outcomes(n):
    outcomes = [Outcome(error=ValueError(i)) if i % 5 == 0 else Outcome(value=i) for i in range(n)]
    return unwrap_outcomes(outcomes)


def _check_level(level, strict):
    error = LookupError if strict else ValueError
    if level not in (0, 10, 20, 30, 40, 50):
        raise error
    return level


def check_levels(n):
    valid = 0
    for i in range(n):
        try:
            valid += _check_level(i, i % 2 == 0) >= 0
        except (LookupError, ValueError):
            continue
    return valid


def _cancelled(flag):
    if flag:
        exc = ParseError("cancelled")
        return exc
    raise exc  # bound only on the other path: an UnboundLocalError is raised


def unbound_on_this_path(n):
    failures = 0
    for i in range(n):
        try:
            _cancelled(False)
        except UnboundLocalError:
            failures += 1
    return failures


def reraise_in_handler(n):
    caught = 0
    for i in range(n):
        try:
            try:
                int("x%d" % i)
            except ValueError as e:
                raise e
        except ValueError:
            caught += 1
    return caught


def raise_and_catch_here(n):
    caught = 0
    for i in range(n):
        err = ParseError(f"bad {i}")
        try:
            raise err
        except ParseError:
            caught += 1
    return caught


class Task:
    """Raises, when cancelled, the error cancel() left or a new one (asyncio's Future.result)."""

    def __init__(self, cancelled_exc=None):
        self._cancelled_exc = cancelled_exc

    def _make_cancelled_error(self):
        if self._cancelled_exc is not None:
            exc = self._cancelled_exc
            self._cancelled_exc = None
            return exc
        exc = concurrent.futures.CancelledError()
        exc.__context__ = self._cancelled_exc
        return exc

    def result(self):
        exc = self._make_cancelled_error()
        raise exc


def cancelled_results(n):
    caught = 0
    for i in range(n):
        try:
            Task().result()
        except concurrent.futures.CancelledError:
            caught += 1
    return caught


class ParsingError(Exception):
    def __init__(self, source):
        super().__init__(source)
        self.errors = []

    def append(self, lineno, line):
        self.errors.append((lineno, line))


class Parser:
    """Collects every bad line's error in one exception, raised at the end (configparser's _read)."""

    def read_lines(self, lines):
        self._read(lines, "<lines>")

    def _read(self, lines, source):
        e = None
        for lineno, line in enumerate(lines, start=1):
            if not line:
                e = self._handle_error(e, source, lineno, line)
            elif "=" not in line:
                e = self._handle_error(e, source, lineno, line)
        if e:
            raise e

    def _handle_error(self, exc, source, lineno, line):
        if not exc:
            exc = ParsingError(source)
        exc.append(lineno, repr(line))
        return exc


def read_bad_configs(n):
    parser = Parser()
    failures = 0
    for i in range(n):
        try:
            parser.read_lines(["", "x", "a = 1"])
        except ParsingError:
            failures += 1
    return failures


def _lookup(name):
    if not name.isidentifier():
        raise ValueError(name)
    return name


def kept_then_cleared(n):
    found = 0
    for i in range(n):
        error = None
        try:
            _lookup("bad name %d" % i)
        except ValueError as e:
            error = e
        found += error is not None
        error = None
    return found


def fall_back_then_raise_saved(n):
    """framework_find's shape: keep the first failure, try again, raise it in finally's reach."""
    failures = 0
    for i in range(n):
        error = None
        try:
            try:
                _lookup("bad %d" % i)
            except ValueError as e:
                error = e
            try:
                _lookup("worse %d" % i)
            except ValueError:
                raise error
            finally:
                error = None
        except ValueError:
            failures += 1
    return failures


VERDICTS = ["send_with_retries", "send_with_retries_released", "read_until_error", "unwrap_outcomes",
            "unwrap_new_outcomes", "check_levels", "unbound_on_this_path", "reraise_in_handler", "raise_and_catch_here", "cancelled_results",
            "read_bad_configs", "kept_then_cleared", "fall_back_then_raise_saved"]
