"""Finalizers of objects that end up in reference cycles."""

import weakref


class Owner:
    def __init__(self):
        self.resource = None


class Resource:
    def __init__(self, owner):
        self.owner = owner
        owner.resource = self

    def __del__(self):  # expect: MEM607
        print("released")


class Handle:
    def __init__(self, path):
        self.path = path

    def __del__(self):
        print("closed", self.path)


def use():
    owner = Owner()
    resource = Resource(owner)
    return 0


def use_handle():
    handle = Handle("/tmp/x")
    return handle.path


class Listener:
    def __init__(self, bus):
        self.handler = self.on_event  # each instance refers to itself through its bound method
        bus.append(self.name)

    @property
    def name(self):
        return "listener"

    def on_event(self):
        return 1

    def __del__(self):  # expect: MEM607
        print("unsubscribed")


class Tree:
    def __init__(self):
        self.children = []


class Leaf:
    def __init__(self, tree):
        self.tree = tree
        tree.children.append(self)  # the tree and each leaf refer to each other

    def __del__(self):  # expect: MEM607
        print("leaf gone")


class WeakLeaf:
    def __init__(self, tree):
        self.tree = weakref.ref(tree)
        tree.children.append(self)

    def __del__(self):
        print("weak leaf gone")


REGISTRY = []


class Registered:
    def __init__(self, owner):
        self.owner = owner
        REGISTRY.append(self)  # kept alive by the registry, but in no cycle

    def __del__(self):
        print("unregistered")


class Labelled:
    def __init__(self, tree):
        self.tree = tree
        tree.children.append(self.label())  # a string, not the instance

    def label(self):
        return "x"

    def __del__(self):
        print("label gone")


class Nursery:
    def __init__(self, parent):
        self.parent = parent
        parent.children.append(self)

    def close(self):
        self.parent.children.remove(self)  # closing takes the link apart

    def __del__(self):
        print("nursery gone")


class Transport:
    def __init__(self, protocol):
        self._protocol = protocol

    def __del__(self):
        print("transport gone")


class Protocol:
    """__init__ links a transport back to the protocol; losing the connection takes the link apart."""

    def __init__(self):
        self._transport = Transport(self)

    def connection_lost(self):
        self._transport = None


class Collector:
    """Keeps the errors it catches, and deletes them in a finally once it has reported them."""

    def __init__(self, open_batches):
        self._errors = []
        self._open = open_batches

    def finish(self, work):
        try:
            work()
        except ValueError as exc:
            self._errors.append(exc)
        assert self._open.pop() is self
        if self._errors:
            try:
                return list(self._errors)
            finally:
                del self._errors

    def __del__(self):
        print("collector gone")


class Recorder:
    """Resets its list before it records an error, not after: the error stays."""

    def __init__(self, open_batches):
        self._errors = []
        self._open = open_batches

    def record(self, work):
        self._errors = []
        try:
            work()
        except ValueError as exc:
            self._errors.append(exc)
        assert self._open.pop() is self

    def __del__(self):  # expect: MEM607
        print("recorder gone")
