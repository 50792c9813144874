package dev.memlint.parse;

import dev.memlint.parse.generated.PythonLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sanity benchmark, not a test: {@code LexerBenchmark <dir> [passes]} decodes every .py file under dir
 * once, then lexes them all several times and prints MB/s per pass (the first pass is the cold one),
 * by wall clock and by the thread's CPU time (the latter is steadier on a shared machine).
 */
public final class LexerBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LexerBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("/site-packages/")).sorted().toList();
        }
        List<String> sources = new ArrayList<>();
        long bytes = 0;
        long decodeStart = System.nanoTime();
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            try {
                sources.add(SourceDecoder.decode(content));
                bytes += content.length;
            } catch (PythonSyntaxError e) {
                // files CPython cannot read either are left out
            }
        }
        double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;
        System.out.printf("%d files, %.1f MB, decoded in %.2f s%n", sources.size(), bytes / 1e6, decodeSeconds);
        for (int pass = 1; pass <= passes; pass++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long tokens = 0;
            int errors = 0;
            for (String source : sources) {
                try {
                    PythonLexer lexer = new PythonLexer(CharStreams.fromString(source));
                    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
                        tokens++;
                    }
                } catch (PythonSyntaxError e) {
                    errors++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("pass %d: %d tokens, %d lexical errors, %.2f s wall (%.1f MB/s), %.2f s CPU (%.1f MB/s)%n",
                    pass, tokens, errors, seconds, bytes / 1e6 / seconds, cpuSeconds, bytes / 1e6 / cpuSeconds);
        }
    }
}
