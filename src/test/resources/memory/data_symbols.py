"""Binds the estimate's symbols that describe the shape of nested data, from the arguments the suite passes.

For every function of a testdata/memory module's MEASURE table and every size, the arguments are made
as measure_suite.py makes them. Each parameter holding text or a container binds len(name), so that a
function of two inputs (two dicts compared) is scored at both sizes; each holding a container or an
object is also described by
nested(name): the items nested in its own items, at every level below them (a list's or tuple's or
set's items, a dict's values, and theirs; an object has no items of its own, those of its attributes
are nested in it). len(name) + nested(name) is how often the loops of a recursive walk of it run in
all; containers(name) is how many of those items are containers themselves (what isinstance(item,
list) picks out). Nothing is measured in memory: this only counts what the data holds.
Prints one JSON object per line: function, value (of the MEASURE symbol), bindings.
"""
import importlib.util
import inspect
import json
import sys

ATOMS = (str, bytes, bytearray, int, float, complex, bool, type(None))
CONTAINERS = (dict, list, tuple, set, frozenset)


def load(path):
    spec = importlib.util.spec_from_file_location("suite_module", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def nodes(value, path, kept=lambda item: True):
    """
    Items at every level below value (those kept, of them); path holds the ids of the objects above it
    (a link back up is not a level).
    """
    if isinstance(value, ATOMS) or id(value) in path or callable(value):
        return 0
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, CONTAINERS):
        items = list(value)
    elif hasattr(value, "__dict__"):
        path.add(id(value))
        below = sum(nodes(v, path, kept) for v in vars(value).values())
        path.discard(id(value))
        return below
    else:
        return 0
    path.add(id(value))
    below = sum(nodes(item, path, kept) for item in items)
    path.discard(id(value))
    return sum(1 for item in items if kept(item)) + below


def main(path):
    module = load(path)
    for name, spec in module.MEASURE.items():
        make_args = spec[1]
        value_of = spec[2] if len(spec) > 2 else (lambda n: n)
        signature = inspect.signature(getattr(module, name))
        for size in module.SIZES:
            bound = signature.bind(*make_args(size)).arguments
            bindings = {}
            for p, v in bound.items():
                if isinstance(v, (str, bytes, bytearray) + CONTAINERS):
                    bindings[f"len({p})"] = len(v)  # every input's size, not only the one MEASURE varies
                if not isinstance(v, ATOMS) and not callable(v):
                    bindings[f"nested({p})"] = nodes(v, set()) - (len(v) if isinstance(v, CONTAINERS) else 0)
                    bindings[f"containers({p})"] = nodes(v, set(), lambda item: isinstance(item, CONTAINERS))
            print(json.dumps({"function": name, "value": value_of(size), "bindings": bindings}))


main(sys.argv[1])
