"""Classes passed as values and links cleared by nested or draining loops (ClassValuesTest; verdicts from CPython 3.12)."""
import weakref


class Node:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


class WeakNode:
    def __init__(self, parent=None):
        self._parent = weakref.ref(parent) if parent is not None else None
        self.children = []
        if parent is not None:
            parent.children.append(self)


def build(n, node_class=Node):
    root = node_class()
    for i in range(n):
        node_class(node_class(root))
    return root


def default_tree(n):
    root = build(n)
    return len(root.children)


def weak_tree(n):
    root = build(n, WeakNode)
    return len(root.children)


def factory_bound_to_a_name(n):
    make = Node
    root = make()
    make(root)
    return 0


def detached_two_levels(n):
    root = build(n)
    for branch in root.children:
        for leaf in branch.children:
            leaf.parent = None
        branch.parent = None
    return 0


def detached_one_level(n):
    root = build(n)
    for branch in root.children:
        branch.parent = None
    return 0


def drained(n):
    root = build(n)
    while root.children:
        branch = root.children.pop()
        branch.parent = None
        while branch.children:
            branch.children.pop().parent = None
    return 0


def drained_one_level(n):
    root = build(n)
    while root.children:
        branch = root.children.pop()
        branch.parent = None
    return 0
