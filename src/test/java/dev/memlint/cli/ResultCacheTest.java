package dev.memlint.cli;

import dev.memlint.check.FileStamp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `check`'s result cache: a warm run reports exactly what a cold one does, and never a stale result. */
class ResultCacheTest {
    @TempDir
    Path dir;

    private Path tree;
    private Path cache;

    /** Every rule fixture (findings with fixes, costs, related locations and flows), plus odd files. */
    @BeforeEach
    void copyFixtures() throws IOException {
        tree = dir.resolve("tree");
        cache = dir.resolve("cache");
        Path testdata = Path.of("testdata");
        try (Stream<Path> files = Files.walk(testdata)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".py")).toList()) {
                Path copy = tree.resolve(testdata.relativize(f).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(f, copy);
            }
        }
        Files.writeString(tree.resolve("broken.py"), "def f(:\n    pass\n");
        // Latin-1 with a declaration: the shown text is decoded, not read as UTF-8.
        Files.write(tree.resolve("latin.py"), ("# -*- coding: latin-1 -*-\ndef f(rows):\n    out = ''\n"
                + "    for row in rows:\n        out = out + f'{row}' + 'caf\u00e9'\n    return out\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(tree.resolve("crlf.py"), "def f(n):\r\n    for i in list(range(n)):\r\n        print(i)\r\n");
    }

    private static final List<String> FORMATS = List.of("text", "json", "sarif", "concise", "grouped", "github",
            "gitlab", "junit");

    private CliRun check(String... extra) {
        List<String> args = new ArrayList<>(List.of("check", "--select", "ALL", "--ignore", "MEM701", "--stats"));
        args.addAll(List.of(extra));
        args.add(tree.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun cached(String... extra) {
        List<String> args = new ArrayList<>(List.of("--cache-dir", cache.toString()));
        args.addAll(List.of(extra));
        return check(args.toArray(String[]::new));
    }

    private static final Pattern PARSED = Pattern.compile("stats: (\\d+) files parsed");

    /** How many files the run parsed, from --stats: a file taken from the cache is not parsed. */
    private static int parsed(CliRun run) {
        Matcher m = PARSED.matcher(run.err());
        assertTrue(m.find(), run::toString);
        return Integer.parseInt(m.group(1));
    }

    /** The run's stderr without the --stats line (its timings differ run to run). */
    private static String messages(CliRun run) {
        return run.err().lines().filter(l -> !l.startsWith("stats:")).reduce("", (a, l) -> a + l + "\n");
    }

    private static final Pattern READ = Pattern.compile("(\\d+) files read");

    /** How many source files the run read from disk, from --stats. */
    private static int read(CliRun run) {
        Matcher m = READ.matcher(run.err());
        assertTrue(m.find(), run::toString);
        return Integer.parseInt(m.group(1));
    }

    private int sourceFiles() throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return (int) files.filter(p -> p.toString().endsWith(".py")).count();
        }
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{32}")).sorted().toList();
        }
    }

    @Test
    void aWarmRunReportsByteForByteWhatAColdRunReportsInEveryFormat() throws IOException {
        Map<String, CliRun> cold = new HashMap<>();
        for (String format : FORMATS) cold.put(format, check("--no-cache", "--format", format));
        assertEquals(1, cold.get("json").exitCode(), cold.get("json")::toString);
        assertTrue(cold.get("json").out().contains("MEM001") && cold.get("sarif").out().contains("\"fixes\"")
                && cold.get("sarif").out().contains("\"relatedLocations\"") && cold.get("sarif").out().contains("\"codeFlows\"")
                && cold.get("text").out().contains("caf\u00e9"), "the fixtures exercise every part of a finding");

        CliRun filling = cached("--format", "json");
        assertEquals(cold.get("json").out(), filling.out());
        assertEquals(sourceFiles(), parsed(filling));
        assertEquals(sourceFiles(), entries().size(), "one entry per file");
        assertTrue(Files.readString(cache.resolve("CACHEDIR.TAG")).startsWith("Signature: 8a477f597d28d172789f06886806bc55"));
        assertEquals("*", Files.readString(cache.resolve(".gitignore")).lines().filter(l -> !l.startsWith("#"))
                .findFirst().orElseThrow());

        for (String format : FORMATS) {
            CliRun warm = cached("--format", format);
            assertEquals(0, parsed(warm), format + ": every file from the cache");
            assertEquals(cold.get(format).out(), warm.out(), format);
            assertEquals(messages(cold.get(format)), messages(warm), format);
            assertEquals(cold.get(format).exitCode(), warm.exitCode(), format);
        }
    }

    @Test
    void aChangedFileOrChangedSettingsAreCheckedAgain() throws IOException {
        String before = cached("--format", "json").out();
        Path latin = tree.resolve("latin.py");
        Files.write(latin, "def f(rows):\n    return [r for r in rows]\n".getBytes(StandardCharsets.UTF_8));
        CliRun afterEdit = cached("--format", "json");
        assertEquals(1, parsed(afterEdit), "only the edited file");
        assertEquals(check("--no-cache", "--format", "json").out(), afterEdit.out());
        assertNotEquals(before, afterEdit.out());

        // The command line's settings: another selection, another target version.
        CliRun narrower = cached("--format", "json", "--ignore", "MEM2");
        assertEquals(sourceFiles(), parsed(narrower));
        assertEquals(check("--no-cache", "--format", "json", "--ignore", "MEM2").out(), narrower.out());
        CliRun older = cached("--format", "json", "--target-version", "3.8");
        assertEquals(sourceFiles(), parsed(older));
        assertEquals(check("--no-cache", "--format", "json", "--target-version", "3.8").out(), older.out());

        // A configuration file's per-file setting changes one directory's files only.
        cached("--format", "json");
        Files.writeString(tree.resolve("pyproject.toml"), """
                [tool.memlint]
                per-file-ignores = { "strings/*" = ["MEM2"] }
                """);
        CliRun configured = cached("--format", "json");
        assertEquals(check("--no-cache", "--format", "json").out(), configured.out());
        int strings;
        try (Stream<Path> files = Files.list(tree.resolve("strings"))) {
            strings = (int) files.count();
        }
        assertTrue(parsed(configured) >= strings && parsed(configured) < sourceFiles(), configured::toString);
    }

    /**
     * Files whose stat has not changed since they were hashed are not read, unless the report shows
     * their lines; a touched file is read and hashed, not checked; a write is seen even when it keeps
     * the size and the modification time is put back.
     */
    @Test
    void anUnchangedStatIsTrustedAndAnyWriteIsSeen() throws Exception {
        Path same = Files.writeString(tree.resolve("same_size.py"), "def f(n):\n    for i in list(range(n)):\n        print(i)\n");
        Path clean = Files.writeString(tree.resolve("clean.py"), "x = 1\n");
        // Stats are kept only for files older than the racy window.
        Thread.sleep(FileStamp.RACY_NANOS / 1_000_000 + 500);
        CliRun filling = cached("--format", "json");
        assertEquals(sourceFiles(), parsed(filling));
        assertEquals(sourceFiles(), read(filling));

        CliRun warm = cached("--format", "json");
        assertEquals(0, parsed(warm));
        assertEquals(filling.out(), warm.out());
        assertTrue(read(warm) > 0 && read(warm) < sourceFiles(), "only the files with findings: " + read(warm));
        assertFalse(warm.out().contains("clean.py"), warm::toString);

        Files.setLastModifiedTime(clean, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        CliRun touched = cached("--format", "json");
        assertEquals(0, parsed(touched), "the same bytes: hashed, not checked");
        assertEquals(read(warm) + 1, read(touched));
        assertEquals(filling.out(), touched.out());

        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(same);
        long size = Files.size(same);
        Files.writeString(same, "def f(n):\n    for i in iter(range(n)):\n        print(i)\n");
        Files.setLastModifiedTime(same, modified);
        assertEquals(size, Files.size(same));
        assertEquals(modified, Files.getLastModifiedTime(same));
        CliRun rewritten = cached("--format", "json");
        assertEquals(1, parsed(rewritten), rewritten::toString);
        assertEquals(check("--no-cache", "--format", "json").out(), rewritten.out());
        assertNotEquals(filling.out(), rewritten.out());
    }

    @Test
    void noCacheAndStandardInputWriteNothing() throws Exception {
        CliRun run = cached("--no-cache", "--format", "json");
        assertEquals(1, run.exitCode(), run::toString);
        assertFalse(Files.exists(cache), "--no-cache");

        MemlintProcess stdin = MemlintProcess.withInput("def f(:\n", dir, "check", "--cache-dir", cache.toString(),
                "-", "--stdin-filename", "tree/broken.py");
        assertTrue(stdin.out().contains("MEM001"), stdin::toString);
        assertFalse(Files.exists(cache), "standard input is never cached");
    }

    @Test
    void damagedEntriesAreCheckedAgainSilently() throws IOException {
        String reference = check("--no-cache", "--format", "sarif").out();
        cached("--format", "sarif");
        List<Path> entries = entries();
        for (int i = 0; i < entries.size(); i++) {
            Path entry = entries.get(i);
            byte[] bytes = Files.readAllBytes(entry);
            switch (i % 4) {
                case 0 -> Files.write(entry, new byte[0]);
                case 1 -> Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                case 2 -> Files.writeString(entry, "not a cache entry");
                default -> { // a flipped byte in the key: the entry belongs to no file
                    bytes[12] ^= 1;
                    Files.write(entry, bytes);
                }
            }
        }
        CliRun afterDamage = cached("--format", "sarif");
        assertEquals(reference, afterDamage.out());
        assertEquals(sourceFiles(), parsed(afterDamage));
        assertEquals("", messages(afterDamage), "no warning: a damaged entry is a miss");
        CliRun repaired = cached("--format", "sarif");
        assertEquals(0, parsed(repaired), "the entries were written again");
        assertEquals(reference, repaired.out());
    }

    @Test
    void anUnusableCacheDirectoryIsAWarningAndTheRunGoesOn() throws IOException {
        String reference = check("--no-cache", "--format", "json").out();
        Files.writeString(cache, "a file, not a directory");
        CliRun run = cached("--format", "json");
        assertEquals(reference, run.out());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("warning: cannot use the cache directory " + cache), run::toString);
    }

    @Test
    void fixAndDiffWorkOnAWarmCache() throws IOException {
        Path crlf = tree.resolve("crlf.py");
        cached("--format", "json");
        CliRun diff = cached("--diff");
        assertTrue(diff.out().contains("-    for i in list(range(n)):") && diff.out().contains("+    for i in range(n):"),
                diff::toString);
        CliRun fix = cached("--fix", "--format", "json");
        assertTrue(fix.err().contains("applied "), fix::toString);
        assertEquals("def f(n):\r\n    for i in range(n):\r\n        print(i)\r\n", Files.readString(crlf));
        CliRun after = cached("--format", "json");
        assertFalse(after.out().contains("crlf.py"), after::toString);
        assertEquals(check("--no-cache", "--format", "json").out(), after.out());
    }

    @Test
    void concurrentRunsShareOneCacheWithoutDamage() throws Exception {
        String reference = check("--no-cache", "--format", "json").out();
        String[] args = {"check", "--select", "ALL", "--ignore", "MEM701", "--format", "json", "--cache-dir",
                cache.toString(), tree.toString()};
        CompletableFuture<MemlintProcess> first = CompletableFuture.supplyAsync(() -> run(args));
        MemlintProcess second = run(args);
        assertEquals(reference, first.join().out());
        assertEquals(reference, second.out());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList(), "no temporary file left");
        }
        CliRun warm = cached("--format", "json");
        assertEquals(0, parsed(warm));
        assertEquals(reference, warm.out());
    }

    private MemlintProcess run(String... args) {
        try {
            return MemlintProcess.run(dir, args);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the cache goes: --cache-dir, else MEMLINT_CACHE_DIR, else cache-dir, else the project root. */
    @Test
    void theCacheDirectoryIsChosenAsInRuff() throws Exception {
        Map<String, String> noVariable = new HashMap<>();
        noVariable.put("MEMLINT_CACHE_DIR", null);
        MemlintProcess plain = MemlintProcess.withEnvironment(noVariable, tree, "check", "strings");
        assertTrue(Files.isRegularFile(tree.resolve(".memlint_cache/CACHEDIR.TAG")),
                "the working directory's project: " + plain);

        MemlintProcess none = MemlintProcess.withEnvironment(noVariable, dir, "check", "--no-cache", "tree/strings");
        assertTrue(none.out().contains("checked"), none::toString);
        assertFalse(Files.exists(dir.resolve(".memlint_cache")), "--no-cache");

        Files.writeString(tree.resolve("pyproject.toml"), "[tool.memlint]\ncache-dir = \"build/lint-cache\"\n");
        Path sub = Files.createDirectories(tree.resolve("copies"));
        MemlintProcess configured = MemlintProcess.withEnvironment(noVariable, sub, "check", ".");
        assertTrue(Files.isRegularFile(tree.resolve("build/lint-cache/CACHEDIR.TAG")),
                "relative to the configuration file: " + configured);

        Path variable = dir.resolve("from-env");
        MemlintProcess fromEnv = MemlintProcess.withEnvironment(Map.of("MEMLINT_CACHE_DIR", variable.toString()), sub,
                "check", ".");
        assertTrue(Files.isDirectory(variable), fromEnv::toString);
        Path option = dir.resolve("from-option");
        MemlintProcess fromOption = MemlintProcess.withEnvironment(Map.of("MEMLINT_CACHE_DIR", variable.toString()), sub,
                "check", "--cache-dir", option.toString(), ".");
        assertTrue(Files.isDirectory(option), fromOption::toString);

        Files.writeString(tree.resolve("pyproject.toml"), "[tool.memlint]\ncache-dir = 3\n");
        MemlintProcess bad = MemlintProcess.withEnvironment(noVariable, sub, "check", ".");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("'tool.memlint.cache-dir' must be a directory name, got 3"), bad::toString);
    }

    /** One entry per file, whatever path named it: the findings carry the name of the run that reports them. */
    @Test
    void aFileNamedAnotherWayIsTheSameEntryUnderItsNewName() throws IOException {
        CliRun filling = cached("--format", "concise");
        int stored = entries().size();
        Path latin = tree.resolve("latin.py");
        String otherName = Path.of("").toAbsolutePath().relativize(latin).toString(); // same file, relative this time
        CliRun named = CliRun.of("check", "--select", "ALL", "--ignore", "MEM701", "--stats", "--format", "concise",
                "--cache-dir", cache.toString(), otherName);
        assertEquals(0, parsed(named), named::toString);
        assertEquals(stored, entries().size());
        String fromFilling = filling.out().lines().filter(l -> l.contains("latin.py")).findFirst().orElseThrow();
        String fromNamed = named.out().lines().filter(l -> l.contains("latin.py")).findFirst().orElseThrow();
        assertTrue(fromNamed.startsWith(SourceFinder.displayName(Path.of(otherName)) + ":"), named::toString);
        assertEquals(fromFilling.substring(fromFilling.indexOf(":")), fromNamed.substring(fromNamed.indexOf(":")));
        assertNotEquals(fromFilling, fromNamed);
    }
}
