package dev.memlint.cli;

import dev.memlint.report.FileFailure;
import dev.memlint.report.LintReport;
import dev.memlint.rule.Finding;
import dev.memlint.rule.Severity;
import dev.memlint.rule.TextRange;
import org.junit.jupiter.api.Test;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LintRunnerTest {
    private static List<SourceFile> files(int n) {
        return IntStream.range(0, n).mapToObj(i -> new SourceFile(Path.of("f" + i + ".py"), "f" + i + ".py")).toList();
    }

    private static Finding finding(String path, int line) {
        return new Finding("MEM001", path, new TextRange(line, 1, line, 2), Severity.ERROR, "m");
    }

    @Test
    void oneFilesCrashDoesNotLoseTheOthers() throws InterruptedException {
        LintRunner runner = new LintRunner(file -> switch (file.displayPath()) {
            case "f1.py" -> throw new StackOverflowError();
            case "f2.py" -> throw new IllegalStateException("boom");
            case "f3.py" -> throw new NoSuchFileException(file.displayPath());
            case "f4.py" -> throw new OutOfMemoryError("Java heap space");
            default -> new FileResult(List.of(finding(file.displayPath(), 1)), null);
        }, 3);
        LintReport report = runner.run(files(7), List.of(new FileFailure("walk", "error: x")), done -> { });
        assertEquals(3, report.filesChecked());
        assertEquals(List.of("f0.py", "f5.py", "f6.py"), report.findings().stream().map(Finding::path).toList());
        assertEquals(List.of(
                new FileFailure("f1.py", "internal error: stack overflow"),
                new FileFailure("f2.py", "internal error: java.lang.IllegalStateException: boom"),
                new FileFailure("f3.py", "error: cannot read: no such file or directory"),
                new FileFailure("f4.py", "internal error: out of memory"),
                new FileFailure("walk", "error: x")), report.failures());
    }

    @Test
    void biggerFilesAreCheckedFirstAndReportedInTheirOwnOrder() throws InterruptedException {
        List<String> checked = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        LintRunner runner = new LintRunner(file -> {
            checked.add(file.displayPath());
            return new FileResult(List.of(finding(file.displayPath(), 1)), null);
        }, 1);
        long[] sizes = {10, 3000, -1, 500, 3000};
        List<SourceFile> files = IntStream.range(0, sizes.length)
                .mapToObj(i -> new SourceFile(Path.of("f" + i + ".py"), "f" + i + ".py", sizes[i])).toList();
        LintReport report = runner.run(files, List.of(), done -> { });
        assertEquals(List.of("f1.py", "f4.py", "f3.py", "f0.py", "f2.py"), checked);
        assertEquals(List.of("f0.py", "f1.py", "f2.py", "f3.py", "f4.py"), report.findings().stream().map(Finding::path).toList());
    }

    @Test
    void findingsAreSortedByPathLineAndColumnWhateverTheFinishingOrder() throws InterruptedException {
        LintRunner runner = new LintRunner(file -> {
            int n = Integer.parseInt(file.displayPath().replaceAll("\\D", ""));
            java.util.concurrent.locks.LockSupport.parkNanos((10 - n) * 3_000_000L); // later files finish first
            return new FileResult(List.of(finding(file.displayPath(), 9), finding(file.displayPath(), 2)), null);
        }, 4);
        LintReport report = runner.run(files(10), List.of(), done -> { });
        List<String> expected = IntStream.range(0, 10).boxed()
                .flatMap(i -> java.util.stream.Stream.of("f" + i + ".py:2", "f" + i + ".py:9")).toList();
        assertEquals(expected, report.findings().stream().map(f -> f.path() + ":" + f.range().line()).toList());
    }

    @Test
    void deepRecursionFitsInAWorkerStack() throws InterruptedException {
        // A million frames overflow the 16 MB default stack of the test JVM, not a worker's 512 MB.
        LintRunner runner = new LintRunner(file -> {
            assertEquals(1_000_000, depth(1_000_000));
            return new FileResult(List.of(), null);
        }, 1);
        LintReport report = runner.run(files(1), List.of(), done -> { });
        assertTrue(report.failures().isEmpty(), report.failures()::toString);
    }

    private static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }
}
