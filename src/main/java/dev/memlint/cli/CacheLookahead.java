package dev.memlint.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Takes the cached results of unchanged files while the walk is still finding the others, so that
 * on a tree checked before the lookups (a stat, a cache entry, the lines a report shows) overlap
 * the walk instead of following it. Only what FileLinter.unchanged gives is taken, which writes
 * nothing; any other file, and any problem, is left to the run, which checks it as always.
 */
final class CacheLookahead implements Consumer<SourceFile> {
    private final FileLinter linter;
    private final Predicate<SourceFile> checked;
    private final ExecutorService pool;
    private final Map<Path, FileResult> results = new ConcurrentHashMap<>();

    /** @param checked whether the run will check a file the walk found (excludes, test code) */
    CacheLookahead(FileLinter linter, Predicate<SourceFile> checked, int threads) {
        this.linter = linter;
        this.checked = checked;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "memlint-lookahead");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void accept(SourceFile file) {
        if (!checked.test(file)) return;
        pool.execute(() -> {
            try {
                FileResult result = linter.unchanged(file);
                if (result != null) results.put(file.path(), result);
            } catch (Throwable e) {
                // the run checks the file and reports what goes wrong
            }
        });
    }

    /** The results taken, by file path, once every lookup has ended. */
    Map<Path, FileResult> finish() throws InterruptedException {
        pool.shutdown();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            // lookups end: each is a stat and a read or two
        }
        return results;
    }
}
