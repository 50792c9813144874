from dataclasses import dataclass


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


@dataclass
class Edge:  # a default: before 3.10 (the lowest Python here) neither slots=True nor __slots__ fits
    source: int
    target: int
    weight: float = 1.0


@dataclass
class Span:
    start: int
    end: int


class Token:
    def __init__(self, kind, text, line):
        self.kind = kind
        self.text = text
        self.line = line


def parse(rows):
    points = [Point(r[0], r[1]) for r in rows]  # expect: MEM503
    edges = []
    for a, b in zip(points, points[1:]):
        edges.append(Edge(id(a), id(b)))
    spans = [Span(r[0], r[1]) for r in rows]  # expect: MEM503
    return points, edges, spans


def tokenize(lines):
    out = []
    n = 0
    while n < len(lines):
        out.append(Token("line", lines[n], n))  # expect: MEM503
        n += 1
    return out


# Clean look-alikes below.

class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


@dataclass(slots=True)
class FastEdge:
    source: int
    target: int


class Defaulted:
    retries = 3  # class attribute used as the default of an instance attribute

    def __init__(self, name):
        self.name = name
        self.retries = 0


class Dynamic:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class Base:
    def __init__(self, v):
        self.v = v


class Derived(Base):
    pass


class OnlyOnce:
    def __init__(self, v):
        self.v = v


def build(rows):
    config = OnlyOnce(1)  # not in a loop
    items = [Slotted(r, r) for r in rows] + [FastEdge(r, r) for r in rows]
    items += [Defaulted(str(r)) for r in rows] + [Dynamic(r=r) for r in rows]
    items += [Base(r) for r in rows] + [Derived(r) for r in rows]
    return config, items


class TemporaryFile:
    def __init__(self, text):
        self.text = text
        self.path = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class Check:
    def __init__(self, value):
        self.value = value

    def run(self):
        return self.value > 0


def check_all(texts, values):
    for text in texts:
        with TemporaryFile(text) as f:  # one alive at a time
            print(f.text)
    return [v for v in values if Check(v).run()]  # a temporary per item


class Prefix:
    def __init__(self, path):
        self.path = path
        self.lib_dirs = [path + "/lib"]


def prefixes(root):
    return {name: Prefix(root + "/" + name) for name in ("normal", "overlay")}  # two instances


@dataclass
class Measured:
    width: int
    height: int

    def __post_init__(self):
        self.area = self.width * self.height  # not a field: slots would make this assignment fail


def measure(sizes):
    return [Measured(w, h) for w, h in sizes]


# At most four instances, from one bounded split (silent).

class Pair:
    def __init__(self, text):
        self.key, _, self.value = text.partition("=")


def parse_pairs(line):
    return [Pair(p) for p in line.split(";", 3)]


# Nodes pushed on a stack the function cuts back when a nesting closes: only the open ones live (silent).

class Open:
    def __init__(self, quote):
        self.quote = quote
        self.depth = 0


def nesting(tokens):
    stack = []
    for token in tokens:
        if token.startswith("f"):
            stack.append(Open(token[1:]))
        elif stack and token == stack[-1].quote:
            del stack[len(stack) - 1:]
        yield len(stack)


class Pending:
    def __init__(self, quote):
        self.quote = quote
        self.depth = 0


def pending(tokens):
    kept = []
    for token in tokens:
        if token.startswith("f"):
            kept.append(Pending(token[1:]))  # expect: MEM503
        yield len(kept)
