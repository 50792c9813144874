"""What constructors store on the instance they make (ConstructorsTest; verdicts from CPython 3.12)."""
import functools


class Proxy:
    def __init__(self, names):
        for name in names:
            setattr(self, "get_" + name, functools.partial(self.get, name))

    def get(self, name):
        return name


class Plain:
    def __init__(self, names):
        for name in names:
            setattr(self, "has_" + name, True)


class Entry:
    def __init__(self, owner):
        self.owner = owner


class Registry:
    def __init__(self, factory):
        self._items = factory()
        self._items["self"] = Entry(self)


def proxies(n):
    proxy = Proxy(["a", "b"])
    return proxy.get_a()


def plain(n):
    return Plain(["a", "b"]).has_a


def registry(n):
    return len(Registry(dict)._items)


class Registered:
    instances = []

    def __init__(self):
        self.instances.append(self)


def registered(n):
    Registered()
    return len(Registered.instances)
