"""How code breaks the cycles it makes, one form per function: list.clear(), pop, del obj.attr,
del name, setting links to None over all nodes, weak references (ref, WeakMethod, WeakSet,
WeakValueDictionary, finalize) and try/finally; next to the same code breaking only part of it.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


class WeakParentNode:
    def __init__(self, name, parent=None):
        self.name = name
        self._parent = weakref.ref(parent) if parent is not None else None
        self.children = []
        if parent is not None:
            parent.children.append(self)

    @property
    def parent(self):
        return self._parent() if self._parent is not None else None


class Link:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None


class Worker:
    def __init__(self, name):
        self.name = name
        self.handler = self.process
        self.done = 0

    def process(self, item):
        self.done += 1
        return item

    def shutdown(self):
        self.handler = None


class Subject:
    def __init__(self):
        self.observers = weakref.WeakSet()

    def notify(self):
        return sum(observer.update() for observer in self.observers)


class Observer:
    def __init__(self, subject):
        self.subject = subject
        self.updates = 0
        subject.observers.add(self)

    def update(self):
        self.updates += 1
        return 1


class TempHandle:
    """Owns a buffer and releases it through weakref.finalize instead of a bound method."""

    def __init__(self, size):
        self.buffer = bytearray(size)
        self._finalizer = weakref.finalize(self, _release, self.buffer)

    def close(self):
        self._finalizer()


def _release(buffer):
    buffer.clear()


class Cache:
    """A cache of parsed objects that point back to the cache that made them."""

    def __init__(self, weak):
        self.entries = weakref.WeakValueDictionary() if weak else {}

    def get(self, key):
        value = self.entries.get(key)
        if value is None:
            value = Entry(key, self)
            self.entries[key] = value
        return value


class Entry:
    def __init__(self, key, cache):
        self.key = key
        self.cache = cache


def _build_tree(n, node_class=Node):
    root = node_class("root")
    for i in range(n):
        branch = node_class(f"branch{i}", root)
        node_class(f"leaf{i}", branch)
    return root


def _link_all(n):
    links = [Link(i) for i in range(n)]
    for first, second in zip(links, links[1:]):
        first.next = second
        second.prev = first
    return links


def tree_cleared(n):
    """Builds a tree, then clears every node's child list before dropping it (list.clear())."""
    root = _build_tree(n)
    names = [child.name for child in root.children]
    for branch in root.children:
        branch.children.clear()
    root.children.clear()
    return len(names)


def tree_root_cleared(n):
    """Clears only the root's child list: the branches and their leaves still point at each other."""
    root = _build_tree(n)
    names = [child.name for child in root.children]
    root.children.clear()
    return len(names)


def tree_popped(n):
    """Takes every branch off the tree with pop(), unlinking each from its parent as it goes."""
    root = _build_tree(n)
    count = 0
    while root.children:
        branch = root.children.pop()
        branch.parent = None
        while branch.children:
            branch.children.pop().parent = None
        count += 1
    return count


def tree_detached(n):
    """Deletes each child's parent attribute (del obj.attr) before the tree is dropped."""
    root = _build_tree(n)
    for branch in root.children:
        for leaf in branch.children:
            del leaf.parent
        del branch.parent
    return len(root.children)


def tree_half_detached(n):
    """Deletes the branches' parent attribute but forgets the leaves'."""
    root = _build_tree(n)
    for branch in root.children:
        del branch.parent
    return len(root.children)


def weak_parent_tree(n):
    """The same tree with weakref.ref parent links; returns the leaves' depth sum."""
    root = _build_tree(n, WeakParentNode)
    depth = 0
    for branch in root.children:
        for leaf in branch.children:
            depth += 2 if leaf.parent.parent is root else 0
    return depth


def chain_unlinked(n):
    """A doubly linked list whose links are all set to None in a loop before it is dropped."""
    links = _link_all(n)
    total = sum(link.value for link in links)
    for link in links:
        link.prev = link.next = None
    return total


def chain_forward_unlinked(n):
    """Sets only the next links to None, leaving prev: what remains is a chain without a cycle."""
    links = _link_all(n)
    total = sum(link.value for link in links)
    for link in links:
        link.next = None
    return total


def chain_head_unlinked(n):
    """Unlinks only the head of the list, as a pop-front would; the rest stays linked both ways."""
    links = _link_all(n)
    head = links[0]
    if head.next is not None:
        head.next.prev = None
        head.next = None
    return head.value + len(links)


def workers_shut_down(n):
    """Workers holding their own bound method, each shut down (link set to None) when done."""
    workers = [Worker(f"w{i}") for i in range(n)]
    for i, worker in enumerate(workers):
        worker.handler(i)
    for worker in workers:
        worker.shutdown()
    return sum(w.done for w in workers)


def workers_left_running(n):
    """The same workers never shut down."""
    workers = [Worker(f"w{i}") for i in range(n)]
    for i, worker in enumerate(workers):
        worker.handler(i)
    return sum(w.done for w in workers)


def observers_in_weakset(n):
    """Observers registered in their subject's WeakSet while holding the subject; returns the updates."""
    subject = Subject()
    observers = [Observer(subject) for _ in range(n)]
    return subject.notify() + len(observers)


def buffers_with_finalizer(n):
    """Handles that free their buffer through weakref.finalize; half are closed explicitly."""
    handles = [TempHandle(64) for _ in range(n)]
    for handle in handles[::2]:
        handle.close()
    return len(handles)


def cache_weak_values(n):
    """Entries pointing back to a cache that holds them in a WeakValueDictionary; returns the keys."""
    cache = Cache(weak=True)
    entries = [cache.get(f"k{i % 50}") for i in range(n)]
    return sorted({e.key for e in entries})


def cache_strong_values(n):
    """The same cache holding its entries in a plain dict; returns the keys."""
    cache = Cache(weak=False)
    entries = [cache.get(f"k{i % 50}") for i in range(n)]
    return sorted({e.key for e in entries})


def tree_released_in_finally(n):
    """Detaches every node in a finally block, so the tree is unlinked even if the walk fails."""
    root = _build_tree(n)
    try:
        return sum(len(branch.children) for branch in root.children)
    finally:
        for branch in root.children:
            for leaf in branch.children:
                leaf.parent = None
            branch.parent = None


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "tree_cleared", "tree_root_cleared", "tree_popped", "tree_detached", "tree_half_detached", "weak_parent_tree",
    "chain_unlinked", "chain_forward_unlinked", "chain_head_unlinked", "workers_shut_down", "workers_left_running",
    "observers_in_weakset", "buffers_with_finalizer", "cache_weak_values", "cache_strong_values",
    "tree_released_in_finally"]}
SIZES = (100, 1000, 10000)
