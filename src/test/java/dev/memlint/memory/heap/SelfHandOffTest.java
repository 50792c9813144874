package dev.memlint.memory.heap;

import dev.memlint.ast.Module;
import dev.memlint.ast.Stmt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Class calls, property accesses and calls of instances, as the prefilter judges them: the
 * instance a class call makes can be in a cycle only if its __init__, or a method that runs on it,
 * hands self on. Each verdict is checked against the analysis itself: a function the prefilter
 * skips has no cycle, and one it keeps here has one.
 */
class SelfHandOffTest {
    private static final String MODULE = """
            import functools

            class Record:
                def __init__(self, key, value):
                    self.key = key
                    self.value = value
                    self.tags = []

            class Registered:
                def __init__(self, registry):
                    self.registry = registry
                    self._register()

                def _register(self):
                    self.registry.append(self)

            class Base:
                def __init__(self):
                    self.handler = self.run

                def run(self):
                    return 1

            class Child(Base):
                def __init__(self, name):
                    super().__init__()
                    self.name = name

            class Stream:
                def __init__(self, lines):
                    self.lines = lines
                    self.rest = self.pending()

                def pending(self):
                    for line in self.lines:
                        yield line

            class Fluent:
                def __init__(self):
                    self.me = self.setup()

                def setup(self):
                    self.ready = True
                    return self

            class Panel:
                def __init__(self, title):
                    self.title = title
                    self._owner = None
                    self.members = []

                @property
                def owner(self):
                    return self._owner

                @owner.setter
                def owner(self, panel):
                    panel.members.append(self)
                    self._owner = panel

            class Folder:
                def __init__(self, size):
                    self.size = size

                @functools.cached_property
                def entries(self):
                    return [Entry(self, i) for i in range(self.size)]

            class Entry:
                def __init__(self, folder, index):
                    self.folder = folder
                    self.index = index

            class Factory:
                def __init__(self):
                    self.kind = "text"

                def __call__(self, name):
                    return type(name, (), {})

            def records(n):
                return [Record(i, str(i)) for i in range(n)]

            def registered(n):
                shared = []
                for i in range(n):
                    Registered(shared)
                return len(shared)

            def streams(lines):
                return Stream(lines)

            def fluent():
                return Fluent()

            def build_panels(n):
                root = Panel("root")
                for i in range(n):
                    Panel(str(i)).owner = root
                return len(root.members)

            def list_folder(n):
                folder = Folder(n)
                return [entry.index for entry in folder.entries]

            def make_classes(names):
                factory = Factory()
                return [factory(name) for name in names]
            """;

    private final Module module = HeapCycles.parse(MODULE);
    private final HeapAnalyzer heap = new HeapAnalyzer(new ModuleIndex(module));

    @ParameterizedTest
    @CsvSource({
            "records, false", // __init__ only stores its arguments and a new list on self
            "registered, true", // _register, run on self, appends it to the list the caller passed
            "streams, true", // the generator pending() returns holds self
            "fluent, true", // setup() returns self, which __init__ stores on it
            "build_panels, true", // the owner setter appends each new panel to the root's members
            "list_folder, true", // the cached entries refer back to the folder that keeps them
            "make_classes, true", // factory(name) runs Factory.__call__, which makes a class object
    })
    void aClassCallOrAnAccessorIsACandidateOnlyWhenItCanLinkBack(String name, boolean candidate) {
        Stmt.FunctionNode f = function(name);
        assertEquals(candidate, heap.mayLeaveCycle(f), name);
        HeapAnalyzer.Summary s = heap.summary(f);
        assertFalse(s.gaveUp(), name);
        assertEquals(candidate, !CycleFinder.find(s.exit(), null).isEmpty(), name + ": the analysis finds a cycle");
    }

    /** Child's runs Base.__init__ through super(), which keeps a bound method of self. */
    @ParameterizedTest
    @CsvSource({"Record, false", "Registered, true", "Child, true", "Stream, true", "Fluent, true", "Panel, false"})
    void anInitHandsSelfOnThroughWhatItRunsOnSelf(String cls, boolean handsOn) {
        Stmt.FunctionNode init = new ModuleIndex(module).method(cls, "__init__");
        assertEquals(handsOn, heap.mayHandOnSelf(init), cls);
    }

    @ParameterizedTest
    @CsvSource({"Record, false", "Registered, false", "Stream, true", "Fluent, true"})
    void anInitLeavesItsInstanceInACycleOfItsOwnOnlyByHandingSelfOn(String cls, boolean selfCycle) {
        Stmt.FunctionNode init = new ModuleIndex(module).method(cls, "__init__");
        assertEquals(selfCycle, heap.makesSelfCycle(init), cls);
    }

    private Stmt.FunctionNode function(String name) {
        return HeapCycles.function(module, name);
    }
}
