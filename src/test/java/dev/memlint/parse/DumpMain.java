package dev.memlint.parse;

import java.nio.file.Files;
import java.nio.file.Path;

/** Developer tool: `DumpMain 3.12 FILE...` prints path TAB canonical dump (or ERROR: msg @line). */
public final class DumpMain {
    public static void main(String[] args) throws Exception {
        PythonVersion v = PythonVersion.parse(args[0]);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            out.append(args[i]).append('\t').append(dumpFile(Path.of(args[i]), v)).append('\n');
        }
        System.out.print(out);
    }

    static String dumpFile(Path p, PythonVersion v) throws Exception {
        return dump(Files.readAllBytes(p), v);
    }

    static String dump(byte[] src, PythonVersion v) {
        try {
            return AstDump.dump(PythonSourceParser.parse(src, v).module());
        } catch (PythonSyntaxError e) {
            return "ERROR: " + e.getMessage() + " @" + e.line();
        } catch (Throwable e) {
            return "CRASH: " + e;
        }
    }
}
