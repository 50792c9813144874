"""Nested functions and the cells they capture: recursive helpers defined inside a function, handlers
reading names assigned after them, memoised inner functions, decorators applied inside a function,
and the same shapes with the cell cleared or holding nothing that leads back.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import functools

MODULUS = 1_000_000_007


class Category:
    def __init__(self, name, children=()):
        self.name = name
        self.children = list(children)


def _make_catalogue(n):
    """n // 10 top-level categories of a catalogue, each with ten leaves below a sub-category."""
    groups = []
    for g in range(n // 10):
        leaves = [Category(f"item-{g}-{i}") for i in range(10)]
        groups.append(Category(f"group-{g}", [Category(f"shelf-{g}", leaves)]))
    return (groups,)


def count_leaves(groups):
    """Counts leaves with a recursive helper defined inside the function (the helper's cell holds it)."""

    def visit(node):
        if not node.children:
            return 1
        return sum(visit(child) for child in node.children)

    return sum(visit(group) for group in groups)


def count_leaves_iteratively(groups):
    """Counts the same leaves with an explicit stack and no nested function."""
    stack = list(groups)
    leaves = 0
    while stack:
        node = stack.pop()
        if node.children:
            stack.extend(node.children)
        else:
            leaves += 1
    return leaves


def leaf_names(groups):
    """Collects leaf names with a recursive nested helper, deleting the helper's name when done; returns them."""
    names = []

    def collect(node):
        if node.children:
            for child in node.children:
                collect(child)
        else:
            names.append(node.name)

    for group in groups:
        collect(group)
    del collect
    return names


def render_paths(groups):
    """Builds 'a/b/c' paths with a recursive nested generator (yield from itself); returns them."""

    def walk(node, prefix):
        path = f"{prefix}/{node.name}"
        yield path
        for child in node.children:
            yield from walk(child, path)

    paths = []
    for group in groups:
        paths.extend(walk(group, ""))
    return paths


def dispatch_commands(n):
    """A command table whose handlers read the table itself, assigned after them (a help command)."""

    def show_help(args):
        return sorted(commands)

    def echo(args):
        return args

    commands = {"help": show_help, "echo": echo}
    outputs = []
    for i in range(n):
        handler = commands["echo" if i % 2 else "help"]
        outputs.append(len(handler([i])))
    return sum(outputs)


def format_lines(n):
    """A formatter that reads a prefix assigned after the nested function is defined; returns the lines."""

    def render(i):
        return f"{prefix}{i:05d}"

    prefix = "row-"
    return [render(i) for i in range(n)]


def fibonacci_table(n):
    """A memoised recursive inner function (functools.lru_cache) filling a table of n values; returns it."""

    @functools.lru_cache(maxsize=None)
    def fib(k):
        return k if k < 2 else (fib(k - 1) + fib(k - 2)) % MODULUS

    return [fib(k) for k in range(n)]


def fibonacci_loop(n):
    """The same table computed bottom-up, with no nested function; returns it."""
    table = [0, 1]
    for k in range(2, n):
        table.append((table[k - 1] + table[k - 2]) % MODULUS)
    return table[:n]


def timed_calls(n):
    """A logging decorator defined and applied inside the function; returns the call log (a new list)."""
    calls = []

    def logged(func):
        @functools.wraps(func)
        def wrapper(*args):
            calls.append(func.__name__)
            return func(*args)
        return wrapper

    @logged
    def square(x):
        return x * x

    total = 0
    for i in range(n):
        total += square(i)
    return calls


def pipeline_steps(n):
    """Steps registered in a list that each step reads to find its successor; returns the results."""
    steps = []

    def add_one(value, index):
        nxt = steps[index + 1] if index + 1 < len(steps) else None
        return nxt(value + 1, index + 1) if nxt else value + 1

    def double(value, index):
        return value * 2

    steps.append(add_one)
    steps.append(double)
    return [steps[0](i, 0) for i in range(n)]


def make_counter(n):
    """Returns a counter closure (nonlocal state) after advancing it n times."""
    count = 0

    def increment():
        nonlocal count
        count += 1
        return count

    for _ in range(n):
        increment()
    return increment


MEASURE = {name: ("n", lambda n: (n,)) for name in [
    "dispatch_commands", "format_lines", "fibonacci_table", "fibonacci_loop", "timed_calls", "pipeline_steps",
    "make_counter"]}
MEASURE.update({name: ("len(groups)", _make_catalogue, lambda n: n // 10) for name in [
    "count_leaves", "count_leaves_iteratively", "leaf_names", "render_paths"]})
SIZES = (100, 1000, 10000)
