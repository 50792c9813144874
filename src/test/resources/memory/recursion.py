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


def _parse_block(entries, parent):
    block = Node("block", parent)
    if parent is not None:
        parent.children.append(block)
    for entry in entries:
        _parse_item(entry, block)
    return block


def _parse_item(entry, parent):
    if isinstance(entry, list):
        return _parse_block(entry, parent)
    leaf = Node(entry, parent)
    parent.children.append(leaf)
    return leaf


def parsed_blocks(spec):
    return len(_parse_block(spec, None).children)


def _read_list(entries, parent):
    for entry in entries:
        _read_entry(entry, parent)


def _read_entry(entry, parent):
    if isinstance(entry, list):
        _read_nested(entry, parent)


def _read_nested(entries, parent):
    block = Node("nested", parent)
    parent.children.append(block)
    _read_list(entries, block)


def read_in_three(spec):
    root = Node("root")
    _read_list(spec, root)
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


def _to_tree(entry):
    if isinstance(entry, list):
        return _to_node(entry)
    return entry


def _to_node(entries):
    return {"children": [_to_tree(e) for e in entries]}


def converted_to_dicts(spec):
    return len(_to_node(spec)["children"])
