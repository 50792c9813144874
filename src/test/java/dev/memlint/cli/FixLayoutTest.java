package dev.memlint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --fix on files as editors on every platform save them, --diff and --show-fixes. */
class FixLayoutTest {
    /** One safe fix (MEM302: list() around range() in a for). */
    private static final String FIXABLE = "def f(n):\n    for i in list(range(n)):\n        print(i)\n";
    private static final String FIXED = "def f(n):\n    for i in range(n):\n        print(i)\n";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withBom(String s) {
        byte[] text = utf8(s);
        byte[] out = new byte[text.length + 3];
        System.arraycopy(BOM, 0, out, 0, 3);
        System.arraycopy(text, 0, out, 3, text.length);
        return out;
    }

    @Test
    void crlfAndBomFilesAreFixedAndKeepTheirLayout() throws IOException {
        Path crlf = write("crlf.py", utf8(FIXABLE.replace("\n", "\r\n")));
        Path bom = write("bom.py", withBom(FIXABLE));
        Path both = write("both.py", withBom(FIXABLE.replace("\n", "\r\n")));
        Path cr = write("cr.py", utf8(FIXABLE.replace("\n", "\r")));
        CliRun run = CliRun.of("check", "--extend-select", "MEM302", "--fix", crlf.toString(), bom.toString(), both.toString(), cr.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("applied 4 fix(es)"), run::toString);
        assertArrayEquals(utf8(FIXED.replace("\n", "\r\n")), Files.readAllBytes(crlf));
        assertArrayEquals(withBom(FIXED), Files.readAllBytes(bom));
        assertArrayEquals(withBom(FIXED.replace("\n", "\r\n")), Files.readAllBytes(both));
        assertArrayEquals(utf8(FIXED.replace("\n", "\r")), Files.readAllBytes(cr));
    }

    @Test
    void filesThatCannotBeRebuiltAreLeftAloneWithTheReason() throws IOException {
        byte[] mixed = utf8("def f(n):\r\n    for i in list(range(n)):\n        print(i)\n");
        Path m = write("mixed.py", mixed);
        byte[] latin1 = "# -*- coding: latin-1 -*-\ndef f(n):\n    for i in list(range(n)):\n        print('\u00e9', i)\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path l = write("latin1.py", latin1);
        CliRun run = CliRun.of("check", "--extend-select", "MEM302", "--fix", m.toString(), l.toString());
        assertEquals(1, run.exitCode(), "their findings remain: " + run);
        assertTrue(run.err().contains(l + ": not fixed: not UTF-8"), run::toString);
        assertTrue(run.err().contains(m + ": not fixed: mixed line endings"), run::toString);
        assertTrue(run.err().contains("applied 0 fix(es)"), run::toString);
        assertArrayEquals(mixed, Files.readAllBytes(m));
        assertArrayEquals(latin1, Files.readAllBytes(l));
    }

    @Test
    void diffShowsTheFixesAndWritesNothing() throws IOException {
        Path f = write("a.py", utf8(FIXABLE));
        Path clean = write("b.py", utf8(FIXED));
        CliRun run = CliRun.of("check", "--extend-select", "MEM302", "--diff", f.toString(), clean.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("--- a/" + f + "\n+++ b/" + f + "\n@@ -1,3 +1,3 @@\n def f(n):\n-    for i in list(range(n)):\n"
                + "+    for i in range(n):\n         print(i)\n", run.out());
        assertArrayEquals(utf8(FIXABLE), Files.readAllBytes(f));
        CliRun none = CliRun.of("check", "--extend-select", "MEM302", "--diff", clean.toString());
        assertEquals(0, none.exitCode(), none::toString);
        assertEquals("", none.out());
    }

    @Test
    void showFixesListsThemPerFileAndRule() throws IOException {
        Path f = write("a.py", utf8(FIXABLE + FIXABLE.replace("def f", "def g")));
        CliRun run = CliRun.of("check", "--extend-select", "MEM302", "--fix", "--show-fixes", f.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Fixed 2 findings:\n- " + f + ":\n    2 × MEM302 (materialized-lazy-iterable)\n"), run::toString);
    }
}
