package dev.memlint.parse;

import dev.memlint.parse.generated.PythonParser;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Developer benchmark: CPU time per parse stage over a directory (`StageBench DIR [rounds]`). */
public final class StageBench {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("site-packages"))
                    .sorted().collect(Collectors.toList());
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            long lex = 0, soft = 0, parse = 0, build = 0;
            for (Path p : files) {
                String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                try {
                    long t0 = mx.getCurrentThreadCpuTime();
                    SourceText source = new SourceText(text);
                    PythonSourceParser.Tokens tokens = PythonSourceParser.Tokens.read(text);
                    long t1 = mx.getCurrentThreadCpuTime();
                    SoftKeywords.resolve(tokens.list);
                    long t2 = mx.getCurrentThreadCpuTime();
                    PythonParser.File_inputContext tree = PythonSourceParser.parseTokens(tokens, source, PythonVersion.PY311);
                    long t3 = mx.getCurrentThreadCpuTime();
                    new AstBuilder(source, PythonVersion.PY311, tokens.list).module(tree);
                    long t4 = mx.getCurrentThreadCpuTime();
                    lex += t1 - t0; soft += t2 - t1; parse += t3 - t2; build += t4 - t3;
                } catch (PythonSyntaxError e) {
                    // skip
                }
            }
            System.out.printf("round %d: lex %d ms, soft %d ms, parse %d ms, build %d ms%n", r,
                    lex / 1_000_000, soft / 1_000_000, parse / 1_000_000, build / 1_000_000);
        }
    }
}
