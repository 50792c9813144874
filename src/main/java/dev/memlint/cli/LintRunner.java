package dev.memlint.cli;

import dev.memlint.check.BigStack;
import dev.memlint.memory.ThreadCpu;
import dev.memlint.parse.SourceText;
import dev.memlint.report.FileFailure;
import dev.memlint.report.LintReport;
import dev.memlint.rule.Finding;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Checks files on all cores. Worker threads get a large stack because the parser recurses once
 * per nesting level. One file's failure, even a StackOverflowError or an OutOfMemoryError, is
 * recorded for that file and the others are still checked.
 */
final class LintRunner {
    /** Checks one file; FileLinter::lint in production. */
    interface Linter {
        FileResult lint(SourceFile file) throws IOException;
    }

    private final Linter linter;
    private final int threads;

    LintRunner(Linter linter, int threads) {
        this.linter = linter;
        this.threads = Math.max(1, threads);
    }

    private sealed interface Outcome permits Checked, Failed {}
    private record Checked(FileResult result) implements Outcome {}
    private record Failed(String message) implements Outcome {}

    /**
     * @param progress called from this thread with the number of files done so far, about ten
     *                 times a second while the run lasts
     */
    LintReport run(List<SourceFile> files, List<FileFailure> walkFailures, IntConsumer progress)
            throws InterruptedException {
        AtomicReferenceArray<Outcome> outcomes = new AtomicReferenceArray<>(files.size());
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, files.size())),
                BigStack.threads("memlint-worker"));
        try {
            for (int index : biggestFirst(files)) {
                pool.execute(() -> {
                    outcomes.set(index, check(files.get(index)));
                    done.incrementAndGet();
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                progress.accept(done.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return collect(files, outcomes, walkFailures);
    }

    /**
     * The order to check files in: biggest first (stable for equal sizes), so that the run does
     * not end with one worker on a long file while the others wait. Reports keep the files' order.
     */
    private static List<Integer> biggestFirst(List<SourceFile> files) {
        List<Integer> order = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) order.add(i);
        order.sort(Comparator.comparingLong((Integer i) -> files.get(i).size()).reversed());
        return order;
    }

    /** CPU time the workers spent checking files, for `check --stats`. */
    static final LongAdder WORKER_CPU = new LongAdder();

    private Outcome check(SourceFile file) {
        long start = ThreadCpu.now();
        try {
            return new Checked(linter.lint(file));
        } catch (Throwable e) { // even a bug in memlint: report it for this file, keep checking the others
            return new Failed(FailureMessages.of(e));
        } finally {
            WORKER_CPU.add(ThreadCpu.now() - start);
        }
    }

    private static LintReport collect(List<SourceFile> files, AtomicReferenceArray<Outcome> outcomes,
                                      List<FileFailure> walkFailures) {
        List<Finding> findings = new ArrayList<>();
        Map<String, SourceText> sources = new HashMap<>();
        List<FileFailure> failures = new ArrayList<>(walkFailures);
        int checked = 0;
        for (int i = 0; i < outcomes.length(); i++) {
            String path = files.get(i).displayPath();
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Checked c) {
                checked++;
                findings.addAll(c.result().findings());
                if (c.result().source() != null) sources.put(path, c.result().source());
            } else {
                failures.add(new FileFailure(path, outcome instanceof Failed f ? f.message() : "internal error: not checked"));
            }
        }
        findings.sort(LintReport.ORDER);
        failures.sort(Comparator.comparing(FileFailure::path));
        return new LintReport(findings, sources, checked, failures);
    }
}
