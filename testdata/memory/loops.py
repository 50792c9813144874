"""Objects made per iteration of a loop: cycles that one iteration closes (a record pair pointing at
each other, a node and its parent's child list, an object holding its own bound method) next to
chains where each object only points at the one before; loops over generators, ranges with a step,
triangular loops and while loops that consume a container.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
from collections import deque


class OutlineNode:
    def __init__(self, title, parent=None):
        self.title = title
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def depth(self):
        level = 0
        node = self.parent
        while node is not None:
            level += 1
            node = node.parent
        return level


class Revision:
    """One revision of a document; knows the revision it replaced."""

    def __init__(self, number, text, previous=None):
        self.number = number
        self.text = text
        self.previous = previous


class HistoryEntry:
    """An entry of an undo history linked both ways."""

    def __init__(self, action):
        self.action = action
        self.prev = None
        self.next = None


class Order:
    def __init__(self, order_id, amount):
        self.order_id = order_id
        self.amount = amount
        self.invoice = None
        self.invoice_id = None


class Invoice:
    def __init__(self, order, number):
        self.order = order
        self.number = number


class Channel:
    """A socket-like channel that routes incoming data to its own handler method."""

    def __init__(self, address):
        self.address = address
        self.received = 0
        self.on_data = self.handle_data

    def handle_data(self, data):
        self.received += len(data)


def log_data(data):
    return len(data)


class QuietChannel:
    """The same channel given a module-level handler function."""

    def __init__(self, address, on_data=log_data):
        self.address = address
        self.received = 0
        self.on_data = on_data


class Row:
    def __init__(self, key, fields):
        self.key = key
        self.fields = fields


class Vertex:
    def __init__(self, label):
        self.label = label
        self.neighbours = []


def _outline_entries(lines):
    """Yields (depth, title) for every indented line of an outline."""
    for line in lines:
        stripped = line.lstrip(" ")
        yield (len(line) - len(stripped)) // 2, stripped


def _iter_rows(lines):
    for number, line in enumerate(lines):
        fields = line.split(",")
        yield number, fields


def _make_outline(n):
    lines = []
    for i in range(n):
        lines.append("  " * (i % 3) + f"section {i}")
    return (lines,)


def _make_csv_lines(n):
    return ([f"{i},name{i},{i * 3}" for i in range(n)],)


def parse_outline(lines):
    """Builds an outline tree (parent pointer plus parent's child list) from indented lines; returns the depth sum."""
    root = OutlineNode("document")
    stack = [root]
    for depth, title in _outline_entries(lines):
        del stack[depth + 1:]
        node = OutlineNode(title, stack[-1])
        stack.append(node)
    return sum(child.depth() for child in root.children)


def revision_chain(n):
    """Each revision points at the one it replaced (a chain, no back link); returns the head's number."""
    head = None
    for i in range(n):
        head = Revision(i, f"text {i}", head)
    return head.number


def undo_history(n):
    """An undo history linked both ways as it is recorded; returns the number of entries."""
    first = last = None
    count = 0
    for i in range(n):
        entry = HistoryEntry(f"edit {i}")
        if last is None:
            first = entry
        else:
            last.next = entry
            entry.prev = last
        last = entry
        count += 1
    return count if first is not None else 0


def orders_with_invoices(n):
    """Each iteration makes an order and its invoice pointing at each other; returns the total amount."""
    orders = []
    for i in range(n):
        order = Order(i, i * 10)
        order.invoice = Invoice(order, f"INV-{i}")
        orders.append(order)
    return sum(o.amount for o in orders)


def orders_with_invoice_ids(n):
    """The same, but the order keeps the invoice number, not the invoice; returns the invoices made."""
    invoices = []
    for i in range(n):
        order = Order(i, i * 10)
        invoice = Invoice(order, f"INV-{i}")
        order.invoice_id = invoice.number
        invoices.append(invoice)
    return len(invoices)


def open_channels(n):
    """n channels, each holding its own bound method as a callback; returns the bytes routed."""
    channels = []
    for i in range(n):
        channel = Channel(("10.0.0.1", 8000 + i))
        channel.on_data(b"hello")
        channels.append(channel)
    return sum(c.received for c in channels)


def open_quiet_channels(n):
    """n channels given a module-level callback; returns the number of channels."""
    channels = []
    for i in range(n):
        channel = QuietChannel(("10.0.0.1", 8000 + i))
        channel.on_data(b"hello")
        channels.append(channel)
    return len(channels)


def load_rows(lines):
    """Records built per iteration of a loop over a generator of parsed CSV lines; returns the rows (a new list)."""
    rows = []
    for key, fields in _iter_rows(lines):
        rows.append(Row(key, fields))
    return rows


def all_pairs(n):
    """Every unordered pair of n items (a triangular loop), as a collision check would list them."""
    pairs = []
    for i in range(n):
        for j in range(i):
            pairs.append((i, j))
    return len(pairs)


def sample_every_third(n):
    """Keeps every third reading of a series (range with a step); returns the samples (a new list)."""
    samples = []
    for i in range(0, n, 3):
        samples.append(i * 0.5)
    return samples


def drain_queue(n):
    """A worker loop that pops jobs until the queue is empty and keeps a result string per job."""
    queue = list(range(n))
    results = []
    while queue:
        job = queue.pop()
        results.append(f"done {job}")
    return len(results)


def breadth_first_labels(n):
    """Walks a ring of n vertices linked both ways with a deque; returns the labels in visit order."""
    vertices = [Vertex(i) for i in range(n)]
    for i, vertex in enumerate(vertices):
        other = vertices[(i + 1) % n]
        vertex.neighbours.append(other)
        other.neighbours.append(vertex)
    seen = {0}
    order = []
    pending = deque([vertices[0]])
    while pending:
        vertex = pending.popleft()
        order.append(vertex.label)
        for other in vertex.neighbours:
            if other.label not in seen:
                seen.add(other.label)
                pending.append(other)
    return order


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "revision_chain", "undo_history", "orders_with_invoices", "orders_with_invoice_ids", "open_channels",
    "open_quiet_channels", "sample_every_third", "drain_queue", "breadth_first_labels",
]}
MEASURE["parse_outline"] = ("len(lines)", _make_outline)
MEASURE["load_rows"] = ("len(lines)", _make_csv_lines)
MEASURE["all_pairs"] = ("n", lambda n: (n // 10,), lambda n: n // 10)
SIZES = (100, 1000, 10000)
