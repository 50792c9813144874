package dev.memlint.memory.heap;

import dev.memlint.ast.Module;
import dev.memlint.ast.Stmt;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which functions the heap analysis skips. A skipped function must be one the analysis would find
 * no cycle in: each case checks that too, by analysing it anyway.
 */
class CycleCandidatesTest {
    private static final String MODULE = """
            import types

            class Node:
                def __init__(self, parent=None):
                    self.parent = parent
                    self.children = []
                    if parent is not None:
                        parent.children.append(self)

                def rename(self, name):
                    self.name = name
                    self.names.append(name)

                def add(self, name):
                    child = Node(self)
                    child.name = name
                    return child

            def link(a, b):
                a.other = b
                b.other = a

            def counts(words):
                total = {}
                for w in words:
                    total[w] = len(w)
                    total["n"] += 1
                return total

            def tree():
                root = Node()
                Node(root)

            def rename_one(node, label):
                node.rename(label)

            def link_params(a, b):
                link(a, b)

            def link_new():
                link(Node(), Node())

            def self_list():
                xs = []
                xs.append(xs)

            def reads_error():
                try:
                    open("f")
                except OSError as e:
                    print(e)
                    raise RuntimeError(str(e)) from e

            def link_reached(a, b):
                link(a.left, b[0])

            def link_unknown(a):
                link(a, open("f"))

            def link_opened(a):
                b = open("f")
                link(a, b)

            def link_local(a):
                b = [a]
                link(a, b)

            def add_sizes(parts):
                total = 0
                for p in parts:
                    total += p
                return total

            def extend_self():
                xs = []
                xs += [xs]

            REGISTRY = {}

            def register(name, factory):
                REGISTRY[name] = [factory]
                REGISTRY.handlers.append(factory)

            def register_local(name):
                entry = {}
                entry["self"] = entry

            def configure(name):
                parser = argparse.make_parser()
                parser.prog = name
                parser.groups.append([name])

            def configure_argparse(name):
                parser = argparse.ArgumentParser()
                parser.prog = name

            class Registry:
                items = None

                def keep(self, item):
                    self.items = [item]

            def keep_in_own(n):
                registry = Registry()
                keep = registry.keep
                keep([registry])
                return n

            def keeps_error():
                try:
                    open("f")
                except OSError as e:
                    error = e
                return None

            class Plain:
                pass

            def make_node_last(parent):
                make = Plain
                if parent:
                    make = Node
                make(parent)

            def make_plain_last(parent):
                make = Node
                if parent:
                    make = Plain
                make(parent)

            class Writer:
                def write(self, text):
                    self.parts.append(text)

            class Page:
                def write(self, out, style):
                    out.write(self.title)

            def render(page, out):
                page.write(out, {"bold": True})

            def render_into_new(page):
                page.write(Writer(), None)

            def grow(node, depth):
                if depth:
                    grow(node.add("x"), depth - 1)

            def grown(n):
                root = Node()
                grow(root, n)

            TREE = Node()

            def tally(words, seen):
                counts = {}
                for w in words:
                    entry = counts.get(w)
                    if entry is None:
                        entry = counts[w] = []
                    entry.append(w)
                return counts

            def tally_lines(text):
                return tally(text.split(), [])

            def grown_global(n):
                grow(TREE, n)

            def namespace():
                ns = types.SimpleNamespace()
                ns.me = ns

            def namespace_of_numbers():
                ns = types.SimpleNamespace()
                ns.size = 1

            def plain_items(names):
                out = []
                for name in names:
                    item = Plain()
                    item.name = name
                    out.append(item)
                return out

            def children_of(nodes):
                out = []
                for node in nodes:
                    out.append(node.children)
                return out

            def owned_items():
                items = [Plain(), Plain()]
                for item in items:
                    item.owner = items
                return len(items)

            def callbacks():
                out = []
                out.append(lambda: len(out))
                return len(out)

            def errors_kept():
                errors = []
                try:
                    open("f")
                except OSError as e:
                    errors.append(e)
                return len(errors)

            def add_plain(node):
                items = node.children
                items.append(Plain())

            def add_plain_to_new():
                node = Node()
                add_plain(node)

            def self_linked_by_alias():
                make = Plain
                item = make()
                item.me = item
            """;

    private final Module module = HeapCycles.parse(MODULE);
    private final HeapAnalyzer heap = new HeapAnalyzer(new ModuleIndex(module));

    private Stmt.FunctionNode function(String name) {
        return HeapCycles.function(module, name);
    }

    private void assertCandidate(String name, boolean expected) {
        Stmt.FunctionNode f = function(name);
        assertEquals(expected, heap.mayLeaveCycle(f), name);
        if (!expected) {
            HeapAnalyzer.Summary s = heap.summary(f);
            assertTrue(s.gaveUp() || CycleFinder.find(s.exit(), null).isEmpty(), name + " has a cycle after all");
        }
    }

    @Test
    void aLocalNameForAClassCallsTheClassLastAssignedToIt() {
        assertCandidate("make_node_last", true); // Node(parent) appends the new node to parent.children
        assertCandidate("make_plain_last", false);
    }

    @Test
    void storesOfNumbersOrIntoParametersAreSkipped() {
        assertCandidate("counts", false); // total[w] = len(w): no object stored
        assertCandidate("rename_one", false); // Node.rename stores only into its own self
        assertCandidate("link_params", false); // link stores into what the caller got from outside
    }

    @Test
    void storesThatCanCloseACycleAreAnalysed() {
        assertCandidate("self_list", true);
        assertCandidate("link_new", true); // link stores into the caller's new nodes
        assertCandidate("tree", true); // Node(root) appends itself to root.children and points back
        assertTrue(CycleFinder.find(heap.summary(function("tree")).exit(), null).size() > 0);
    }

    @Test
    void argumentsFromOutsideTheCallAreSkipped() {
        assertCandidate("link_reached", false); // what a parameter reaches lives outside the call too
        assertCandidate("link_unknown", false); // the result of unknown code is no object to the analysis
        assertCandidate("link_opened", false); // b holds only what unknown code returned
        assertCandidate("link_local", true);
    }

    @Test
    void augmentedAssignmentCountsOnlyOnWhatMayBeAContainer() {
        assertCandidate("add_sizes", false); // total holds only numbers
        assertCandidate("extend_self", true);
        assertFalse(CycleFinder.find(heap.summary(function("extend_self")).exit(), null).isEmpty());
    }

    @Test
    void storesIntoModuleGlobalsAreSkipped() {
        assertCandidate("register", false); // what a global holds stays reachable from it
        assertCandidate("register_local", true);
        assertCandidate("configure", false); // parser holds what unknown code made: no object to the analysis
        assertCandidate("configure_argparse", true); // an ArgumentParser is cyclic from its constructor on
    }

    @Test
    void aCallOfABoundMethodHeldInALocalCountsAsACallOfThatMethod() {
        assertCandidate("keep_in_own", true); // Registry.keep stores a new list into the registry
        assertFalse(CycleFinder.find(heap.summary(function("keep_in_own")).exit(), null).isEmpty());
    }

    @Test
    void aCallBackIntoAFunctionStoresOnlyWhatItsOwnStoresDo() {
        // out.write() in Page.write may run Page.write itself: its stores are still only into out
        assertCandidate("render", false); // the new dict goes to style, which nothing stores into
        assertCandidate("render_into_new", true); // a new Writer goes to out, which Writer.write stores into
    }

    @Test
    void aCalleeThatStoresOnlyIntoItsOwnObjectsByItsAnalysisStoresNothingOfTheCaller() {
        // entry.append(w) stores into a local that may hold anything: by its syntax tally may store
        // anywhere, but its analysis has it store only into the lists it makes
        assertCandidate("tally", true);
        assertCandidate("tally_lines", false);
    }

    @Test
    void anAdderCallMayRunAModuleMethodOfThatName() {
        // node.add() may be a set's add or Node.add, which the analysis runs: grow stores into what it is given
        assertCandidate("grown", true);
        assertCandidate("grown_global", true); // its only call is grow's, which runs Node.add on what it is given
        assertFalse(CycleFinder.find(heap.summary(function("grown")).exit(), null).isEmpty());
    }

    @Test
    void aLibraryObjectKeepsWhatIsStoredIntoIt() {
        assertCandidate("namespace", true);
        assertFalse(CycleFinder.find(heap.summary(function("namespace")).exit(), null).isEmpty());
        assertCandidate("namespace_of_numbers", false);
    }

    @Test
    void aStoreIntoALocalCountsOnlyWithAValueLinkedToIt() {
        assertCandidate("plain_items", false); // each new item goes into out, and refers to nothing of it
        assertCandidate("children_of", false); // what a parameter reaches lives outside the call
        for (String linked : new String[] {"owned_items", "callbacks", "errors_kept"}) {
            // an item of the list that refers to the list; a closure reading the list's name; an
            // exception whose traceback holds the frame, which holds the list
            assertCandidate(linked, true);
            assertFalse(CycleFinder.find(heap.summary(function(linked)).exit(), null).isEmpty(), linked);
        }
    }

    @Test
    void aStoreIntoALocalThatMayHoldACallersObjectIsAStoreIntoTheCallers() {
        assertCandidate("add_plain", false);
        assertCandidate("add_plain_to_new", true); // items may be the caller's node's children
    }

    @Test
    void aCallOfALocalBoundToAModuleClassMakesAnObject() {
        assertCandidate("self_linked_by_alias", true); // item holds a Plain, which then refers to itself
        assertFalse(CycleFinder.find(heap.summary(function("self_linked_by_alias")).exit(), null).isEmpty());
    }

    @Test
    void aCaughtExceptionCountsOnlyWhenKept() {
        assertCandidate("reads_error", false);
        assertCandidate("keeps_error", true);
        assertFalse(CycleFinder.find(heap.summary(function("keeps_error")).exit(), null).isEmpty());
    }
}
