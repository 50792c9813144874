"""Callbacks and bound methods kept on objects: GUI widgets wiring their own handlers, timers with
functools.partial, futures with done-callbacks, observers, and the weak forms that avoid the cycle.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import functools
import weakref


class Button:
    def __init__(self, label):
        self.label = label
        self.clicks = 0
        self.command = None

    def bind(self, command):
        self.command = command

    def click(self):
        if self.command is not None:
            self.command()


class CounterButton(Button):
    """A button whose command is its own method, the way tkinter code wires widgets."""

    def __init__(self, label):
        super().__init__(label)
        self.bind(self.increment)

    def increment(self):
        self.clicks += 1


class WeakCounterButton(Button):
    """The same button keeping its command through a WeakMethod."""

    def __init__(self, label):
        super().__init__(label)
        self._command_ref = weakref.WeakMethod(self.increment)

    def increment(self):
        self.clicks += 1

    def click(self):
        command = self._command_ref()
        if command is not None:
            command()


class Timer:
    def __init__(self, interval):
        self.interval = interval
        self.fired = []
        self.pending = None

    def schedule(self, tag):
        self.pending = functools.partial(self._fire, tag)

    def schedule_static(self, tag):
        self.pending = functools.partial(record_tick, self.fired, tag)

    def _fire(self, tag):
        self.fired.append(tag)

    def run_pending(self):
        if self.pending is not None:
            self.pending()


def record_tick(fired, tag):
    fired.append(tag)


class Future:
    """A future in the style of concurrent.futures: callbacks run once the result is set."""

    def __init__(self):
        self.result = None
        self.callbacks = []

    def add_done_callback(self, fn):
        self.callbacks.append(fn)

    def set_result(self, value):
        self.result = value
        for fn in self.callbacks:
            fn(self)


class Model:
    """An observable model: every observer is told about each change."""

    def __init__(self, name):
        self.name = name
        self.values = {}
        self.observers = []

    def attach(self, observer):
        self.observers.append(observer)

    def set(self, key, value):
        self.values[key] = value
        for observer in self.observers:
            observer.changed(key)


class View:
    """An observer that keeps the model it renders."""

    def __init__(self, model):
        self.model = model
        self.renders = 0
        model.attach(self)

    def changed(self, key):
        self.renders += 1


class WeakView:
    """An observer that reaches its model through a weak reference."""

    def __init__(self, model):
        self._model = weakref.ref(model)
        self.renders = 0
        model.attach(self)

    def changed(self, key):
        if self._model() is not None:
            self.renders += 1


class Signal:
    """A Django-style signal: receivers are stored by (object, method name)."""

    def __init__(self):
        self.receivers = []

    def connect(self, receiver, method_name):
        self.receivers.append((id(receiver), method_name))


class Widget:
    def __init__(self, name):
        self.name = name
        self.refreshes = 0
        self.on_resize = None

    def refresh(self):
        self.refreshes += 1


def wire_buttons(n):
    """n buttons whose command is their own bound method; returns the total clicks."""
    buttons = [CounterButton(f"b{i}") for i in range(n)]
    for button in buttons:
        button.click()
    return sum(b.clicks for b in buttons)


def wire_weak_buttons(n):
    """The same buttons holding their command through weakref.WeakMethod; returns the total clicks."""
    buttons = [WeakCounterButton(f"b{i}") for i in range(n)]
    for button in buttons:
        button.click()
    return sum(b.clicks for b in buttons)


def schedule_timers(n):
    """Timers whose pending call is functools.partial of their own method; returns the ticks fired."""
    timers = []
    for i in range(n):
        timer = Timer(i)
        timer.schedule(f"tick{i}")
        timer.run_pending()
        timers.append(timer)
    return sum(len(t.fired) for t in timers)


def schedule_static_timers(n):
    """The same timers using a partial of a module function and the timer's list; returns the ticks fired."""
    timers = []
    for i in range(n):
        timer = Timer(i)
        timer.schedule_static(f"tick{i}")
        timer.run_pending()
        timers.append(timer)
    return sum(len(t.fired) for t in timers)


def gather_futures(n):
    """Done-callbacks that take the future as their argument and write into a shared list; returns it."""
    results = []
    for i in range(n):
        future = Future()
        future.add_done_callback(lambda f: results.append(f.result))
        future.set_result(i * 2)
    return results


def gather_futures_by_closure(n):
    """Done-callbacks that close over the future they are attached to; returns the collected results."""
    results = []
    for i in range(n):
        future = Future()
        future.add_done_callback(lambda _: results.append(future.result))
        future.set_result(i * 2)
    return results


def render_views(n):
    """A model with n views that keep the model; returns the number of renders after one change."""
    model = Model("doc")
    views = [View(model) for _ in range(n)]
    model.set("title", "hello")
    return sum(v.renders for v in views)


def render_weak_views(n):
    """The same views holding the model weakly; returns the number of renders after one change."""
    model = Model("doc")
    views = [WeakView(model) for _ in range(n)]
    model.set("title", "hello")
    return sum(v.renders for v in views)


def connect_receivers(n):
    """Receivers connected by id and method name, as signal dispatchers do; returns the receiver count."""
    signal = Signal()
    widgets = [Widget(f"w{i}") for i in range(n)]
    for widget in widgets:
        signal.connect(widget, "refresh")
    return len(signal.receivers)


def resize_handlers(n):
    """Widgets given a lambda that refreshes the widget itself on resize; returns the refresh count."""
    widgets = []
    for i in range(n):
        widget = Widget(f"w{i}")
        widget.on_resize = lambda: widget.refresh()
        widget.on_resize()
        widgets.append(widget)
    return sum(w.refreshes for w in widgets)


def resize_handlers_by_name(n):
    """Widgets given a lambda that only formats a log line from the index; returns the handlers' output."""
    lines = []
    for i in range(n):
        widget = Widget(f"w{i}")
        widget.on_resize = lambda i=i: f"resized {i}"
        lines.append(widget.on_resize())
    return lines


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "wire_buttons", "wire_weak_buttons", "schedule_timers", "schedule_static_timers", "gather_futures",
    "gather_futures_by_closure", "render_views", "render_weak_views", "connect_receivers", "resize_handlers",
    "resize_handlers_by_name",
]}
SIZES = (100, 1000, 10000)
