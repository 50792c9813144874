package dev.memlint.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real `memlint` command line in-process with captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The lines of stdout, without the blank and snippet lines of the text format. */
    java.util.List<String> findingLines() {
        return out.lines().filter(l -> l.matches("^\\S.*:\\d+:\\d+: [A-Z]+\\d+ .*")).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
