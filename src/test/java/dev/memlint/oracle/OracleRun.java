package dev.memlint.oracle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memlint.ast.AstJson;
import dev.memlint.ast.Module;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonSyntaxError;
import dev.memlint.parse.PythonVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses every file of a corpus with memlint and compares the tree with the oracle's, file by file,
 * on two threads while the oracle (or its cache) streams its lines.
 */
final class OracleRun {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).build())
            .build());
    private static final Set<String> SYNTAX_ERRORS = Set.of("SyntaxError", "IndentationError", "TabError");
    private static final int THREADS = 2;
    private static final long STACK = 256L << 20; // deeply nested test files recurse deep

    /** What happened to one file. */
    enum Kind {
        IDENTICAL, DIFFERENT, MEMLINT_REFUSED, CRASHED,
        /** ast.parse accepts the file, compile() refuses it on memlint's line with memlint's message. */
        REFUSED_AT_COMPILE_STAGE,
        REFUSED_SAME_LINE, REFUSED_OTHER_LINE, REFUSED_BUT_ACCEPTED, REFUSED_CRASHED,
        ORACLE_FAILED, TIMEOUT
    }

    /**
     * One file's outcome: diff for DIFFERENT; detail is a message for the report; group is what
     * outcomes of the same cause share (first-difference kind, exception and place, error message).
     */
    record Outcome(Path file, Kind kind, TreeDiff.Difference diff, String detail, String group, boolean sameMessage) {
        Outcome(Path file, Kind kind, TreeDiff.Difference diff, String detail, String group) {
            this(file, kind, diff, detail, group, false);
        }
    }

    private OracleRun() {}

    static OracleReport run(String title, Path root, List<Path> files, AstOracle oracle, String corpus,
                            PythonVersion target) throws IOException, InterruptedException {
        long start = System.nanoTime();
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS,
                r -> {
                    Thread t = new Thread(null, r, "oracle-" + threadCount.incrementAndGet(), STACK);
                    t.setDaemon(true);
                    return t;
                });
        Semaphore inFlight = new Semaphore(4 * THREADS);
        List<Future<Outcome>> futures = new ArrayList<>(files.size());
        boolean stuck = false;
        try (Dumps.Lines lines = Dumps.cached(oracle, corpus, files)) {
            for (Path file : files) {
                String line = lines.next();
                if (!inFlight.tryAcquire(120, TimeUnit.SECONDS)) {
                    stuck = true;
                    break;
                }
                futures.add(pool.submit(() -> {
                    try {
                        return check(file, line, target, oracle);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            if (stuck) {
                // Drain the oracle so that the cache is still complete.
                for (int i = futures.size() + 1; i < files.size(); i++) lines.next();
            }
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        List<Outcome> outcomes = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            Future<Outcome> f = i < futures.size() ? futures.get(i) : null;
            if (f != null && f.isDone()) {
                try {
                    outcomes.add(f.get());
                } catch (Exception e) {
                    outcomes.add(new Outcome(files.get(i), Kind.CRASHED, null, String.valueOf(e.getCause()),
                            "oracle run: " + e.getCause()));
                }
            } else {
                outcomes.add(new Outcome(files.get(i), Kind.TIMEOUT, null, "not finished", "not finished"));
            }
        }
        pool.shutdownNow();
        return new OracleReport(title, oracle.label(), target, root, outcomes,
                (System.nanoTime() - start) / 1_000_000_000.0);
    }

    private static Outcome check(Path file, String oracleLine, PythonVersion target, AstOracle oracle)
            throws IOException {
        JsonNode expected = MAPPER.readTree(oracleLine);
        JsonNode error = expected.get("error");
        byte[] source = Files.readAllBytes(file);
        JsonNode ours = null;
        PythonSyntaxError refusal = null;
        Throwable crash = null;
        try {
            Module module = PythonSourceParser.parse(source, target).module();
            ours = AstJson.toTree(module);
        } catch (PythonSyntaxError e) {
            refusal = e;
        } catch (Throwable t) { // the contract is "never anything but PythonSyntaxError": count every breach
            crash = t;
        }
        if (error == null) {
            if (crash != null) return new Outcome(file, Kind.CRASHED, null, describe(crash), place(crash));
            if (refusal != null) {
                String compileError = oracle.compileError(file);
                if ((refusal.line() + ": " + refusal.getMessage()).equals(compileError)) {
                    return new Outcome(file, Kind.REFUSED_AT_COMPILE_STAGE, null, describe(refusal), refusal.getMessage());
                }
                return new Outcome(file, Kind.MEMLINT_REFUSED, null, describe(refusal)
                        + (compileError == null ? "" : " | CPython compile(): " + compileError), refusal.getMessage());
            }
            TreeDiff.Difference d = TreeDiff.first(expected, ours);
            return new Outcome(file, d == null ? Kind.IDENTICAL : Kind.DIFFERENT, d, null, d == null ? "" : d.kind());
        }
        String type = error.path("type").asText();
        int line = error.path("lineno").asInt(0);
        String cpython = type + " line " + line + ": " + error.path("msg").asText();
        String group = "CPython: " + error.path("msg").asText();
        if (!SYNTAX_ERRORS.contains(type)) return new Outcome(file, Kind.ORACLE_FAILED, null, cpython, group);
        if (crash != null) {
            return new Outcome(file, Kind.REFUSED_CRASHED, null, cpython + " | memlint " + describe(crash), place(crash));
        }
        if (refusal == null) return new Outcome(file, Kind.REFUSED_BUT_ACCEPTED, null, cpython, group);
        boolean same = line <= 0 ? refusal.line() <= 1 : refusal.line() == line;
        return new Outcome(file, same ? Kind.REFUSED_SAME_LINE : Kind.REFUSED_OTHER_LINE, null,
                cpython + " | memlint " + describe(refusal), group + " | memlint: " + refusal.getMessage(),
                refusal.getMessage().equals(error.path("msg").asText()));
    }

    /** An exception's class and the first frame in memlint's code. */
    private static String place(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.memlint.") && !e.getClassName().startsWith("dev.memlint.oracle.")) {
                return t.getClass().getSimpleName() + " at " + e;
            }
        }
        return t.getClass().getSimpleName();
    }

    private static String describe(Throwable t) {
        if (t instanceof PythonSyntaxError e) {
            return e.kind() + " line " + e.line() + " col " + e.column() + ": " + e.getMessage();
        }
        String message = String.valueOf(t.getMessage());
        return place(t) + ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
    }
}
