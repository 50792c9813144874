"""Mutable defaults: grown across calls, and the safe look-alikes."""


def collect(item, into=[]):  # expect: MEM604
    into.append(item)
    return into


def walk(node, seen=set()):  # expect: MEM604
    if node in seen:
        return
    seen.add(node)
    for child in node.children:
        walk(child, seen)


def memo_fib(n, _memo={}):  # a memo shared on purpose: MEM603's business
    if n not in _memo:
        _memo[n] = n if n < 2 else memo_fib(n - 1) + memo_fib(n - 2)
    return _memo[n]


def extend_all(values, acc=[]):  # expect: MEM604
    acc += values
    return acc


def read_only(key, table={}):
    return table.get(key)


def copies(item, into=[]):
    into = list(into)
    into.append(item)
    return into


def none_default(item, into=None):
    if into is None:
        into = []
    into.append(item)
    return into


def tuple_default(item, into=()):
    return into + (item,)


def iterate(items=[]):
    for i in items:
        print(i)


DEFAULT_TAGS = []


def module_default(tag, tags=DEFAULT_TAGS):
    return tags + [tag]


def counter(state=[0]):
    state[0] += 1
    return state[0]


def walk_paths(paths):
    def seen(p, m={}):  # made afresh on every call of walk_paths
        if p in m:
            return True
        m[p] = True
        return False
    return [p for p in paths if not seen(p)]


def indented(block, stacks=[]):
    stacks.append(block)  # pushed here and popped below: a stack, not a growing pile
    try:
        return len(stacks)
    finally:
        stacks.pop()
