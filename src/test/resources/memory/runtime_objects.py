"""Cycles made without a store, and cycles broken (RuntimeObjectsTest; verdicts from CPython 3.12)."""
import sys, inspect, weakref, collections, email.message, functools
from collections import namedtuple

class Session:
    def __init__(self):
        self.conns = []
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.conns.clear()
        return False

class Conn:
    def __init__(self, session):
        self.session = session
        session.conns.append(self)

class Streamer:
    def __init__(self, items):
        self.items = items
        self.gen = self._produce()
    def _produce(self):
        for x in self.items:
            yield x

def with_clears(n):
    with Session() as s:
        for i in range(n):
            Conn(s)
    return 0

def without_with(n):
    s = Session()
    for i in range(n):
        Conn(s)
    return 0

def generator_on_self(items):
    s = Streamer(items)
    return 0

def recursive_helper(data):
    def walk(x):
        if isinstance(x, list):
            for y in x:
                walk(y)
    walk(data)
    return 0

def closure_reads_later(n):
    def get():
        return box
    box = [get]
    return 0

def frame_kept(n):
    frame = inspect.currentframe()
    return 0

def frame_deleted(n):
    frame = inspect.currentframe()
    try:
        return 0
    finally:
        del frame

def exc_info_kept(n):
    try:
        1 / 0
    except ZeroDivisionError:
        info = sys.exc_info()
    return 0

def exc_info_class_only(n):
    try:
        1 / 0
    except ZeroDivisionError:
        kind = sys.exc_info()[0]
    return 0

def exc_info_unpacked(n):
    try:
        1 / 0
    except ZeroDivisionError:
        kind, value, tb = sys.exc_info()
    return 0

def make_record_type(n):
    Rec = namedtuple("Rec", "a b")
    return 0

def class_in_function(n):
    class Local:
        pass
    return 0

def weak_values(n):
    cache = weakref.WeakValueDictionary()
    s = Session()
    cache["s"] = s
    s.cache = cache
    return 0

def cleared_list(n):
    a = []
    b = [a]
    a.append(b)
    a.clear()
    return 0

def closure_reads_earlier(n):
    box = [1, 2]
    def get():
        return box
    return len(get())

def finalizer_registered(n):
    s = Session()
    weakref.finalize(s, print, "closed")
    return 0

def exc_info_of_callers_exception(n):
    kind, value, tb = sys.exc_info()
    return 0

def unlinked_in_a_loop(n):
    s = Session()
    for i in range(n):
        Conn(s)
    for c in s.conns:
        c.session = None
    return 0

def unlinked_only_first(n):
    s = Session()
    for i in range(n):
        Conn(s)
    for c in s.conns:
        c.session = None
        break
    return 0

def raise_local(n):
    exc = ValueError("bad %d" % n)
    raise exc

def raise_directly(n):
    raise ValueError("bad %d" % n)

class Tracer:
    def __init__(self):
        self.origin = sys._getframe(1)

class Outer:
    def __init__(self):
        self.origin = sys._getframe(2)

def traced(n):
    tracer = Tracer()
    return 0

def traced_two_up(n):
    tracer = Outer()
    return 0

def own_frame_by_number(n):
    frame = sys._getframe(0)
    return 0

def email_with_header(n):
    message = email.message.EmailMessage()
    message["Subject"] = "report"
    return len(message.as_string())

def email_payload_only(n):
    message = email.message.EmailMessage()
    message.set_payload("body")
    return len(message.as_string())

class ClassRegistry:
    def __getitem__(self, name):
        return type("_" + name, (object,), {})

def class_by_subscript():
    registry = ClassRegistry()
    cls = registry["header"]
    return 0

@functools.lru_cache(maxsize=None)
def cached_class(name):
    return type("_" + name, (object,), {})

def class_from_cache():
    cls = cached_class("header")
    return 0
