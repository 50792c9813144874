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


def debug_info(fn):
    try:
        fn()
    except Exception:
        info = sys.exc_info()  # expect: MEM605
        logging.error("failed: %s", info[1])


def traceback_of(fn):
    try:
        fn()
    except Exception as e:
        tb = e.__traceback__  # expect: MEM605
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
