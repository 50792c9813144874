"""Methods called on an object a helper is handed, whose class only the caller knows: a path tree
resolved by a helper that looks each part up and adds what is missing (the way importlib's and
pathlib-like trees, argparse's subparsers or a config loader's sections are filled in), the result of
such a call then linked back to the parameter, a subscript through the class's __getitem__, a walk
down from the parameter that rebinds the local to each new child, and the parameter handed down two
levels of helpers. One helper is called with instances of two classes: one whose children point back
strongly, one whose children point back weakly. And look-alikes that leave no garbage: a helper that
only reads through the parameter's methods and __getitem__, and one that fills a table whose rows do
not point back.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import weakref


class Node:
    """A path tree: each child refers to its parent, and the parent's dict to the child."""

    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = {}

    def lookup(self, name):
        return self.children.get(name)

    def __getitem__(self, name):
        return self.children[name]

    def add(self, name):
        child = Node(name, self)
        self.children[name] = child
        return child


class WeakNode:
    """The same tree with weak parent links: dropping the root frees it all by reference counting."""

    def __init__(self, name, parent=None):
        self.name = name
        self.parent = weakref.ref(parent) if parent is not None else None
        self.children = {}

    def lookup(self, name):
        return self.children.get(name)

    def add(self, name):
        child = WeakNode(name, self)
        self.children[name] = child
        return child


def _resolve(tree, path):
    node = tree
    for part in path:
        found = node.lookup(part)
        node = found if found is not None else node.add(part)
    return node


def _populate(tree, paths):
    for path in paths:
        _resolve(tree, path.split("/"))


def _extend(tree, names):
    node = tree
    for name in names:
        node = node.add(name)
    return node


def _depth(tree, path):
    node = tree
    for part in path:
        node = node.lookup(part)
        if node is None:
            return 0
    return len(path)


def _names_under(tree, keys):
    return [tree[key].name for key in keys]


class Section:
    def __init__(self, name):
        self.name = name
        self.owner = None
        self.values = {}


class Config:
    def __init__(self):
        self.sections = {}

    def section(self, name):
        found = self.sections.get(name)
        if found is None:
            found = Section(name)
            self.sections[name] = found
        return found


def _set_option(config, key, value):
    section_name, _, option = key.partition(".")
    section = config.section(section_name)
    section.owner = config  # the section found through the config points back at it
    section.values[option] = value


class Element:
    def __init__(self, element_id):
        self.element_id = element_id
        self.document = None


class Document:
    def __init__(self):
        self.elements = {}

    def __getitem__(self, element_id):
        return self.elements[element_id]

    def create(self, element_id):
        self.elements[element_id] = Element(element_id)


def _adopt(document, element_id):
    element = document[element_id]
    element.document = document


class Table:
    def __init__(self, name):
        self.name = name
        self.rows = []

    def insert(self, row):
        self.rows.append(row)
        return row


def _load_rows(table, n):
    for i in range(n):
        row = table.insert({"id": i})
        row["table"] = table.name  # the table's name, not the table: no cycle


def build_tree(n):
    """Resolves n two-part paths through a helper handed the root; the tree is dropped: all cyclic garbage."""
    root = Node("")
    for i in range(n):
        _resolve(root, (f"dir{i % 10}", f"file{i}"))
    return len(root.children)


def build_weak_tree(n):
    """The same helper handed a tree whose children point back weakly: no cycle."""
    root = WeakNode("")
    for i in range(n):
        _resolve(root, (f"dir{i % 10}", f"file{i}"))
    return len(root.children)


def import_paths(n):
    """Hands the root to a helper that hands it on to the resolver for each path: cyclic garbage."""
    root = Node("")
    _populate(root, [f"pkg{i % 10}/mod{i}" for i in range(n)])
    return len(root.children)


def build_chains(n):
    """Walks down from the root a helper is handed, rebinding its local to each child it adds: cyclic garbage."""
    root = Node("")
    for i in range(n // 3):
        _extend(root, (f"a{i}", "b", "c"))
    return len(root.children)


def probe_tree(n):
    """A helper that only looks paths up through the parameter's method: the tree has no back links, no cycle."""
    root = Node("")
    return sum(_depth(root, (f"dir{i}", "x")) for i in range(n))


def list_children(n):
    """Reads children through the parameter's __getitem__; the children were made without a parent: no cycle."""
    root = Node("")
    for i in range(n):
        root.children[f"c{i}"] = Node(f"c{i}")
    return len(_names_under(root, [f"c{i}" for i in range(n)]))


def load_settings(n):
    """A helper links each section the config hands it back to the config: cyclic garbage."""
    config = Config()
    for i in range(n):
        _set_option(config, f"section{i % 20}.option{i}", i)
    return sum(len(s.values) for s in config.sections.values())


def load_document(n):
    """A helper takes each element through the document's __getitem__ and points it back at the document."""
    document = Document()
    for i in range(n):
        document.create(f"e{i}")
        _adopt(document, f"e{i}")
    return len(document.elements)


def load_table(n):
    """A helper inserts rows through the table's method and marks each with the table's name: no cycle."""
    table = Table("t")
    _load_rows(table, n)
    return len(table.rows)


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "build_tree", "build_weak_tree", "import_paths", "build_chains", "probe_tree", "list_children",
    "load_settings", "load_document", "load_table",
]}
SIZES = (100, 1000, 10000)
