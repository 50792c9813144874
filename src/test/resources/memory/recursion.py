"""Recursive helpers, followed to a fixed point: each level applies the summary of the deeper ones."""


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []


class Up:
    """A node that knows its parent only: a chain, no cycle."""

    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent


def _grow(parent, depth):
    if depth == 0:
        return 0
    child = Node(f"{parent.name}.{depth}", parent)
    parent.children.append(child)
    return 1 + _grow(child, depth - 1)


def _grow_up(parent, depth):
    if depth == 0:
        return parent
    return _grow_up(Up(f"{parent.name}.{depth}", parent), depth - 1)


def _nested(depth):
    if depth == 0:
        return {}
    return {"child": _nested(depth - 1)}


def _from_spec(name, spec, parent):
    node = Node(name, parent)
    for child_name, child_spec in spec.items():
        node.children.append(_from_spec(child_name, child_spec, node))
    return node


def grown_tree(n):
    return _grow(Node("root"), n)


def grown_chain(n):
    return _grow_up(Up("root"), n).name


def nested_dicts(n):
    return len(_nested(n))


def tree_from_spec(n):
    root = _from_spec("root", {"a": {"b": {}}, "c": {}}, None)
    return len(root.children)


def _up_block(entries, parent):
    block = Up("block", parent)
    for entry in entries:
        _up_item(entry, block)
    return block


def _up_item(entry, parent):
    if isinstance(entry, list):
        return _up_block(entry, parent)
    return Up(entry, parent)


def parsed_upwards(spec):
    return _up_block(spec, None).name
