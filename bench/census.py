"""Census of the cyclic garbage that CPython's own tests leave, compared with memlint's MEM601.

Run it through bench/census (which picks CPython 3.12 and builds the jar if needed):

    bench/census                       # every module, then memlint, then the comparison
    bench/census --reuse               # keep the per-module results already in bench/out/census/
    bench/census --modules test.test_csv test.test_json
    bench/census --memlint-json F      # use a memlint JSON report instead of running memlint

It writes bench/out/census.json (machine readable) and prints a summary. It is slow (several
minutes: every test module runs under tracemalloc, one after another) and is not run by CI.

How the census is taken, in one child process per test module (`census.py --child MODULE OUT`):
- tracemalloc keeps 25 frames, then one full collection empties the free lists: an object taken
  from a free list gets a new traceback only if its memory block was traced (allocated after
  tracemalloc started), so without this many lists, dicts and tuples would have none.
- The collector is disabled and stays disabled (gc.enable is made a no-op), with DEBUG_SAVEALL.
- gc.collect is wrapped, so the tests' own collections lose nothing: a full collection moves the
  unreachable objects into gc.garbage (their finalizers and weakref callbacks have run, as in a real
  collection), each one is recorded, collections repeat while finalizers made more garbage, and
  only then are the recorded objects freed by a collection without DEBUG_SAVEALL (so a test that
  checks that an object died after gc_collect() still sees it die). The same harvest runs between
  tests when more than 200,000 tracked objects have accumulated, and once at the end.
- Every object in gc.garbage is cyclic garbage: part of a cycle or reachable only from one. The
  census marks the objects on a cycle (strongly connected components of the garbage graph), and
  those on a cycle that does not go through a frame of test code (a test keeping an exception whose
  traceback holds the test's own frame makes garbage no library function left), and those on a
  cycle through neither such a frame nor an object the tests made (lib_cycle): an instance of a
  class only test code or unittest defines, a function or bound method of test code, a bound
  builtin method taken in test code (`errors.append` as a callback), and, on an instance of a
  test's subclass of a library class, the links through the attributes the test's methods store.
  tracemalloc.get_object_traceback gives where it was allocated; the object is attributed to the
  innermost frame that is not neutral (frames named like "<string>", e.g. the __init__ that
  dataclasses writes), when that frame is in a stdlib file: under the 3.12 Lib/ directory, not
  test code (a path with a test/tests/idle_test directory), not unittest, not site-packages.
  Objects whose innermost real frame is test code, unittest or this script go to those buckets.
  Objects allocated during an import (a <frozen importlib._bootstrap> frame on the traceback, or
  module-level code) go to the "import" bucket: module bodies make functions and classes that are
  in cycles by design and become garbage only when a test throws a freshly imported module away
  (test.support.import_fresh_module); that is the harness, not a function leaving a cycle.
- tracemalloc gives file and line only; the line is mapped to the innermost enclosing def or class
  body with the file's ast (a def's decorators, defaults and annotations belong to the enclosing
  scope; lambdas and generator expressions count as the def around them) and named the way
  co_qualname is (C.m, f.<locals>.g).
- Two kinds of object are allocated before their function's frame is complete, so tracemalloc
  names the calling line: the cells of a function's closure variables (MAKE_CELL) and generator,
  coroutine and async generator objects. They are attributed to that function (found from the
  closures that hold the cell, or from gi_code/cr_code/ag_code) as an extra innermost frame.
- sys.monitoring PY_START (disabled per code object after its first event) records every function
  the tests ran.

The comparison:
- memlint runs MEM601 on the 3.12 stdlib; each finding is mapped to its enclosing function (file,
  qualname). A finding "every `C` instance refers to itself" also covers the objects on a cycle with
  an instance of C or a subclass: each record keeps the non-builtin classes of its strongly
  connected component (cycle_types). A finding "`F` leaves a reference cycle (...)" whose cycle goes
  through a frame also covers the objects whose component holds a frame of F (cycle_frames: the
  stdlib frames of the object's own-cycle component, or of its whole component when it has no
  own cycle), such as the tracebacks of F's callers on the exception's cycle. Recall is also
  printed without the frame rule and under the older rule (only objects of type C, no component
  rules), to tell what the analysis gained from what the scoring gained.
- recall: a census function counts as found when memlint reports it or a function above it on the
  allocation traceback of one of its garbage objects (its garbage was made during a call from a
  reported function). Given over every census function, over those with objects on a cycle, over
  those with objects on a cycle not through a test's frame, and over those with objects on a cycle
  through neither a test's frame nor an object the tests made; each also weighted by objects.
- precision: a MEM601 finding in a function the tests ran but with no garbage allocated in it or
  below it needs reading by a person; bench/census-judgments.json holds those verdicts.
"""

import argparse
import ast
import collections
import dis
import gc
import json
import os
import subprocess
import sys
import sysconfig
import time
import tracemalloc
import types

FRAMES = 25
HARVEST_EVERY = 200_000
CYCLE_TYPES = 16     # classes of a cycle's objects kept per record
CYCLE_FRAMES = 16    # functions whose frames are on a cycle kept per record
SEARCH_LIMIT = 20_000      # objects an example-cycle search may visit
STDLIB = os.path.realpath(sysconfig.get_paths()["stdlib"])
SCRIPT = os.path.realpath(__file__)
ROOT = os.path.dirname(os.path.dirname(SCRIPT))
OUT = os.path.join(ROOT, "bench", "out")
JUDGMENTS = os.path.join(ROOT, "bench", "census-judgments.json")
MODULES = [
    "test.test_json", "test.test_email", "test.test_xml_etree", "test.test_logging",
    "test.test_argparse", "test.test_configparser", "test.test_csv", "test.test_difflib",
    "test.test_textwrap", "test.test_pathlib", "test.test_asyncio.test_tasks",
    "test.test_http_cookiejar",
]
TEST_DIRS = {"test", "tests", "idle_test"}
# Functions of this script that run tests rather than take the census: their frames are on every
# traceback, so only the others mark an object as made by the census itself.
CENSUS_DRIVERS = {"<module>", "main", "run_child", "run_child.<locals>.Result.stopTest"}


# ---------------------------------------------------------------- where code lives

_relative = {}


def relative(path):
    """A stdlib path relative to Lib/, anything else unchanged."""
    rel = _relative.get(path)
    if rel is None:
        rel = _relative[path] = _relative_uncached(path)
    return rel


def _relative_uncached(path):
    real = os.path.realpath(path) if not path.startswith("<") else path
    if real.startswith(STDLIB + os.sep):
        return real[len(STDLIB) + 1:]
    return path


def kind_of_file(rel):
    """stdlib, test, unittest, census, neutral, import or other."""
    if rel.startswith("<frozen importlib._bootstrap"):
        return "import"
    if rel.startswith("<doctest "):
        return "test"
    if rel.startswith("<"):
        return "neutral"
    if os.path.isabs(rel):
        return "census" if os.path.realpath(rel) == SCRIPT else "other"
    parts = rel.split("/")
    if parts[0] == "site-packages":
        return "other"
    if parts[0] == "unittest":
        return "unittest"
    if any(p in TEST_DIRS for p in parts[:-1]):
        return "test"
    return "stdlib"


def stored_attributes(code):
    """Names the code (and the code nested in it) stores as attributes."""
    names = {i.argval for i in dis.get_instructions(code) if i.opname in ("STORE_ATTR", "DELETE_ATTR")}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= stored_attributes(const)
    return names


def instance_dict(obj):
    """obj's __dict__, or None (read without running a class's __getattr__)."""
    try:
        d = object.__getattribute__(obj, "__dict__")
    except Exception:
        return None
    return d if isinstance(d, dict) else None


def is_test_file(path):
    return kind_of_file(relative(path)) in ("test", "unittest")


class SourceIndex:
    """Maps (file, line) to the qualified name of the innermost def or class body around it."""

    def __init__(self):
        self.scopes = {}

    def qualname(self, rel, line):
        scopes = self.scopes.get(rel)
        if scopes is None:
            scopes = self.scopes[rel] = self._scopes(rel)
        best = None
        for start, end, name in scopes:
            if start <= line <= end and (best is None or start >= best[0]):
                best = (start, end, name)
        return best[2] if best else "<module>"

    @staticmethod
    def _scopes(rel):
        path = rel if os.path.isabs(rel) else os.path.join(STDLIB, rel)
        try:
            with open(path, "rb") as f:
                tree = ast.parse(f.read(), path)
        except (OSError, SyntaxError, ValueError):
            return []
        scopes = []

        def visit(node, prefix):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    name = prefix + child.name
                    # The body is the scope; the header (decorators, defaults, bases) runs outside.
                    scopes.append((child.body[0].lineno, child.end_lineno, name))
                    inner = name + (".<locals>." if not isinstance(child, ast.ClassDef) else ".")
                    visit(child, inner)
                else:
                    visit(child, prefix)

        visit(tree, "")
        return scopes


# ---------------------------------------------------------------- the child: one test module

class Census:
    def __init__(self):
        self.index = SourceIndex()
        self.records = collections.Counter()   # (bucket, attributed, line, chain, type) -> objects
        self.examples = {}                     # attributed function -> example cycle
        self.ran = set()
        self.harvests = 0
        self.collect_calls = 0
        self.enable_calls = 0
        self.frame_cache = {}
        self.classified = {}
        self.harvest_seconds = 0.0
        self.mros = {}                         # type name -> names of its non-builtin bases
        self.test_modules = {}                 # module name -> whether it is test code or unittest

    # -- gc plumbing
    def install(self):
        self.real_collect = gc.collect
        self.real_set_debug = gc.set_debug
        gc.disable()
        gc.collect()                # empties the free lists, see the module docstring
        self.real_set_debug(gc.DEBUG_SAVEALL)
        census = self

        def collect(generation=2):
            census.collect_calls += 1
            return census.harvest()

        def enable():
            census.enable_calls += 1

        def set_debug(flags):
            census.real_set_debug(flags | gc.DEBUG_SAVEALL)

        gc.collect = collect
        gc.enable = enable
        gc.set_debug = set_debug
        mon = sys.monitoring
        mon.use_tool_id(4, "census")
        mon.register_callback(4, mon.events.PY_START, self.on_start)
        mon.set_events(4, mon.events.PY_START)

    def on_start(self, code, offset):
        self.ran.add((code.co_filename, code.co_firstlineno, code.co_qualname))
        return sys.monitoring.DISABLE

    def harvest(self):
        started = time.process_time()
        try:
            return self._harvest()
        finally:
            self.harvest_seconds += time.process_time() - started

    def _harvest(self):
        del gc.garbage[:]
        found = self.real_collect()
        recorded = 0
        while len(gc.garbage) > recorded:
            batch = gc.garbage[recorded:]
            recorded = len(gc.garbage)
            self.record(batch)
            del batch
            self.real_collect()    # finalizers that ran may have made more garbage
        self.harvests += 1
        if recorded:
            del gc.garbage[:]
            self.real_set_debug(0)
            self.real_collect()
            self.real_set_debug(gc.DEBUG_SAVEALL)
        return found

    # -- attribution
    def frame_key(self, rel, line):
        key = self.frame_cache.get((rel, line))
        if key is None:
            kind = kind_of_file(rel)
            name = self.index.qualname(rel, line) if kind in ("stdlib", "test", "unittest", "other", "census") else ""
            key = self.frame_cache[(rel, line)] = (kind, rel, name)
        return key

    def classify(self, obj, cell_owners):
        """(bucket, (file, qualname), line, chain above) for one garbage object."""
        tb = tracemalloc.get_object_traceback(obj)
        if tb is None:
            return "untraced", None, 0, ()
        extra = prologue_owner(obj, cell_owners)
        raw = tb._frames if hasattr(tb, "_frames") else tuple((f.filename, f.lineno) for f in tb)
        cached = self.classified.get((raw, extra))
        if cached is None:
            cached = self.classified[(raw, extra)] = self._classify(raw, extra)
        return cached

    def _classify(self, raw, extra):
        # tracemalloc's raw frames: (filename, line), oldest first.
        frames = [(relative(name), line) for name, line in reversed(raw)]   # innermost first
        keys = [self.frame_key(rel, line) for rel, line in frames]
        if extra is not None:
            frames.insert(0, (extra[1], extra[3]))
            keys.insert(0, extra[:3])
        kinds = {k[0] for k in keys}
        chain = []
        for k in keys:
            if k[0] != "neutral" and (not chain or chain[-1] != (k[1], k[2])):
                chain.append((k[1], k[2]))
        if any(k[0] == "census" and k[2] not in CENSUS_DRIVERS for k in keys):
            return "census", None, 0, ()   # made by the harvest itself
        if "import" in kinds:
            bucket = "import"
        else:
            bucket = None
        for (rel, line), k in zip(frames, keys):
            if k[0] == "neutral":
                continue
            if bucket is None:
                bucket = k[0] if k[2] != "<module>" else "import"
            return bucket, (k[1], k[2]), line, tuple(chain[1:])
        return bucket or "neutral", None, 0, tuple(chain)

    def record(self, batch):
        position = {id(o): i for i, o in enumerate(batch)}
        referents = [[position[id(r)] for r in gc.get_referents(o) if id(r) in position] for o in batch]
        component = components(referents)
        on_cycle = [c is not None for c in component]
        # A cycle through a frame of test code is the test's doing (a test keeping an exception whose
        # traceback holds its own frame): "own" cycles are those that still exist without them.
        blocked = {i for i, o in enumerate(batch) if type(o) is types.FrameType
                   and kind_of_file(relative(o.f_code.co_filename)) in ("test", "unittest")}
        own_component = components(
            [[] if v in blocked else [w for w in succ if w not in blocked] for v, succ in enumerate(referents)])
        own_cycle = [c is not None for c in own_component]
        # "Library" cycles also exist without what the tests made (see made_by_tests): those objects,
        # and the links a test's subclass of a library class adds to its instances.
        lib_component = components(self.without_tests(batch, referents, position, blocked))
        lib_cycle = [c is not None for c in lib_component]
        cycle_types = self.component_types(batch, component)
        # The functions whose frames are on the object's cycle: its own cycle when it has one (so a
        # test's frame never links it to a library frame), else the cycle through a test's frame.
        frames_of = self.component_frames(batch, own_component, component)
        cell_owners = {}   # a garbage cell is held by garbage closures
        for obj in batch:
            if type(obj).__name__ == "function" and obj.__closure__:
                for cell in obj.__closure__:
                    cell_owners.setdefault(id(cell), obj)
        per_function = collections.defaultdict(list)
        for i, obj in enumerate(batch):
            bucket, where, line, chain = self.classify(obj, cell_owners)
            if bucket == "census":
                continue
            tname = self.type_name(type(obj))
            self.records[(bucket, where, line, chain, tname, on_cycle[i], own_cycle[i], lib_cycle[i],
                          cycle_types.get(component[i], ()), frames_of(i))] += 1
            known = self.examples.get(where)
            if (where is not None and on_cycle[i] and (known is None or (own_cycle[i] and not known[1]))
                    and len(per_function[where]) < 6):
                per_function[where].append((own_cycle[i], i))
        for where, objs in per_function.items():
            # Own cycles first; plain containers tell less than the objects they hold.
            objs.sort(key=lambda p: (not p[0], type(batch[p[1]]) in (list, tuple, dict)))
            for own, i in objs:
                path = find_cycle(batch, referents, i, blocked if own else ())
                if path:
                    self.examples[where] = (path, own)
                    break
        del referents
        per_function.clear()
        cell_owners.clear()

    def without_tests(self, batch, referents, position, blocked):
        """The garbage graph without test frames (blocked) and without what the tests made."""
        dropped = set(blocked)
        cut = collections.defaultdict(set)     # object -> referents whose link a test's class made
        attributes = {}        # class -> what made_by_tests says of its instances, for this batch
        for v, obj in enumerate(batch):
            if v in dropped:
                continue
            made = self.made_by_tests(obj, attributes)
            if made is True:
                dropped.add(v)
            elif made:         # the values of the attributes a test's class sets on its instance
                values = self.attribute_values(obj, made, position)
                cut[v] |= values
                d = position.get(id(instance_dict(obj)))
                if d is not None:
                    cut[d] |= values
        return [[] if v in dropped else [w for w in succ if w not in dropped and w not in cut.get(v, ())]
                for v, succ in enumerate(referents)]

    @staticmethod
    def attribute_values(obj, names, position):
        """Batch positions of the values of obj's attributes named in names."""
        d = instance_dict(obj)
        if d is None:
            return set()
        return {position[id(v)] for k, v in d.items() if k in names and id(v) in position}

    def made_by_tests(self, obj, attributes):
        """True for an object the tests made: an instance of a class that only test code or
        unittest defines (beyond builtins), a function or bound method of test code, a bound builtin
        method a test took (`errors.append`); for an instance of a test's subclass of a library
        class, the names of the attributes the test's classes set (the links the test added);
        else False."""
        t = type(obj)
        if t is types.FunctionType:
            return is_test_file(obj.__code__.co_filename)
        if t is types.MethodType:
            return self.made_by_tests(obj.__func__, attributes) is True
        if t is types.BuiltinMethodType:
            # Bound to an object (not a module): where the bound method was taken says whose it is.
            if obj.__self__ is None or isinstance(obj.__self__, types.ModuleType):
                return False
            return self.classify(obj, {})[0] in ("test", "unittest")
        found = attributes.get(t)
        if found is None:
            found = attributes[t] = self.test_class_links(t)
        return found

    def test_class_links(self, t):
        """True when every class of t's MRO but builtins is test code or unittest; the attribute
        names the test classes among them store when some are library classes; else False."""
        mro = [c for c in getattr(t, "__mro__", ()) if getattr(c, "__module__", None) != "builtins"]
        tests = [c for c in mro if self.test_class(c)]
        if not tests:
            return False
        if len(tests) == len(mro):
            return True
        names = set()
        for c in tests:
            for v in vars(c).values():
                if isinstance(v, (staticmethod, classmethod)):
                    v = v.__func__
                elif isinstance(v, property):
                    v = v.fset
                if isinstance(v, types.FunctionType):
                    names.update(stored_attributes(v.__code__))
        return frozenset(names) or False

    def test_class(self, t):
        """A class defined in a test module or in unittest (its module's file says which). Cached
        by module name: a cache keyed by class would keep a test's local classes alive."""
        name = getattr(t, "__module__", None)
        if not isinstance(name, str):
            return False
        known = self.test_modules.get(name)
        if known is None:
            module = sys.modules.get(name)
            if module is None:
                return False      # not cached: a module a test took out of sys.modules may return
            path = getattr(module, "__file__", None)
            known = self.test_modules[name] = isinstance(path, str) and is_test_file(path)
        return known

    def type_name(self, t):
        """t's name; a class not from builtins also gets its bases' names kept in self.mros."""
        tname = type_name(t)
        if tname not in self.mros and t.__module__ != "builtins":
            self.mros[tname] = [type_name(c) for c in t.__mro__[1:] if c.__module__ != "builtins"]
        return tname

    def component_types(self, batch, component):
        """Strongly connected component -> sorted names of the non-builtin classes of its objects
        (at most CYCLE_TYPES of them, so that a record's key stays small), shared by its records."""
        names = collections.defaultdict(set)
        for obj, c in zip(batch, component):
            if c is not None and type(obj).__module__ != "builtins":
                names[c].add(self.type_name(type(obj)))
        shared = {}
        result = {}
        for c, found in names.items():
            key = tuple(sorted(found)[:CYCLE_TYPES])
            result[c] = shared.setdefault(key, key)
        return result

    def component_frames(self, batch, own_component, component):
        """A function i -> the (file, co_qualname) of the stdlib frames in object i's strongly
        connected component (its own-cycle component if it has one; at most CYCLE_FRAMES, sorted)."""
        own = collections.defaultdict(set)
        whole = collections.defaultdict(set)
        for obj, c_own, c in zip(batch, own_component, component):
            if type(obj) is types.FrameType and c is not None:
                rel = relative(obj.f_code.co_filename)
                if kind_of_file(rel) == "stdlib":
                    whole[c].add((rel, obj.f_code.co_qualname))
                    if c_own is not None:
                        own[c_own].add((rel, obj.f_code.co_qualname))
        shared = {}

        def frames(i):
            found = own.get(own_component[i]) if own_component[i] is not None else whole.get(component[i])
            if not found:
                return ()
            key = tuple(sorted(found)[:CYCLE_FRAMES])
            return shared.setdefault(key, key)
        return frames

    def result(self):
        rows = []
        for (bucket, where, line, chain, tname, on_cycle, own, lib, cycle_types, frames), n in self.records.items():
            rows.append({"bucket": bucket, "file": where[0] if where else None,
                         "function": where[1] if where else None, "line": line,
                         "chain": [list(c) for c in chain], "type": tname, "on_cycle": on_cycle,
                         "own_cycle": own, "lib_cycle": lib, "cycle_types": list(cycle_types),
                         "cycle_frames": [list(f) for f in frames], "count": n})
        ran = sorted({(relative(f), q) for f, _, q in self.ran})
        return {"records": rows,
                "examples": [{"file": k[0], "function": k[1], "cycle": v[0], "own": v[1]}
                             for k, v in self.examples.items()],
                "mros": self.mros,
                "ran": [list(r) for r in ran],
                "harvests": self.harvests, "harvest_cpu_seconds": round(self.harvest_seconds, 1),
                "collect_calls": self.collect_calls,
                "enable_calls": self.enable_calls}


def type_name(t):
    return t.__qualname__ if t.__module__ == "builtins" else t.__module__ + ":" + t.__qualname__


def components(successors):
    """For each node, the number of its strongly connected component if that component has a cycle,
    else None. Tarjan."""
    n = len(successors)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack = []
    result = [None] * n
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            if i < len(successors[v]):
                work[-1] = (v, i + 1)
                w = successors[v][i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1 or v in successors[v]:
                    for w in component:
                        result[w] = v
    return result


def prologue_owner(obj, cell_owners):
    """For a closure cell or a generator object: (kind, file, qualname, line) of its function."""
    name = type(obj).__name__
    if name in ("generator", "coroutine", "async_generator"):
        code = getattr(obj, "gi_code", None) or getattr(obj, "cr_code", None) or getattr(obj, "ag_code", None)
        if code is None:
            return None
        rel = relative(code.co_filename)
        return kind_of_file(rel), rel, normal(code.co_qualname), code.co_firstlineno
    if name == "cell":
        function = cell_owners.get(id(obj))
        # A method's __class__ cell is made by the class body, at the class statement: no fix needed.
        # (The code's qualname: namedtuple renames its functions.)
        if function is None or ".<locals>." not in function.__code__.co_qualname:
            return None
        rel = relative(function.__code__.co_filename)
        return (kind_of_file(rel), rel, function.__code__.co_qualname.rsplit(".<locals>.", 1)[0],
                function.__code__.co_firstlineno)
    return None


def describe(obj):
    t = type(obj)
    if t.__name__ == "function":
        return "function " + obj.__qualname__
    if t.__name__ == "frame":
        return "frame of " + obj.f_code.co_qualname
    if t.__name__ in ("generator", "coroutine"):
        return t.__name__ + " " + obj.__qualname__
    if isinstance(obj, type):
        return "class " + obj.__qualname__
    if isinstance(obj, BaseException):
        return t.__qualname__ + " exception"
    return t.__qualname__


def edge(src, dst):
    """How src refers to dst, in a few words."""
    try:
        if getattr(src, "__dict__", None) is dst:   # before the dict test: dict subclasses have one too
            return "__dict__"
        if isinstance(src, dict):
            for k, v in src.items():
                if v is dst:
                    return "[" + repr(k)[:30] + "]"
            return "key"
        if isinstance(src, (list, tuple, set, frozenset, collections.deque)):
            return "item"
        t = type(src).__name__
        if t == "frame":
            if src.f_back is dst:
                return "f_back"
            for k, v in src.f_locals.items():
                if v is dst:
                    return "local " + k
            return "f_globals" if src.f_globals is dst else "?"
        if t == "traceback":
            return "tb_frame" if src.tb_frame is dst else "tb_next"
        if t == "cell":
            return "cell_contents"
        if t == "partial":
            return "func" if src.func is dst else "args" if src.args is dst else "keywords"
        if t == "method":
            return "__self__" if src.__self__ is dst else "__func__"
        if t == "function":
            if src.__closure__ is dst:
                return "__closure__"
            if src.__closure__ and dst in src.__closure__:
                return "closure " + src.__code__.co_freevars[src.__closure__.index(dst)]
            for a in ("__globals__", "__defaults__", "__kwdefaults__", "__dict__"):
                if getattr(src, a) is dst:
                    return a
            return "?"
        if t in ("generator", "coroutine", "async_generator"):
            frame = getattr(src, "gi_frame", None) or getattr(src, "cr_frame", None) or getattr(src, "ag_frame", None)
            if frame is not None:
                for k, v in frame.f_locals.items():
                    if v is dst:
                        return "local " + k
            return "?"
        if isinstance(src, BaseException):
            for a in ("__traceback__", "__context__", "__cause__", "args", "__dict__"):
                if getattr(src, a, None) is dst:
                    return a
        if isinstance(src, type):
            for a in ("__mro__", "__bases__", "__dict__", "__base__"):
                if a == "__dict__" and isinstance(dst, dict):
                    return "__dict__"
                if getattr(src, a, None) is dst:
                    return a
            return "?"
        if type(src) is dst:
            return "__class__"
        d = getattr(src, "__dict__", None)
        if d is dst:
            return "__dict__"
        if isinstance(d, dict):
            for k, v in d.items():
                if v is dst:
                    return "." + str(k)
        for cls in type(src).__mro__:   # a base's slots too (TimerHandle's _callback is Handle's)
            slots = cls.__dict__.get("__slots__", ())
            for slot in (slots,) if isinstance(slots, str) else slots:
                if isinstance(slot, str) and getattr(src, slot, None) is dst:
                    return "." + slot
    except Exception:
        pass
    return "?"


def find_cycle(batch, referents, start, blocked=(), limit=SEARCH_LIMIT):
    """Shortest cycle through batch[start] among the garbage objects (not through blocked ones).
    It walks the referents taken before any search: describing an edge reads an instance's
    __dict__, which makes CPython 3.12 give an object with inline attribute values a new dict,
    and a walk of gc.get_referents would then leave the garbage there."""
    parents = {}
    queue = collections.deque([start])
    seen = {start}
    while queue and len(seen) < limit:
        node = queue.popleft()
        for ref in referents[node]:
            if ref == start:
                path = [(node, ref)]
                while node != start:
                    prev = parents[node]
                    path.append((prev, node))
                    node = prev
                path.reverse()
                text = describe(batch[start])
                for src, dst in path:
                    text += " -" + edge(batch[src], batch[dst]) + "-> " + describe(batch[dst])
                return text
            if ref not in seen and ref not in blocked:
                seen.add(ref)
                parents[ref] = node
                queue.append(ref)
    return None


def run_child(module, out):
    tracemalloc.start(FRAMES)
    census = Census()
    import unittest
    from test import support
    support.use_resources = []          # like regrtest without -u: resource-hungry tests skip
    census.install()

    class Result(unittest.TextTestResult):
        def stopTest(self, test):
            super().stopTest(test)
            if gc.get_count()[0] > HARVEST_EVERY:
                census.harvest()

    started = time.time()
    suite = unittest.defaultTestLoader.loadTestsFromName(module)
    runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=0, resultclass=Result)
    result = runner.run(suite)
    census.harvest()
    sys.monitoring.set_events(4, 0)
    data = census.result()
    data.update(module=module, seconds=round(time.time() - started, 1), tests=result.testsRun,
                failures=[str(t) for t, _ in result.failures], errors=[str(t) for t, _ in result.errors],
                skipped=len(result.skipped))
    with open(out, "w") as f:
        json.dump(data, f)


# ---------------------------------------------------------------- the parent: run, compare, report

def run_modules(modules, reuse):
    os.makedirs(os.path.join(OUT, "census"), exist_ok=True)
    results = []
    for module in modules:
        out = os.path.join(OUT, "census", module + ".json")
        log = os.path.join(OUT, "census", module + ".log")
        if not (reuse and os.path.exists(out)):
            print(f"census: running {module} ...", file=sys.stderr, flush=True)
            start = time.time()
            with open(log, "w") as logf:
                code = subprocess.run([sys.executable, "-X", "frozen_modules=off", SCRIPT, "--child", module, out],
                                      stdout=logf, stderr=subprocess.STDOUT, cwd=OUT, timeout=3600).returncode
            print(f"census: {module} done in {time.time() - start:.0f} s (exit {code}; log {log})",
                  file=sys.stderr, flush=True)
            if code != 0 or not os.path.exists(out):
                print(f"census: {module} failed, see {log}", file=sys.stderr)
                continue
        with open(out) as f:
            results.append(json.load(f))
    return results


def memlint_findings(report_path, jar):
    if report_path is None:
        report_path = os.path.join(OUT, "census-memlint.json")
        cmd = ["java", "-jar", jar, "check", "--exit-zero", "--select", "MEM601", "--target-version", "3.12",
               "--format", "json", "-o", report_path, STDLIB]
        print("census: " + " ".join(cmd), file=sys.stderr, flush=True)
        subprocess.run(cmd, check=True)
    with open(report_path) as f:
        report = json.load(f)
    index = SourceIndex()
    findings = []
    for item in report:
        if item["code"] != "MEM601":
            continue
        rel = relative(item["path"])
        message = item["message"]
        by_line = index.qualname(rel, item["line"])
        cls = None
        if message.startswith("every `"):
            cls = message.split("`")[1]
        named = message.split("`")[1] if message.startswith("`") else by_line
        findings.append({"file": rel, "line": item["line"], "function": named, "by_line": by_line,
                         "class": cls, "message": message})
    return findings


def analyse(results, findings):
    mros = {}
    for r in results:
        mros.update(r["mros"])
    census = collections.defaultdict(lambda: {"objects": 0, "on_cycle": 0, "own_cycle": 0, "lib_cycle": 0,
                                              "types": collections.Counter(),
                                              "lines": collections.Counter(), "records": [],
                                              "modules": collections.Counter()})
    below = collections.Counter()      # (file, function) -> objects allocated in it or below it
    ran = set()
    # Modules taken before records had lib_cycle: their own cycles stay in the library tier.
    without_lib = sorted(r["module"] for r in results
                         if any(rec["bucket"] == "stdlib" and rec["own_cycle"] and "lib_cycle" not in rec
                                for rec in r["records"]))
    for r in results:
        ran.update((f, normal(q)) for f, q in r["ran"])
        for rec in r["records"]:
            keys = {tuple(c) for c in rec["chain"]}
            if rec["file"]:
                keys.add((rec["file"], rec["function"]))
            for key in keys:
                below[key] += rec["count"]
            if rec["bucket"] != "stdlib":
                continue
            c = census[(rec["file"], rec["function"])]
            c["objects"] += rec["count"]
            c["on_cycle"] += rec["count"] if rec["on_cycle"] else 0
            c["own_cycle"] += rec["count"] if rec["own_cycle"] else 0
            c["lib_cycle"] += rec["count"] if rec.get("lib_cycle", rec["own_cycle"]) else 0
            c["types"][rec["type"]] += rec["count"]
            c["lines"][rec["line"]] += rec["count"]
            c["modules"][r["module"]] += rec["count"]
            c["records"].append(rec)

    reported = {(f["file"], f["function"]) for f in findings} | {(f["file"], f["by_line"]) for f in findings}
    class_types = {type_key(f["file"], f["class"]) for f in findings if f["class"]}
    # The frame rule: a finding "`F` leaves a reference cycle (... frame ...)" names a cycle through
    # F's frame, so it also covers the objects on a cycle that holds a frame of F.
    frame_findings = {(f["file"], f["function"]) for f in findings if names_a_frame_cycle(f)}

    def covered_by_class(tname, classes=class_types):
        return tname in classes or any(base in classes for base in mros.get(tname, ()))

    def cycle_named_by_class(rec, classes=class_types):
        """The component rule: a class finding names the cycle the object is on."""
        return any(covered_by_class(t, classes) for t in rec.get("cycle_types", ()))

    def cycle_through_frame(rec, functions=frame_findings):
        """The frame rule: the object's cycle holds a frame of a function whose finding names it."""
        return next((f"{f[0]}:{f[1]}" for f in map(tuple, rec.get("cycle_frames", ())) if f in functions), None)

    examples = {}
    for r in results:
        for e in r["examples"]:
            key = (e["file"], e["function"])
            if key not in examples or (e["own"] and not examples[key]["own"]):
                examples[key] = e

    rows = []
    for key, c in census.items():
        covered = by_type = by_component = 0
        via = collections.Counter()
        for rec in c["records"]:
            chain = [key] + [tuple(x) for x in rec["chain"]]
            hit = next((f"{k[0]}:{k[1]}" for k in chain if k in reported), None)
            if hit is None and covered_by_class(rec["type"]):
                hit = "instance of " + rec["type"]
            if hit is not None:
                by_type += rec["count"]
            elif cycle_named_by_class(rec):
                hit = "on a cycle with " + next(t for t in rec["cycle_types"] if covered_by_class(t))
            if hit is not None:
                by_component += rec["count"]
            elif cycle_through_frame(rec):
                hit = "on a cycle through the frame of " + cycle_through_frame(rec)
            if hit is not None:
                covered += rec["count"]
                via[hit] += rec["count"]
        cycle = examples[key]["cycle"] if key in examples else None
        rows.append({"file": key[0], "function": key[1], "objects": c["objects"], "on_cycle": c["on_cycle"],
                     "own_cycle": c["own_cycle"], "lib_cycle": c["lib_cycle"],
                     "covered_objects": covered, "covered_objects_by_type": by_type,
                     "covered_objects_without_frames": by_component, "via": [k for k, _ in via.most_common(3)],
                     "types": dict(c["types"].most_common(6)), "lines": dict(c["lines"].most_common(4)),
                     "modules": dict(c["modules"]), "cycle": cycle,
                     "shape": shape(cycle) if cycle or not c["own_cycle"] else "no example found (search limit)"})
    rows.sort(key=lambda r: (-r["own_cycle"], -r["on_cycle"], -r["objects"]))

    judgments = {}
    if os.path.exists(JUDGMENTS):
        with open(JUDGMENTS) as f:
            judgments = json.load(f)
    precision = []
    for f in findings:
        keys = {(f["file"], f["function"]), (f["file"], f["by_line"])}
        ran_it = bool(keys & ran)
        seen = sum(below.get(k, 0) for k in keys)
        if f["class"]:
            own_class = {type_key(f["file"], f["class"])}
            seen += sum(rec["count"] for r in results for rec in r["records"]
                        if covered_by_class(rec["type"], own_class) or cycle_named_by_class(rec, own_class))
        if names_a_frame_cycle(f):
            own_frame = {(f["file"], f["function"])}
            seen += sum(rec["count"] for r in results for rec in r["records"] if cycle_through_frame(rec, own_frame))
        status = "not run" if not ran_it else "garbage seen" if seen else "ran, no garbage"
        j = judgments.get(f"{f['file']}:{f['line']}")
        census_cycle = next((examples[k]["cycle"] for k in keys if k in examples), None)
        precision.append(dict(f, status=status, objects_below=seen, census_cycle=census_cycle,
                              verdict=j["verdict"] if j else None, why=j["why"] if j else None))

    buckets = collections.Counter()
    for r in results:
        for rec in r["records"]:
            buckets[rec["bucket"]] += rec["count"]
    ran_stdlib = sorted(k for k in ran if kind_of_file(k[0]) == "stdlib")
    return {"buckets": dict(buckets), "modules_without_lib_cycle": without_lib,
            "ran_stdlib_functions": len(ran_stdlib),
            "ran_stdlib_files": len({f for f, _ in ran_stdlib}), "functions": rows, "precision": precision}


def shape(cycle):
    """A rough family for an example cycle, from the edges it goes through."""
    if not cycle:
        return "no cycle through its own objects (they hang off another function's cycle)"
    if "__traceback__" in cycle or "tb_frame" in cycle or "frame of" in cycle:
        return "exception / traceback / frame"
    if "__mro__" in cycle or cycle.startswith("class ") or " class " in cycle:
        return "class created at run time"
    if "cell_contents" in cycle or "closure" in cycle:
        return "closure (cell)"
    if "__self__" in cycle:
        return "bound method of an object stored in its own graph"
    return "object graph (links between instances and containers)"


def names_a_frame_cycle(finding):
    """A function finding whose cycle goes through the function's frame (not a class made per call)."""
    return (not finding["class"] and " leaves a reference cycle (" in finding["message"]
            and "-> frame" in finding["message"].split(" leaves a reference cycle (", 1)[1])


def normal(qualname):
    """A code object's qualname as the def around it: lambdas and generator expressions drop."""
    for tail in (".<locals>.<lambda>", ".<locals>.<genexpr>", ".<lambda>", ".<genexpr>"):
        while qualname.endswith(tail):
            qualname = qualname[: -len(tail)]
    return qualname


def type_key(rel, cls):
    module = rel[:-3].replace("/", ".")
    if module.endswith(".__init__"):
        module = module[: -len(".__init__")]
    return module + ":" + cls


LIB_TIER = "functions with objects on a cycle through neither a test's frame nor an object made by test code"


def tiers(rows):
    """The function sets recall is taken over, widest first."""
    return (("every census function", rows),
            ("functions with objects on a cycle", [r for r in rows if r["on_cycle"]]),
            ("functions with objects on a cycle not through a test's frame", [r for r in rows if r["own_cycle"]]),
            (LIB_TIER, [r for r in rows if r["lib_cycle"]]))


def recall(rows, covered_key="covered_objects"):
    """Functions found, functions, objects covered, objects; covered_objects_by_type gives the
    figures under the older rule (a class finding covers only instances of the class),
    covered_objects_without_frames those without the frame rule."""
    found = [r for r in rows if r[covered_key]]
    objects = sum(r["objects"] for r in rows)
    covered = sum(r[covered_key] for r in rows)
    return len(found), len(rows), covered, objects


def print_summary(results, analysis, top):
    print("\n== Cyclic garbage per test module: objects; buckets; top stdlib functions"
          " (objects, on a cycle, on a cycle not through a test's frame)")
    for r in results:
        b = collections.Counter()
        per = collections.Counter()
        on = collections.Counter()
        own = collections.Counter()
        for rec in r["records"]:
            b[rec["bucket"]] += rec["count"]
            if rec["bucket"] == "stdlib":
                per[f"{rec['file']}:{rec['function']}"] += rec["count"]
                on[f"{rec['file']}:{rec['function']}"] += rec["count"] if rec["on_cycle"] else 0
                own[f"{rec['file']}:{rec['function']}"] += rec["count"] if rec["own_cycle"] else 0
        print(f"{r['module']:30} {sum(b.values()):7} objects; tests {r['tests']} (failed {len(r['failures'])}, "
              f"errors {len(r['errors'])}, skipped {r['skipped']}); {r['seconds']} s; "
              f"its gc.collect calls {r['collect_calls']}")
        print("    " + ", ".join(f"{k} {v}" for k, v in b.most_common()))
        for k, v in per.most_common(top):
            print(f"    {v:7} {on[k]:7} {own[k]:7}  {k}")
    rows = analysis["functions"]
    print(f"\nThe tests ran {analysis['ran_stdlib_functions']} stdlib functions in {analysis['ran_stdlib_files']} files;"
          f" {len(rows)} stdlib functions have cyclic garbage attributed. Objects per bucket: "
          + ", ".join(f"{k} {v}" for k, v in sorted(analysis["buckets"].items(), key=lambda kv: -kv[1])))
    for label, subset in tiers(rows):
        nf, n, covered, objects = recall(subset)
        if n:
            print(f"\n== Recall over {label}: {nf}/{n} = {nf / n:.2f}; "
                  f"by objects {covered}/{objects} = {covered / max(objects, 1):.2f}")
            nf, n, covered, objects = recall(subset, "covered_objects_without_frames")
            print(f"   (without the frame rule: {nf}/{n} = {nf / n:.2f}; "
                  f"by objects {covered}/{objects} = {covered / max(objects, 1):.2f})")
            nf, n, covered, objects = recall(subset, "covered_objects_by_type")
            print(f"   (a class finding covering only its instances: {nf}/{n} = {nf / n:.2f}; "
                  f"by objects {covered}/{objects} = {covered / max(objects, 1):.2f})")
    if analysis["modules_without_lib_cycle"]:
        print("   (taken before records had lib_cycle, their own cycles kept in the last tier: "
              + ", ".join(analysis["modules_without_lib_cycle"]) + ")")
    left_out = [r for r in rows if r["own_cycle"] and not r["lib_cycle"]]
    print(f"\n-- left out of the last tier: on own cycles only through the tests' objects ({len(left_out)} functions, "
          f"{sum(r['own_cycle'] for r in left_out)} objects on own cycles; objects, own cycle, covered)")
    for row in left_out:
        print(f"  {row['objects']:7} {row['own_cycle']:7} {row['covered_objects']:7}  {row['file']}:{row['function']}")
        if row["cycle"]:
            print(f"                   cycle: {row['cycle'][:300]}")
    print("\n-- found (objects, on a cycle, on an own cycle, covered; reported at)")
    for row in rows:
        if row["covered_objects"]:
            print(f"  {row['objects']:7} {row['on_cycle']:7} {row['own_cycle']:7} {row['covered_objects']:7}  "
                  f"{row['file']}:{row['function']}  <- {', '.join(row['via'])}")
    missed = [r for r in rows if not r["covered_objects"]]
    print("\n-- missed with objects on own cycles, by family of the example cycle (functions, objects)")
    families = collections.defaultdict(list)
    for row in missed:
        if row["own_cycle"]:
            families[row["shape"]].append(row)
    for name, members in sorted(families.items(), key=lambda kv: -sum(r["own_cycle"] for r in kv[1])):
        print(f"  {name}: {len(members)} functions, {sum(r['own_cycle'] for r in members)} objects")
    print(f"\n-- missed, top {top} of {len(missed)} (objects, on a cycle, on an own cycle)")
    for row in missed[:top]:
        print(f"  {row['objects']:7} {row['on_cycle']:7} {row['own_cycle']:7}  {row['file']}:{row['function']}"
              f"  lines {row['lines']}")
        print(f"                   types {row['types']}")
        if row["cycle"]:
            print(f"                   cycle: {row['cycle'][:300]}")
    print("\n== MEM601 findings in stdlib code, and in test code the tests ran")
    counts = collections.Counter()
    for p in analysis["precision"]:
        counts[p["status"]] += 1
        if kind_of_file(p["file"]) == "test" and p["status"] == "not run":
            continue
        verdict = f", judged {p['verdict']}" if p["verdict"] else ""
        print(f"  [{p['status']}{verdict}] {p['file']}:{p['line']} {p['function']} ({p['objects_below']} objects below)")
        if p["status"] == "garbage seen":
            print(f"        memlint: {p['message'][:220]}")
            if p["census_cycle"]:
                print(f"        census:  {p['census_cycle'][:220]}")
        if p["status"] == "ran, no garbage":
            print(f"        {p['message'][:220]}")
            if p["why"]:
                print(f"        why: {p['why']}")
    print("  " + ", ".join(f"{s}: {n}" for s, n in sorted(counts.items())))
    unread = [p for p in analysis["precision"] if p["status"] == "ran, no garbage"]
    wrong = sum(1 for p in unread if p["verdict"] == "wrong")
    print(f"  ran without garbage: {len(unread)}; judged wrong: {wrong}; "
          f"not judged yet: {sum(1 for p in unread if not p['verdict'])}")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        run_child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description="Census of cyclic garbage in CPython's tests vs MEM601")
    parser.add_argument("--modules", nargs="+", default=MODULES)
    parser.add_argument("--reuse", action="store_true", help="keep per-module results already written")
    parser.add_argument("--memlint-json", help="a memlint JSON report to use instead of running memlint")
    parser.add_argument("--jar", default=os.path.join(ROOT, "target", "memlint.jar"))
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 12):
        sys.exit("census: run me with CPython 3.12 (bench/census does)")
    results = run_modules(args.modules, args.reuse)
    findings = memlint_findings(args.memlint_json, args.jar)
    analysis = analyse(results, findings)
    print_summary(results, analysis, args.top)
    keep = ("module", "tests", "failures", "errors", "skipped", "seconds", "collect_calls", "enable_calls",
            "harvests", "harvest_cpu_seconds")
    rows = analysis["functions"]
    summary = {"stdlib": STDLIB, "modules": [{k: r.get(k) for k in keep} for r in results],
               "recall": [{"over": label, "functions_found": recall(subset)[0], "functions": recall(subset)[1],
                           "objects_covered": recall(subset)[2], "objects": recall(subset)[3],
                           "functions_found_by_type": recall(subset, "covered_objects_by_type")[0],
                           "functions_found_without_frames": recall(subset, "covered_objects_without_frames")[0]}
                          for label, subset in tiers(rows)],
               **analysis}
    path = os.path.join(OUT, "census.json")
    with open(path, "w") as f:
        json.dump(summary, f, indent=1)
    print(f"\ncensus: wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
