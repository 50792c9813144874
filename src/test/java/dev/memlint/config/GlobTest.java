package dev.memlint.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {
    /** glob, path, whether it matches: what java.nio's "glob:" matcher, used before, answers too. */
    private static final String[][] TABLE = {
            {"*.py", "a.py", "true"}, {"*.py", "dir/a.py", "false"}, {"*.py", ".py", "true"},
            {"**.py", "dir/a.py", "true"}, {"**/*.py", "a.py", "false"}, {"**/*.py", "d/a.py", "true"},
            {"tests/**", "tests", "false"}, {"tests/**", "tests/a", "true"}, {"tests/**", "tests/a/b.py", "true"},
            {"foo/**/bar", "foo/bar", "false"}, {"foo/**/bar", "foo/x/y/bar", "true"},
            {"**/fixtures", "fixtures", "false"}, {"**/fixtures", "a/b/fixtures", "true"},
            {"**", "a/b/c", "true"}, {"**", "", "true"}, {"*", "", "true"}, {"*", "a/b", "false"},
            {"a**b", "a/x/b", "true"}, {"a*b", "a/b", "false"}, {"***", "a/b", "true"},
            {"?.py", "a.py", "true"}, {"?.py", "ab.py", "false"}, {"a?b", "a/b", "false"},
            {"[abc].py", "b.py", "true"}, {"[!abc].py", "b.py", "false"}, {"[!abc].py", "d.py", "true"},
            {"[^abc].py", "^.py", "true"}, {"[^abc].py", "d.py", "false"}, {"[a-c]", "b", "true"},
            {"[a-c]", "d", "false"}, {"[-a]", "-", "true"}, {"[a-]", "-", "true"}, {"[!-a]", "b", "true"},
            {"[!a]", "/", "false"}, {"[a-a]", "a", "true"}, {"[[]", "[", "true"}, {"[a&&b]", "&", "true"},
            {"[.]", ".", "true"}, {"[*]", "*", "true"}, {"[*]", "x", "false"}, {"[?]", "?", "true"},
            {"[{]", "{", "true"}, {"[\\]]", "\\]", "true"}, {"[\\]]", "]", "false"},
            {"a{b,c}d", "abd", "true"}, {"a{b,c}d", "acd", "true"}, {"a{b,c}d", "ad", "false"},
            {"{,x}y", "y", "true"}, {"{*.py,*.pyi}", "a.pyi", "true"}, {"{*.py,*.pyi}", "a.pyc", "false"},
            {"{[,]}", ",", "true"}, {"{a,b,}", "", "true"}, {"{}", "", "true"}, {"*{a,b}", "xxb", "true"},
            {"{a,b}{c,d}", "bc", "true"}, {"{a,b}{c,d}", "ba", "false"}, {"{a/*,b}", "a/x", "true"},
            {"a,b", "a,b", "true"}, {"a}b", "a}b", "true"}, {"\\*", "*", "true"}, {"\\*", "a", "false"},
            {"a\\b", "ab", "true"}, {"\\[", "[", "true"}, {"\\{a,b}", "{a,b}", "true"}, {"{a,\\,}", ",", "true"},
            {"{a\\}b}", "a}b", "true"}, {"/abs/*.py", "/abs/x.py", "true"}, {".*", ".git", "true"},
            {".*", "xgit", "false"}, {"(a)", "(a)", "true"}, {"a+", "aa", "false"}, {"a|b", "a|b", "true"},
            {"$^", "$^", "true"}, {"x*", "x\ny", "true"}, {"x?y", "x\ny", "true"}, {"", "", "true"},
            {"", "a", "false"}, {"\uD83D\uDE00?", "\uD83D\uDE00\uD83D\uDE00", "true"}, {"?", "\uD83D\uDE00", "true"},
            {"[!a]", "\uD83D\uDE00", "true"}, {"build", "build", "true"}, {"build", "Build", "false"},
            {"generated/*.py", "generated/a.py", "true"}, {"generated/*.py", "generated/x/a.py", "false"},
    };

    @Test
    void answersAsJavaNioDidOnATableOfGlobs() {
        for (String[] row : TABLE) {
            String glob = row[0], path = row[1];
            boolean expected = Boolean.parseBoolean(row[2]);
            assertEquals(expected, Glob.compile(glob).matches(path), glob + " ~ " + path);
            assertEquals(expected, javaNio(glob, path), "the table disagrees with java.nio: " + glob + " ~ " + path);
        }
    }

    /** The one intended difference: java.nio's "**" became a regex ".", which skips line breaks. */
    @Test
    void doubleStarAlsoCrossesLineBreaks() {
        assertTrue(Glob.compile("x**").matches("x\ny"));
        assertFalse(javaNio("x**", "x\ny"));
    }

    /** Random globs over a small alphabet against random paths: every answer as java.nio's. */
    @Test
    void agreesWithJavaNioOnRandomGlobs() {
        String[] globParts = {"a", "b", "/", "*", "**", "?", "[ab]", "[!a]", "[a-b]", "{a,b}", "{a*,/b}", "{,a}", "\\*"};
        String[] pathParts = {"a", "b", "/", "*", "ab"};
        Random random = new Random(20240611);
        int matched = 0;
        for (int i = 0; i < 10_000; i++) {
            StringBuilder glob = new StringBuilder();
            for (int n = random.nextInt(7); n > 0; n--) glob.append(globParts[random.nextInt(globParts.length)]);
            StringBuilder path = new StringBuilder();
            for (int n = random.nextInt(9); n > 0; n--) path.append(pathParts[random.nextInt(pathParts.length)]);
            boolean expected = javaNio(glob.toString(), path.toString());
            // Both through Path, which drops a trailing '/' and doubled ones, as every caller's paths are.
            assertEquals(expected, Glob.compile(glob.toString()).matches(Path.of(path.toString())), glob + " ~ " + path);
            if (expected) matched++;
        }
        assertTrue(matched > 500, "the random cases should match often enough to test something: " + matched);
    }

    @Test
    void pathsMatchWithSlashes() {
        assertTrue(Glob.compile("tests/*.py").matches(Path.of("tests", "a.py")));
        assertFalse(Glob.compile("tests/*.py").matches(Path.of("src", "a.py")));
    }

    /** java.nio's matcher backtracks for hours here; this one must not care. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void pathologicalGlobOnALongNameFinishes() {
        String name = "a".repeat(10_000);
        assertFalse(Glob.compile("*a*a*a*a*a*a*a*b").matches(name));
        assertTrue(Glob.compile("*a*a*a*a*a*a*a*a").matches(name));
        assertFalse(Glob.compile("**a**a**a**a**a**a**b").matches(name + "/" + name));
        assertFalse(Glob.compile("{*a,a*}{*a,a*}{*a,a*}{*a,a*}b").matches(name));
        assertTrue(Glob.compile("*" + "?".repeat(5_000) + "*").matches(name));
    }

    @Test
    void malformedGlobsAreErrorsSayingWhatIsWrongAndWhere() {
        assertInvalid("[", "invalid glob \"[\": unclosed '[' at character 1");
        assertInvalid("src/[ab", "invalid glob \"src/[ab\": unclosed '[' at character 5");
        assertInvalid("[]", "invalid glob \"[]\": empty '[]' at character 1 matches nothing");
        assertInvalid("[!]", "invalid glob \"[!]\": empty '[]' at character 1 matches nothing");
        assertInvalid("[a/b]", "invalid glob \"[a/b]\": '/' at character 3 inside '[...]': a class never matches '/'");
        assertInvalid("[z-a]", "invalid glob \"[z-a]\": range 'z-a' at character 2 runs backwards");
        assertInvalid("[a-c-e]", "invalid glob \"[a-c-e]\": '-' at character 5 is neither first, last, nor between two characters");
        assertInvalid("{a", "invalid glob \"{a\": unclosed '{' at character 1");
        assertInvalid("x{a{b}}", "invalid glob \"x{a{b}}\": '{' at character 4 inside the group opened at character 2: groups do not nest");
        assertInvalid("a\\", "invalid glob \"a\\\\\": '\\' at the end escapes nothing");
        assertInvalid("\"\n[", "invalid glob \"\\\"\\u000a[\": unclosed '[' at character 3");
        for (String bad : new String[] {"[", "[]", "[!]", "[a/b]", "[z-a]", "[a-c-e]", "{a", "x{a{b}}", "a\\"}) {
            assertThrows(IllegalArgumentException.class, () -> javaNio(bad, "x"), "java.nio rejected " + bad + " too");
        }
    }

    private static void assertInvalid(String glob, String message) {
        assertEquals(message, assertThrows(Glob.InvalidGlobException.class, () -> Glob.compile(glob)).getMessage());
    }

    private static boolean javaNio(String glob, String path) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path));
    }
}
