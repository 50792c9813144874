package dev.memlint.memory.size;

import dev.memlint.ast.Module;
import dev.memlint.memory.CollectorMode;
import dev.memlint.memory.Estimates;
import dev.memlint.memory.SizeModel;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls through super(): a method of a module class is followed; one that reaches a base outside
 * the module (a library or builtin class) is code the estimate does not see, so it is listed.
 */
class SuperCallsTest {
    private static final String SOURCE = """
            import io

            class Base:
                def __init__(self):
                    self.items = []

                def close(self):
                    self.items = None

            class Local(Base):
                def __init__(self):
                    super().__init__()

                def close(self):
                    return super().close()

            class Plain:
                def __init__(self):
                    super().__init__()

            class Reader(io.RawIOBase):
                def close(self):
                    self._state = None
                    return super().close()

            class Marked(classmethod):
                def __init__(self, fn):
                    super().__init__(fn)

            class Table(dict):
                def row(self, key):
                    return super().setdefault(key, [])

            class Wrapped(Local, io.RawIOBase):
                def flush(self):
                    return super().flush()

            class Failure(ValueError):
                def __init__(self, field):
                    super().__init__(f"bad {field}")

            def fail(field):
                return Failure(field)
            """;

    private static List<String> limits(String function) {
        Module module = PythonSourceParser.parse(SOURCE.getBytes(StandardCharsets.UTF_8), PythonVersion.PY312).module();
        return Estimates.of(module, "t.py", SizeModel.of("3.12"), CollectorMode.ON, Map.of()).stream()
                .filter(e -> e.qualname().equals(function)).findFirst().orElseThrow().limits();
    }

    @Test
    void methodsOfModuleBasesAndObjectAreFollowedSilently() {
        assertEquals(List.of(), limits("Local.__init__"));
        assertEquals(List.of(), limits("Local.close"));
        assertEquals(List.of(), limits("Plain.__init__"));
        assertEquals(List.of(), limits("fail")); // the new instance is an exception: its args are modelled
    }

    @Test
    void methodsOfLibraryBasesAreListedAsNotFollowed() {
        assertEquals(List.of("call of super().close at line 24 not followed"), limits("Reader.close"));
        assertEquals(List.of("call of super().__init__ at line 28 not followed"), limits("Marked.__init__"));
        assertEquals(List.of("call of super().setdefault at line 32 not followed"), limits("Table.row"));
    }

    @Test
    void aLibraryBaseAfterAModuleBaseIsReachedToo() {
        assertTrue(limits("Wrapped.flush").contains("call of super().flush at line 36 not followed"),
                () -> limits("Wrapped.flush").toString());
    }
}
