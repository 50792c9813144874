"""Measures every function listed in a testdata/memory module's MEASURE table.

For each function and size: the tracemalloc peak above the baseline taken just before the call,
and, once the result is dropped, how many objects made by the call only the cyclic collector can
free. Those are the objects the collection saves in gc.garbage (gc.DEBUG_SAVEALL, so objects with
finalizers are counted too) plus those it frees while running finalizers: closing a suspended
generator that holds the object it belongs to breaks the cycle, and refcounting frees both before
anything reaches gc.garbage. The collector stays disabled while that call runs: whether a call leaves
cyclic garbage is a property of the code, not of when the collector happens to run.

The peak is measured in the collector mode the estimate states (the second argument, "on" or "off";
default "on"): with "on" a separate call runs with the collector enabled, starting from an empty
youngest generation, so that cyclic garbage made per iteration is freed whenever its allocation
count passes the threshold, as in a program; with "off" it is the peak of the call above.
Prints one JSON object per line.
"""
import gc
import importlib.util
import json
import sys
import tracemalloc


def load(path):
    spec = importlib.util.spec_from_file_location("suite_module", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import would: dataclasses resolve string annotations through it
    spec.loader.exec_module(module)
    return module


def measure(fn, args):
    gc.collect()
    gc.disable()
    fn(*args)  # warm up again: the collection emptied the free lists, which a first call refills
    before = gc.get_objects()  # kept alive so that no id in it is reused
    known = {id(o) for o in before}
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    result = fn(*args)
    peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    del result
    made = set()  # ids only: holding the objects would keep them reachable
    for o in gc.get_objects():  # a plain loop: a comprehension's function object would be listed
        if id(o) not in known:
            made.add(id(o))
    o = None
    gc.set_debug(gc.DEBUG_SAVEALL)
    gc.collect()
    saved = {id(o) for o in gc.garbage}
    alive = {id(o) for o in gc.get_objects()}
    cyclic = sum(1 for i in made if i in saved or i not in alive)
    gc.garbage.clear()
    gc.set_debug(0)
    del before
    gc.enable()
    return peak, cyclic


def measure_collecting(fn, args):
    """The peak of a call with the collector running, from an empty youngest generation."""
    gc.collect()
    gc.enable()
    fn(*args)  # refills the free lists the full collection emptied
    gc.collect(0)  # counts from zero, and unlike a full collection leaves the free lists alone
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    result = fn(*args)
    peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    del result
    return peak


def nothing():
    return None


# CPython 3.11+ gives the first instances of a class larger value arrays than it needs (one slot
# less per instance made, for about 30 instances) before they settle at the size the estimate
# models; the same warm-up settles the adaptive interpreter's caches.
WARM_UP_CALLS = 40


def main(path, collector):
    module = load(path)
    overhead = measure(nothing, ())[0]  # what measuring itself allocates
    if collector == "on":
        overhead = measure_collecting(nothing, ())
    for name, spec in module.MEASURE.items():
        symbol, make_args = spec[0], spec[1]
        value_of = spec[2] if len(spec) > 2 else (lambda n: n)
        fn = getattr(module, name)
        first_args = make_args(module.SIZES[0])
        for _ in range(WARM_UP_CALLS):
            fn(*first_args)
        for i, size in enumerate(module.SIZES):
            args = make_args(size)
            fn(*args)  # warm up: first-call caches and interned names are not the function's memory
            if collector == "on" and i > 0:
                # Whether a call leaves cyclic garbage is scored at the first size; measure()'s scans
                # of every object are the costliest part at the larger ones, whose peak it does not give.
                peak, cyclic = measure_collecting(fn, args), None
            else:
                peak, cyclic = measure(fn, args)
                if collector == "on":
                    peak = measure_collecting(fn, args)
            peak = max(0, peak - overhead)
            print(json.dumps({"function": name, "line": fn.__code__.co_firstlineno, "symbol": symbol,
                              "value": value_of(size), "gc": collector, "peak": peak,
                              "cyclicObjects": cyclic}))


main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "on")
