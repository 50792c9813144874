"""Mutual recursion, as parsers, builders and walkers write it: a block parser and an item parser
calling each other while each node is linked to its parent and the parent to it (garbage once the
tree is dropped), the same through the methods of a builder object, a cycle of three functions,
and their look-alikes that leave no garbage: walkers calling each other over nested data that only
append text or build plain nested dicts, and a builder whose back-links are weak.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import weakref


class Block:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []


class Leaf:
    def __init__(self, text, parent):
        self.text = text
        self.parent = parent


class WeakBlock:
    def __init__(self, parent=None):
        self.parent = weakref.ref(parent) if parent is not None else None
        self.children = []


def _make_spec(n):
    """n entries, each a word and a nested list of two words: three levels of lists."""
    return [[f"a{i}", [f"b{i}", f"c{i}"]] for i in range(n)]


def _parse_block(entries, parent):
    block = Block(parent)
    if parent is not None:
        parent.children.append(block)
    for entry in entries:
        _parse_item(entry, block)
    return block


def _parse_item(entry, parent):
    if isinstance(entry, list):
        return _parse_block(entry, parent)
    leaf = Leaf(entry, parent)
    parent.children.append(leaf)
    return leaf


def parse_document(spec):
    """A block parser and an item parser calling each other, linking each node to its parent and back."""
    root = _parse_block(spec, None)
    return len(root.children)


def parse_one_item(spec):
    """The same parsers entered through the item parser: the nested blocks point back at their parent."""
    root = Block()
    for entry in spec:
        _parse_item(entry, root)
    return len(root.children)


def _add_section(entries, parent):
    section = Block(parent)
    parent.children.append(section)
    _add_entries(entries, section)
    return section


def _add_entries(entries, section):
    count = 0
    for entry in entries:
        if isinstance(entry, list):
            _add_section(entry, section)
        else:
            count += 1
    return count


def build_sections(spec):
    """Only the nested call links: sections hang off their parent and point back at it."""
    root = Block()
    _add_entries(spec, root)
    return len(root.children)


def _read_list(entries, parent):
    for entry in entries:
        _read_entry(entry, parent)


def _read_entry(entry, parent):
    if isinstance(entry, list):
        _read_nested(entry, parent)
    else:
        parent.children.append(entry)


def _read_nested(entries, parent):
    block = Block(parent)
    parent.children.append(block)
    _read_list(entries, block)


def read_three_levels(spec):
    """Three functions calling round in a cycle (list, entry, nested), the nested one linking both ways."""
    root = Block()
    _read_list(spec, root)
    return len(root.children)


class OutlineBuilder:
    """Methods on self calling each other, each group linked to its parent and back."""

    def __init__(self):
        self.words = 0

    def build(self, spec):
        root = Block()
        self._children(spec, root)
        return root

    def _children(self, entries, parent):
        for entry in entries:
            if isinstance(entry, list):
                self._group(entry, parent)
            else:
                self.words += 1

    def _group(self, entries, parent):
        group = Block(parent)
        parent.children.append(group)
        self._children(entries, group)
        return group


def build_outline(spec):
    """A builder object whose two methods recurse through each other, linking groups both ways."""
    builder = OutlineBuilder()
    root = builder.build(spec)
    return builder.words + len(root.children)


class WeakOutlineBuilder:
    """The same shape with weak back-links: the tree is freed by reference counting."""

    def build(self, spec):
        root = WeakBlock()
        self._children(spec, root)
        return root

    def _children(self, entries, parent):
        for entry in entries:
            if isinstance(entry, list):
                self._group(entry, parent)

    def _group(self, entries, parent):
        group = WeakBlock(parent)
        parent.children.append(group)
        self._children(entries, group)
        return group


def build_weak_outline(spec):
    """Mutually recursive methods linking groups back only weakly: no cyclic garbage."""
    root = WeakOutlineBuilder().build(spec)
    return len(root.children)


def _encode_value(value, out):
    if isinstance(value, list):
        _encode_list(value, out)
    else:
        out.append(repr(value))


def _encode_list(values, out):
    out.append("[")
    for v in values:
        _encode_value(v, out)
    out.append("]")


def encode_spec(spec):
    """Two walkers calling each other that append text to one list: nothing links back."""
    out = []
    _encode_value(spec, out)
    return len("".join(out))


def _to_tree(entry):
    if isinstance(entry, list):
        return _to_node(entry)
    return entry


def _to_node(entries):
    return {"children": [_to_tree(e) for e in entries]}


def spec_to_dicts(spec):
    """Two converters calling each other that build plain nested dicts: a tree with no back-links."""
    tree = _to_node(spec)
    return len(tree["children"])


def _count_list(entries):
    return sum(_count_entry(e) for e in entries)


def _count_entry(entry):
    if isinstance(entry, list):
        return 1 + _count_list(entry)
    return 1


def count_entries(spec):
    """Two counters calling each other, allocating only their generators: nothing is kept."""
    return _count_list(spec)


MEASURE = {name: ("len(spec)", lambda n: (_make_spec(n),)) for name in [
    "parse_document", "parse_one_item", "build_sections", "read_three_levels", "build_outline",
    "build_weak_outline", "encode_spec", "spec_to_dicts", "count_entries",
]}
SIZES = (100, 1000, 10000)
