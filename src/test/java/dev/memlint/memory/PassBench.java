package dev.memlint.memory;

import dev.memlint.ast.Module;
import dev.memlint.memory.size.PeakEstimator;
import dev.memlint.parse.PythonSourceParser;
import dev.memlint.parse.PythonSyntaxError;
import dev.memlint.parse.PythonVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Developer benchmark: CPU time of the reference-count pass alone over a directory, on one thread,
 * the trees parsed beforehand (`PassBench DIR [rounds]`; run it with the launcher's JVM flags).
 * Prints, per round, the heap analysis (cycles) and the peak estimates MEM702 asks for.
 */
public final class PassBench {
    public static void main(String[] args) throws Exception {
        List<Module> modules = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                try {
                    modules.add(PythonSourceParser.parse(Files.readAllBytes(p), PythonVersion.PY311).module());
                } catch (PythonSyntaxError e) {
                    // not part of the pass
                }
            }
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SizeModel sizes = SizeModel.forTarget(PythonVersion.PY311);
        for (int r = 0; r < rounds; r++) {
            long heap = 0;
            long estimates = 0;
            int cycles = 0;
            for (Module m : modules) {
                long t0 = ThreadCpu.now();
                ModuleMemory memory = ModuleMemory.of(m);
                long t1 = ThreadCpu.now();
                for (ModuleMemory.FunctionReport f : memory.functions()) {
                    cycles += f.cycles().size();
                    memory.estimate(f, sizes, CollectorMode.DEFAULT).map(PeakEstimator.Estimate::quadraticChurn);
                }
                heap += t1 - t0;
                estimates += ThreadCpu.now() - t1;
            }
            System.out.printf("round %d: %d modules, heap analysis %d ms, estimates %d ms, %d cycles%n",
                    r, modules.size(), heap / 1_000_000, estimates / 1_000_000, cycles);
        }
    }
}
