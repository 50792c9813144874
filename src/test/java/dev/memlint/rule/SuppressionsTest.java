package dev.memlint.rule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuppressionsTest {
    @Test
    void bareNoqaSuppressesEveryCodeOnItsLineOnly() {
        Suppressions s = new Suppressions();
        s.addComment(3, false, "# noqa");
        assertTrue(s.isSuppressed("MEM201", 3));
        assertTrue(s.isSuppressed("MEM501", 3));
        assertFalse(s.isSuppressed("MEM201", 4));
    }

    @Test
    void noqaWithCodesSuppressesOnlyThose() {
        Suppressions s = new Suppressions();
        s.addComment(7, false, "# keep it short  # noqa: MEM201, mem202");
        assertTrue(s.isSuppressed("MEM201", 7));
        assertTrue(s.isSuppressed("MEM202", 7));
        assertFalse(s.isSuppressed("MEM301", 7));
    }

    @Test
    void aPeerLintersCodeForTheSameCheckSuppressesMemlintsOnly() {
        Suppressions s = new Suppressions();
        s.addComment(2, false, "# noqa: B019");
        s.addComment(3, false, "# noqa: perf101, E501");
        s.addComment(4, false, "# noqa: C419 FURB129,RUF017");
        assertTrue(s.isSuppressed("MEM602", 2));
        assertFalse(s.isSuppressed("MEM603", 2));
        assertTrue(s.isSuppressed("MEM302", 3));
        assertTrue(s.isSuppressed("MEM104", 3));
        assertFalse(s.isSuppressed("MEM301", 3));
        assertTrue(s.isSuppressed("MEM301", 4) && s.isSuppressed("MEM305", 4) && s.isSuppressed("MEM203", 4));
        assertFalse(s.isSuppressed("MEM602", 4));
    }

    @Test
    void b019OnACachedMethodSilencesMem602ThroughTheEngine() {
        String code = """
                import functools


                class Parser:
                    @functools.lru_cache(maxsize=None)%s
                    def parse(self, text):
                        return text.split()
                """;
        assertTrue(Linting.lint("a.py", code.formatted("")).stream().anyMatch(f -> f.code().equals("MEM602")));
        assertFalse(Linting.lint("a.py", code.formatted("  # noqa: B019")).stream().anyMatch(f -> f.code().equals("MEM602")));
    }

    @Test
    void fileLevelNoqaNeedsItsOwnLine() {
        Suppressions file = new Suppressions();
        file.addComment(1, true, "# memlint: noqa: MEM501");
        assertTrue(file.isSuppressed("MEM501", 40));
        assertFalse(file.isSuppressed("MEM201", 40));

        Suppressions all = new Suppressions();
        all.addComment(2, true, "# memlint: noqa");
        assertTrue(all.isSuppressed("MEM604", 99));

        Suppressions trailing = new Suppressions();
        trailing.addComment(5, false, "# memlint: noqa");
        assertFalse(trailing.isSuppressed("MEM604", 99));
    }

    @Test
    void wordsThatMerelyContainNoqaDoNotCount() {
        Suppressions s = new Suppressions();
        s.addComment(1, false, "# see the noqa docs");
        assertFalse(s.isSuppressed("MEM201", 1));
    }

    @Test
    void onlyCommentsMentioningNoqaInAnyCaseAreLookedAt() {
        for (String c : new String[] {"# noqa", "#NOQA:MEM201", "# memlint: NoQa", "# x  # noqa: MEM1"}) {
            assertTrue(Suppressions.mayBeNoqa(c), c);
        }
        for (String c : new String[] {"#", "# nothing to see", "# noq", "# n o q a"}) {
            assertFalse(Suppressions.mayBeNoqa(c), c);
        }
    }
}
