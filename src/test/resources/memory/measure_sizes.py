"""Measures what CPython allocates per object, for SizeModelCPythonTest.

Prints one JSON object per line: case, param, traced (bytes per object under tracemalloc, averaged
over many objects made in a row after draining free lists) and sizeof (sys.getsizeof).
"""
import gc
import json
import sys
import tracemalloc
import types

COUNT = 400
SENTINEL = object()
KEPT = []  # objects made while warming up stay alive during a measurement, so they refill no free list


def measure(make):
    gc.collect()  # a full collection empties the free lists (tuples, lists, dicts, floats...)
    KEPT.append([make() for _ in range(300)])
    made = [None] * COUNT
    before = tracemalloc.get_traced_memory()[0]
    for i in range(COUNT):
        made[i] = make()
    after = tracemalloc.get_traced_memory()[0]
    result = round((after - before) / COUNT), sys.getsizeof(made[0])
    KEPT.clear()  # the next measurement starts with a collection, which empties the free lists again
    return result


def emit(case, param, make):
    traced, sizeof = measure(make)
    print(json.dumps({"case": case, "param": param, "traced": traced, "sizeof": sizeof}))


def appended(n):
    out = []
    for _ in range(n):
        out.append(SENTINEL)
    return out


def generator_slots(fn):
    code = fn.__code__
    return code.co_nlocals + len(code.co_cellvars) + len(code.co_freevars) + code.co_stacksize


def gen_small(a):
    yield a


def gen_locals(a, b):
    c = a
    d = [b]
    for e in d:
        yield c, e


def make_class(attributes, slots):
    body = "".join(f"        self.a{j} = None\n" for j in range(attributes)) or "        pass\n"
    slot_line = f"    __slots__ = {tuple('a%d' % j for j in range(attributes))!r}\n" if slots else ""
    namespace = {}
    exec(f"class C:\n{slot_line}    def __init__(self):\n{body}", namespace)
    return namespace["C"]


def frame_of(fn, *args):
    try:
        fn(*args)
    except ValueError as error:
        return error.__traceback__.tb_next.tb_frame


def raise_small(a):
    raise ValueError(a)


def raise_locals(a, b, c):
    d = [a, b, c]
    e = len(d)
    raise ValueError(d, e)


def main():
    gc.disable()
    tracemalloc.start()
    for bits in (10, 40, 70, 130, 400):
        big = 1 << bits
        emit("intArithmetic", bits, lambda big=big: big + 1)
        emit("intObject", bits, lambda big=big: int(float(big)) if bits < 1000 else big)
    emit("float", 0, lambda: float(SENTINEL is None) + 0.5)
    emit("complex", 0, lambda: complex(1.5, float(SENTINEL is None)))
    emit("object", 0, object)
    for n in (2, 5, 17, 100, 1000):
        emit("strAscii", n, lambda n=n: "a" * n)
        emit("strLatin1", n, lambda n=n: "\xe9" * n)
        emit("strUcs2", n, lambda n=n: "\u0101" * n)
        emit("strUcs4", n, lambda n=n: "\U0001F600" * n)
        emit("bytes", n, lambda n=n: b"x" * n)
        emit("bytearray", n, lambda n=n: bytearray(n))
        emit("tuple", n, lambda n=n: tuple([SENTINEL] * n))
        emit("listExact", n, lambda n=n: [SENTINEL] * n)
        emit("listFromSized", n, lambda n=n: list(range(n)))
        emit("sorted", n, lambda n=n: sorted(range(n)))
    for n in (0, 1, 4, 5, 8, 9, 17, 33, 100, 500, 2000):
        emit("listAppended", n, lambda n=n: appended(n))
        emit("listComprehension", n, lambda n=n: [SENTINEL for _ in range(n)])
    strings = [str(k) + "k" for k in range(5000)]
    for n in (0, 1, 5, 6, 10, 11, 21, 22, 100, 1000, 3000):
        emit("dictInserted", n, lambda n=n: dict.fromkeys(range(n), SENTINEL))
        emit("dictInsertedStr", n, lambda n=n: {s: SENTINEL for s in strings[:n]})
        emit("setAdded", n, lambda n=n: set(range(n)))
        emit("setComprehension", n, lambda n=n: {k for k in range(n)})
    for n in (1, 3, 5, 6, 8, 11, 20):
        namespace = {}
        keys = ", ".join(f"'k{j}': None" for j in range(n))
        exec(f"def display(): return {{{keys}}}", namespace)
        emit("dictDisplayStr", n, namespace["display"])
    for k in range(0, 13):
        plain, slotted = make_class(k, False), make_class(k, True)
        emit("instance", k, plain)
        emit("slotsInstance", k, slotted)
    emit("function", 0, lambda: (lambda: None))
    for cells in (1, 2, 3):
        namespace = {"S": SENTINEL}
        names = ", ".join(f"v{j}" for j in range(cells))
        values = ", ".join(["S"] * cells)
        exec(f"def outer({names}):\n    def inner(): return {names}\n    return inner\n"
             f"def make(): return outer({values})", namespace)
        emit("closure", cells, namespace["make"])
    emit("cell", 0, lambda: types.CellType(SENTINEL))
    emit("generator", generator_slots(gen_small), lambda: gen_small(SENTINEL))
    emit("generator", generator_slots(gen_locals), lambda: gen_locals(SENTINEL, SENTINEL))
    for fn, args in ((raise_small, (SENTINEL,)), (raise_locals, (1, 2, 3))):
        frame = frame_of(fn, *args)
        print(json.dumps({"case": "frame", "param": generator_slots(fn), "traced": None,
                          "sizeof": sys.getsizeof(frame)}))
    emit("exception", 0, lambda: ValueError())
    holder = make_class(0, False)()
    emit("boundMethod", 0, lambda: holder.__init__)
    emit("builtinMethod", 0, lambda: SENTINEL.__str__)
    some_list, some_tuple = [1, 2], (1, 2)
    emit("range", 0, lambda: range(SENTINEL is None, 10))
    emit("sequenceIterator", 0, lambda: iter(some_list))
    emit("sequenceIterator", 1, lambda: iter(some_tuple))
    emit("rangeIterator", 0, lambda: iter(range(3)))
    emit("enumerate", 0, lambda: enumerate(some_list))
    emit("map", 0, lambda: map(id, some_list))
    emit("filter", 0, lambda: filter(None, some_list))
    emit("slice", 0, lambda: slice(SENTINEL, SENTINEL))


main()
