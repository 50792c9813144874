"""Finalizers of objects that end up in reference cycles."""


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
