"""What the memory suite's testdata/memory/parameters.py lacks: a recursive helper that calls a
method on its parameter and recurses on what the method returns, given instances of a class whose
children point back (cyclic garbage) and of one whose children do not (none), and one that recurses
on the parameter's children, which the caller made or the parameter's method added (the recursive
call is given objects of no one known class: it applies the summary so far); a helper that only
stores into the object it is handed (no method call on it: its summary is not specialised); and a
method that hands a tree it made to its own helper method, which hands it on through two functions
to a local aliasing it, whose method adds the children. And a helper that drops the pair linked
both ways that its parameter's method returns: its own report, not knowing the class, has no cycle,
so the cycle is its caller's finding. Verdicts measured with CPython 3.11 (gc.collect()
after the call, gc.DEBUG_SAVEALL).
"""


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = {}

    def add(self, name):
        child = Node(name, self)
        self.children[name] = child
        return child


class Leaf:
    def __init__(self, name):
        self.name = name
        self.children = {}

    def add(self, name):
        child = Leaf(name)
        self.children[name] = child
        return child


def _grow(node, depth):
    if depth == 0:
        return
    for i in range(2):
        _grow(node.add(f"c{i}"), depth - 1)


def grown_tree():
    root = Node("")
    _grow(root, 3)


def grown_leaves():
    root = Leaf("")
    _grow(root, 3)


def _walk(node, depth):
    if depth == 0:
        return
    node.add(f"x{depth}")
    for c in list(node.children.values()):
        _walk(c, depth - 1)


def walked_tree():
    root = Node("")
    _walk(root, 3)


def walked_leaves():
    root = Leaf("")
    _walk(root, 3)


def _store(holder, value):
    holder.children["v"] = value


def stored_only():
    root = Node("")
    _store(root, 1)


def _alias_then_add(tree, name):
    current = tree
    other = current
    return other.add(name)


def _index_only(tree, key):
    return tree.children[key]


def _hand_on(tree, names):
    for name in names:
        _alias_then_add(tree, name)


class Builder:
    def build(self, names):
        root = Node("")
        self._fill(root, names)
        return len(root.children)

    def _fill(self, tree, names):
        _hand_on(tree, names)


def built_by_method():
    Builder().build(["a", "b"])


class Pair:
    def __init__(self):
        self.other = None


class Factory:
    def make_pair(self):
        first = Pair()
        second = Pair()
        first.other = second
        second.other = first
        return first


def _use(factory):
    factory.make_pair()  # the pair is dropped: a cycle the helper's own report cannot see


def used_factory(n):
    factory = Factory()
    kept = []
    kept.append(factory)
    for _ in range(n):
        _use(factory)
    return len(kept)
