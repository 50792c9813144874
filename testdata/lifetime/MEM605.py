import logging
import sys

LAST_ERROR = None
FAILURES = []


class Job:
    def __init__(self, fn):
        self.fn = fn
        self.error = None
        self.errors = []

    def run(self):
        try:
            return self.fn()
        except Exception as exc:
            self.error = exc  # expect: MEM605
            self.errors.append(exc)  # expect: MEM605


def attempt(fn):
    global LAST_ERROR
    try:
        fn()
    except ValueError as e:
        LAST_ERROR = e  # expect: MEM605
        FAILURES.append(e)  # expect: MEM605


def serve(next_job):
    while True:  # the frame lives on: each traceback stays until the next failure or collection
        try:
            next_job()()
        except Exception:
            info = sys.exc_info()  # expect: MEM605
            logging.error("failed: %s", info[1])


def lines_of(fns):
    for fn in fns:
        try:
            fn()
        except Exception as e:
            tb = e.__traceback__  # expect: MEM605
            yield tb.tb_lineno


def traceback_of(fn):
    try:
        fn()
    except Exception as e:
        tb = e.__traceback__  # one call: the frame dies at once, the collector frees the cycle soon
        return tb.tb_lineno


# Clean look-alikes below.

class Quiet:
    def run(self, fn):
        try:
            fn()
        except Exception as exc:
            self.message = str(exc)  # only the text is kept
            self.kind = type(exc)


def cleared(fn):
    try:
        fn()
    except Exception:
        info = sys.exc_info()
        try:
            logging.error("failed: %s", info[1])
        finally:
            del info


def stripped(fn):
    global LAST_ERROR
    try:
        fn()
    except Exception as e:
        LAST_ERROR = e.with_traceback(None)


def reraised(fn):
    err = None
    for attempt_no in range(3):
        try:
            return fn()
        except OSError as e:
            err = e  # cleared with `err = None` elsewhere in the function
    try:
        raise err
    finally:
        err = None


def outside_handler(self_, value):
    self_.error = value  # not an exception we know of


def local_list(fn):
    errors = []
    try:
        fn()
    except Exception as e:
        errors.append(e)  # a local list: the caller decides
    return errors


def cleared_before_only(fns):
    for fn in fns:
        err = None  # cleared before the store: does not count
        try:
            fn()
        except OSError as e:
            err = e  # expect: MEM605
        logging.warning("done")


class Logged:
    def run(self, fn, log):
        try:
            fn()
        except Exception as exc:
            self.failure = exc  # expect: MEM605
            log.error("failed: %s", exc)  # logging only looks at it


class Tracer:
    def run(self, fn):
        try:
            fn()
        except Exception:
            self.trace = sys.exc_info()[2]  # expect: MEM605
            self.kind = sys.exc_info()[0]  # the type keeps no frame

    def summary(self):
        return str(self.trace)  # only formatted: not handed over


# Kept on purpose: handed over, re-raised, returned or exposed.

def retry(fn, attempts):
    last = None
    for _ in range(attempts):
        try:
            return fn()
        except OSError as e:
            last = e  # raised after the loop
    raise last


def first_error(fns):
    for fn in fns:
        try:
            fn()
        except ValueError as e:
            found = e
            return found


def report_later(fn, callback):
    try:
        fn()
    except Exception as e:
        failure = e
    else:
        failure = None
    callback(failure)


class Recorder:
    def run(self, fn):
        try:
            fn()
        except Exception as exc:
            self.last = exc
            raise  # re-raised: the caller gets it anyway


class Task:
    def __init__(self, fn, done):
        self.fn = fn
        self.done = done
        self._exception = None

    def run(self):
        try:
            self.fn()
        except Exception as exc:
            self._exception = exc  # exception() hands it out: an API, as concurrent.futures'
        self.done(self)

    def exception(self):
        return self._exception


class Deferred:
    def __init__(self, fn):
        self.fn = fn
        self._error = None

    def start(self):
        try:
            self.fn()
        except Exception as exc:
            self._error = exc  # raised again by wait()

    def wait(self):
        if self._error is not None:
            raise self._error


class RuleContext:
    exception = None


def parse_rule(parser):
    ctx = RuleContext()
    try:
        parser.match()
    except ValueError as re:
        ctx.exception = re  # the context carries it to the caller
        parser.report_error(re)
    return ctx


def notify(self_, fn):
    try:
        fn()
    except Exception as exc:
        self_.error = exc
        self_.on_error(exc)  # passed on to a callback


def record(result, fn):
    try:
        fn()
    except Exception:
        result.error_in_exec = sys.exc_info()[1]  # stored on the caller's result object: its API


class Collector:
    def __init__(self):
        self.errors = []

    def collect(self, fn):
        try:
            fn()
        except ValueError as error:
            self.errors.append(error)  # raised together by finish()

    def finish(self):
        if self.errors:
            raise ExceptionGroup("failed", self.errors)


def wrapped(fn):
    caught = None
    try:
        fn()
    except ValueError as e:
        caught = e
    if caught:
        raise RuntimeError(caught.args)  # read after the handler: kept to be used


class Worker:
    def __init__(self, fn):
        self.fn = fn
        self.outcome = None

    def run(self):
        try:
            self.fn()
        except Exception as exc:
            self.outcome = exc  # read through the worker below: an attribute the module uses


def run_worker(fn):
    worker = Worker(fn)
    worker.run()
    return worker.outcome is None


class Batch:
    def __init__(self):
        self.problems = []

    def step(self, fn):
        try:
            fn()
        except OSError as exc:
            self.problems.append(exc)

    def close(self):
        problems = self.problems  # copied out and raised
        self.problems = None
        if problems:
            raise problems[0]


try:
    import missing_module
except ImportError as exc:
    IMPORT_ERROR = exc  # raised by the method that needs the module
else:
    IMPORT_ERROR = None


class Feature:
    def use(self):
        if IMPORT_ERROR is not None:
            raise IMPORT_ERROR


def probe(fn):
    global LAST_ERROR
    try:
        fn()
    except OSError as e:
        LAST_ERROR = e
    report = repr(LAST_ERROR)
    LAST_ERROR = None  # cleared after the store
    return report
