package dev.memlint.parse;

import java.nio.file.Files;
import java.nio.file.Path;

/** Developer tool: `DumpMain 3.12 FILE...` prints path TAB canonical dump (or ERROR: msg @line). */
public final class DumpMain {
    public static void main(String[] args) throws Exception {
        PythonVersion v = PythonVersion.parse(args[0]);
        StringBuilder out = new StringBuilder();
        java.util.List<String> files = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("@")) files.addAll(Files.readAllLines(Path.of(args[i].substring(1))));
            else files.add(args[i]);
        }
        for (String f : files) out.append(f).append('\t').append(dumpFile(Path.of(f), v)).append('\n');
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
            StringBuilder b = new StringBuilder("CRASH: " + e);
            for (int i = 0; i < Math.min(4, e.getStackTrace().length); i++) b.append(" at ").append(e.getStackTrace()[i]);
            return b.toString();
        }
    }
}
