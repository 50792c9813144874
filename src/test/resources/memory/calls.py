"""Calls the heap analysis follows or knows to keep nothing (CallModelTest; verdicts from CPython 3.12)."""
import logging
log = logging.getLogger(__name__)

class Registry:
    def __init__(self):
        self.items = {}
    def add(self, key, obj):
        self.items[key] = obj

registry = Registry()

class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
        self.on_done = None

def logged_cycle(n):
    a = Node("a")
    b = Node("b")
    a.peer = b
    b.peer = a
    log.debug("made %s %s", a, b)
    return 0

def registered(n):
    a = Node("a")
    b = Node("b")
    a.peer = b
    b.peer = a
    registry.add("a", a)
    return 0

def callback_call(n):
    a = Node("a")
    a.peer = a
    a.on_done = print
    a.on_done("x")
    return 0

def kept_by_unknown_method(n, sink):
    a = Node("a")
    a.peer = a
    sink.register(a)
    return 0

def split_and_stripped(text):
    a = Node(text)
    a.peer = a
    parts = text.strip().split(",")
    return len(parts)

class Button:
    def __init__(self):
        self.command = None
    def bind(self, command):
        self.command = command
    def click(self):
        self.command()

class CounterButton(Button):
    def __init__(self):
        super().__init__()
        self.clicks = 0
        self.bind(self.increment)
    def increment(self):
        self.clicks += 1

def clicked_own_method(n):
    b = CounterButton()
    b.click()
    return b.clicks

class Bus:
    def __init__(self):
        self.handlers = {}
    def subscribe(self, topic, handler):
        self.handlers.setdefault(topic, []).append(handler)

class Listener:
    def __init__(self, bus):
        self.bus = bus
        bus.subscribe("save", self.on_event)
    def on_event(self, payload):
        return payload

def subscribed_listener(n):
    bus = Bus()
    Listener(bus)
    return 0

def subscribed_to_outside_bus(n, bus):
    Listener(bus)
    return 0

def subscribed_plain_function(n):
    bus = Bus()
    bus.subscribe("save", print)
    return 0

class Future:
    def __init__(self):
        self.result = None
        self.callbacks = []
    def add_done_callback(self, fn):
        self.callbacks.append(fn)
    def set_result(self, value):
        self.result = value
        for fn in self.callbacks:
            fn(self)

def callback_closing_over_future(n):
    results = []
    future = Future()
    future.add_done_callback(lambda _: results.append(future.result))
    future.set_result(n)
    return results

def callback_def_closing_over_future(n):
    results = []
    future = Future()
    def done(_):
        results.append(future.result)
    future.add_done_callback(done)
    future.set_result(n)
    return results

def callback_given_future(n):
    results = []
    future = Future()
    future.add_done_callback(lambda f: results.append(f.result))
    future.set_result(n)
    return results

def callback_handing_future_on(n, sink):
    future = Future()
    future.add_done_callback(lambda f: sink.append(f))
    future.set_result(n)
    return 0
