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
