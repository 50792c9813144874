package dev.memlint.bench;

import dev.memlint.parse.ParsedFile;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Steady-state parse time of real standard-library modules (bytes to AST), one thread. The module
 * folder comes from -Dmemlint.stdlib (bench/jmh/run passes the 3.11 stdlib).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xss64m")
public class ParserBenchmark {
    @Param({"typing.py", "argparse.py", "colorsys.py"})
    public String module;

    private byte[] source;

    @Setup
    public void read() throws IOException {
        String stdlib = System.getProperty("memlint.stdlib");
        if (stdlib == null) throw new IllegalStateException("set -Dmemlint.stdlib to a Python standard library folder");
        source = Files.readAllBytes(Path.of(stdlib, module));
    }

    @Benchmark
    public ParsedFile parse() {
        return PythonSourceParser.parse(source, PythonVersion.PY311);
    }
}
