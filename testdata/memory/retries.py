"""Retry loops around operations that fail a few times: keeping the last exception to re-raise or
report, keeping all of them, storing the error on a client or upload object from inside a helper,
and the forms that keep only what the report needs.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import contextlib


class TransientError(OSError):
    pass


class FlakyService:
    """A fake remote service: the first `failures` calls of each key fail."""

    def __init__(self, failures):
        self.failures = failures
        self.calls = {}

    def fetch(self, key):
        seen = self.calls.get(key, 0)
        self.calls[key] = seen + 1
        if seen < self.failures:
            raise TransientError(f"{key}: try again ({seen})")
        return f"value of {key}"


class Client:
    """An HTTP-client-like wrapper that remembers the last error it saw."""

    def __init__(self, service, attempts=5):
        self.service = service
        self.attempts = attempts
        self.last_error = None
        self.error_count = 0

    def get(self, key):
        for _ in range(self.attempts):
            try:
                return self.service.fetch(key)
            except TransientError as exc:
                self.last_error = exc
                self.error_count += 1
        return None

    def get_counting(self, key):
        for _ in range(self.attempts):
            try:
                return self.service.fetch(key)
            except TransientError:
                self.error_count += 1
        return None


class Upload:
    def __init__(self, name):
        self.name = name
        self.error = None
        self.result = None


def _submit(service, upload):
    try:
        upload.result = service.fetch(upload.name)
    except TransientError as exc:
        upload.error = exc


def _submit_noting(service, upload):
    try:
        upload.result = service.fetch(upload.name)
    except TransientError as exc:
        upload.error = str(exc)


def _try_once(service, key):
    try:
        return service.fetch(key), None
    except TransientError as exc:
        return None, exc


def fetch_with_retry(n):
    """Fetches n keys, retrying each and keeping the last exception to report; returns the values."""
    service = FlakyService(failures=2)
    values = []
    for i in range(n):
        last_error = None
        for attempt in range(5):
            try:
                values.append(service.fetch(f"key{i}"))
                break
            except TransientError as exc:
                last_error = exc
        if last_error is not None and len(values) <= i:
            values.append(None)
    return values


def fetch_with_retry_message(n):
    """The same loop keeping only the last error's message; returns the values."""
    service = FlakyService(failures=2)
    values = []
    for i in range(n):
        last_message = ""
        for attempt in range(5):
            try:
                values.append(service.fetch(f"key{i}"))
                break
            except TransientError as exc:
                last_message = str(exc)
        if last_message and len(values) <= i:
            values.append(None)
    return values


def fetch_all_errors(n):
    """Keeps every exception of every attempt for a final error report; returns how many there were."""
    service = FlakyService(failures=2)
    errors = []
    for i in range(n):
        for attempt in range(5):
            try:
                service.fetch(f"key{i}")
                break
            except TransientError as exc:
                errors.append(exc)
    return len(errors)


def fetch_through_helper(n):
    """Retries through a helper that returns (value, error); the error's traceback ends in the helper."""
    service = FlakyService(failures=2)
    values = []
    for i in range(n):
        for attempt in range(5):
            value, error = _try_once(service, f"key{i}")
            if error is None:
                values.append(value)
                break
    return len(values) + (error is None)


def client_remembers_error(n):
    """A client that stores the last exception on itself while retrying n keys; returns the error count."""
    client = Client(FlakyService(failures=2))
    results = [client.get(f"key{i}") for i in range(n)]
    return client.error_count + len(results)


def client_counts_errors(n):
    """The same client only counting errors; returns the error count."""
    client = Client(FlakyService(failures=2))
    results = [client.get_counting(f"key{i}") for i in range(n)]
    return client.error_count + len(results)


def fetch_suppressing(n):
    """Retries with contextlib.suppress and a success flag; returns the values."""
    service = FlakyService(failures=2)
    values = []
    for i in range(n):
        for attempt in range(5):
            with contextlib.suppress(TransientError):
                values.append(service.fetch(f"key{i}"))
                break
    return values


def submit_uploads(n):
    """Submits n uploads once each through a helper that stores a failure's exception on the upload."""
    service = FlakyService(failures=1)
    uploads = [Upload(f"file{i}") for i in range(n)]
    for upload in uploads:
        _submit(service, upload)
    return sum(u.error is not None for u in uploads)


def submit_uploads_noting(n):
    """The same helper storing the failure's message on the upload instead."""
    service = FlakyService(failures=1)
    uploads = [Upload(f"file{i}") for i in range(n)]
    for upload in uploads:
        _submit_noting(service, upload)
    return sum(u.error is not None for u in uploads)


def backoff_schedule(n):
    """Computes the capped exponential backoff delays of n retries, as urllib3's Retry does; returns them."""
    delays = []
    for attempt in range(n):
        delays.append(min(0.5 * 2 ** min(attempt, 10), 60.0))
    return delays


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "fetch_with_retry", "fetch_with_retry_message", "fetch_all_errors", "fetch_through_helper",
    "client_remembers_error", "client_counts_errors", "fetch_suppressing", "submit_uploads", "submit_uploads_noting",
    "backoff_schedule"]}
SIZES = (100, 1000, 10000)
