package dev.memlint.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Developer benchmark: `ParseBench DIR [threads] [version]` parses every .py file under DIR (skipping
 * site-packages) from a fresh JVM and prints wall time, syntax errors and LL fallbacks.
 */
public final class ParseBench {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path root = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        PythonVersion version = args.length > 2 ? PythonVersion.parse(args[2]) : PythonVersion.PY311;
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("site-packages"))
                    .sorted().collect(Collectors.toList());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long bytes = 0;
        for (Path p : files) bytes += Files.size(p);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(null, r, "parse", 512L << 20));
        Future<?>[] done = new Future<?>[threads];
        for (int t = 0; t < threads; t++) {
            done[t] = pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                    try {
                        PythonSourceParser.parse(Files.readAllBytes(files.get(i)), version);
                    } catch (PythonSyntaxError e) {
                        errors.incrementAndGet();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return null;
            });
        }
        for (Future<?> f : done) f.get();
        pool.shutdown();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%d files, %.1f MB, %d ms, %d syntax errors, %d LL fallbacks, heap used %d MB%n",
                files.size(), bytes / 1e6, ms, errors.get(), ParseStats.llFallbacks(),
                (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
}
