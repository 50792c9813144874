"""Reference cycles in the shapes real code makes them, and the same code with the cycle broken.

MEASURE maps a function to (symbol bound to the size, function making the arguments for a size).
"""
import weakref


class TreeNode:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


class WeakTreeNode:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = weakref.ref(parent) if parent is not None else None
        self.children = []
        if parent is not None:
            parent.children.append(self)


class Connection:
    def __init__(self, host):
        self.host = host
        self.on_close = self.handle_close

    def handle_close(self):
        return self.host


class Handler:
    def __init__(self, name):
        self.name = name
        self.callbacks = []

    def register(self, fn):
        self.callbacks.append(fn)


class Resource:
    def __init__(self, owner):
        self.owner = owner
        owner.resource = self

    def __del__(self):
        pass


class Owner:
    def __init__(self):
        self.resource = None


class LinkedNode:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.prev = None


def build_family(n):
    root = TreeNode("root")
    child = TreeNode("child", root)
    return len(root.children) + n * 0


def build_family_weak(n):
    root = WeakTreeNode("root")
    child = WeakTreeNode("child", root)
    return len(root.children) + n * 0


def build_family_detached(n):
    root = TreeNode("root")
    child = TreeNode("child", root)
    child.parent = None
    return len(root.children) + n * 0


def self_referencing_dict(n):
    config = {"size": n}
    config["self"] = config
    return n


def plain_dict(n):
    config = {"size": n}
    config["copy"] = dict(config)
    return n


def list_holding_itself(n):
    items = [n]
    items.append(items)
    return n


def list_holding_copy(n):
    items = [n]
    items.append(list(items))
    return n


def connection_with_bound_method(n):
    conn = Connection("localhost")
    return conn.host


def handler_closure_on_itself(n):
    handler = Handler("h")
    handler.register(lambda: handler.name)
    return n


def handler_closure_on_name(n):
    handler = Handler("h")
    name = handler.name
    handler.register(lambda: name)
    return n


def keep_exception(n):
    error = None
    try:
        raise ValueError(n)
    except ValueError as exc:
        error = exc
    return n


def keep_exception_then_clear(n):
    error = None
    try:
        raise ValueError(n)
    except ValueError as exc:
        error = exc
    finally:
        error = None
    return n


def exception_message_only(n):
    message = ""
    try:
        raise ValueError(n)
    except ValueError as exc:
        message = str(exc)
    return len(message)


def doubly_linked_pair(n):
    first = LinkedNode(1)
    second = LinkedNode(2)
    first.next = second
    second.prev = first
    return n


def doubly_linked_pair_unlinked(n):
    first = LinkedNode(1)
    second = LinkedNode(2)
    first.next = second
    second.prev = first
    second.prev = None
    return n


def singly_linked_pair(n):
    first = LinkedNode(1)
    second = LinkedNode(2)
    first.next = second
    return n


def finalizer_in_cycle(n):
    owner = Owner()
    resource = Resource(owner)
    return n


def finalizer_released(n):
    owner = Owner()
    resource = Resource(owner)
    owner.resource = None
    return n


def returned_tree(n):
    root = TreeNode("root")
    TreeNode("leaf", root)
    return root


def node_attribute_to_self(n):
    node = LinkedNode(n)
    node.next = node
    return n


def node_attribute_to_none(n):
    node = LinkedNode(n)
    node.next = None
    return n


def closure_stored_in_dict(n):
    registry = {}
    registry["show"] = lambda: registry
    return n


def closure_stored_elsewhere(n):
    registry = {}
    hooks = {"show": lambda: len(registry)}
    return len(hooks)


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "build_family", "build_family_weak", "build_family_detached", "self_referencing_dict", "plain_dict",
    "list_holding_itself", "list_holding_copy", "connection_with_bound_method", "handler_closure_on_itself",
    "handler_closure_on_name", "keep_exception", "keep_exception_then_clear", "exception_message_only",
    "doubly_linked_pair", "doubly_linked_pair_unlinked", "singly_linked_pair", "finalizer_in_cycle",
    "finalizer_released", "returned_tree", "node_attribute_to_self", "node_attribute_to_none",
    "closure_stored_in_dict", "closure_stored_elsewhere",
]}
SIZES = (10, 100)
