package dev.memlint.parse;

import dev.memlint.parse.generated.PythonLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares memlint's token stream with CPython's own tokenizer (the tokenize module of 3.12 and 3.13,
 * which emits FSTRING_START/MIDDLE/END like our contract) over every .py file of their standard library.
 *
 * <p>Both sides reduce a file to the same canonical lines (see tokenize_oracle.py) and compare SHA-1s.
 * Known, documented differences normalised there: NL/COMMENT/ENCODING are left out; CPython splits
 * FSTRING_MIDDLE at doubled braces (un-doubling them) and emits empty ones, so consecutive middles are
 * merged, our text is un-doubled and only the start position is compared; keywords and soft keywords are
 * NAME in CPython; NEWLINE/INDENT/DEDENT/ENDMARKER are compared by kind and start line (NEWLINE also column);
 * CPython 3.12 gives the end column of a multi-line token in bytes when its last line is non-ASCII (a bug
 * fixed in 3.13), so for 3.12 the script recomputes that column.
 * Every file CPython compiles must agree; files it rejects are only counted.
 */
class TokenizeOracleTest {
    private static final int DETAILS = 5;

    /** Both oracles start at once: CPython tokenizes in two processes while we lex. */
    private static final Map<String, Run> RUNS = new HashMap<>();
    private static Path script;

    @BeforeAll
    static void startOracles() throws Exception {
        if (!dev.memlint.Oracles.enabled()) return; // each test then says how to turn them on
        script = oracleScript();
        for (String[] v : new String[][] {{"3.13.0", "python3.13"}, {"3.12.1", "python3.12"}}) {
            Path python = Interpreters.find(v[0], v[1]);
            if (python != null) {
                RUNS.put(v[0], Run.start(python, script));
            }
        }
    }

    @Test
    void python313StandardLibrary() throws Exception {
        compareWith("3.13.0");
    }

    @Test
    void python312StandardLibrary() throws Exception {
        compareWith("3.12.1");
    }

    /**
     * One interpreter's digest run over its own standard library. CPython's answer for an installed
     * stdlib never changes, so it is kept in ~/.cache/memlint/tokenize-oracle, keyed by interpreter, stdlib
     * and oracle script; a cached answer whose file list no longer matches the tree is recomputed.
     */
    private static final class Run {
        final Path python;
        final Path root;
        final Path cached;
        final Path digestFile;
        Process process;

        private Run(Path python, Path root, Path cached, Path digestFile) {
            this.python = python;
            this.root = root;
            this.cached = cached;
            this.digestFile = digestFile;
        }

        static Run start(Path python, Path script) throws Exception {
            Path root = Path.of(Interpreters.run(python, List.of("-c",
                    "import sysconfig;print(sysconfig.get_paths()['stdlib'])"), "").trim());
            String key = sha1(python + "\n" + root + "\n" + Files.readString(script));
            Path cached = Path.of(System.getProperty("user.home"), ".cache", "memlint", "tokenize-oracle", key + ".txt");
            Path digestFile = Files.createTempFile("tokenize_oracle", ".txt");
            digestFile.toFile().deleteOnExit();
            Run run = new Run(python, root, cached, digestFile);
            if (!Files.isRegularFile(cached)) {
                run.launch();
            }
            return run;
        }

        void launch() throws IOException {
            process = new ProcessBuilder(python.toString(), script.toString(), "digest", root.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(digestFile.toFile()).start();
        }

        /** CPython's digests, from the cache or from the process (whose answer is then cached). */
        Map<String, String> digests(Set<String> expectedFiles) throws Exception {
            if (process == null) {
                Map<String, String> fromCache = readDigests(Files.readString(cached));
                if (fromCache.keySet().equals(expectedFiles)) {
                    return fromCache;
                }
                launch();
            }
            if (process.waitFor() != 0) {
                throw new IOException("tokenize oracle failed: " + python);
            }
            Files.createDirectories(cached.getParent());
            Files.copy(digestFile, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return readDigests(Files.readString(digestFile));
        }
    }

    private void compareWith(String version) throws Exception {
        dev.memlint.Oracles.assumeEnabled("CPython " + version + " from pyenv");
        Run run = RUNS.get(version);
        Assumptions.assumeTrue(run != null, "Python " + version + " not installed (pyenv); oracle test skipped");
        Path python = run.python;
        long started = System.nanoTime();
        Map<String, String> ours = ourDigests(run.root);
        Map<String, String> theirs = run.digests(ours.keySet());

        List<String> disagreeing = new ArrayList<>();
        int agree = 0;
        int bothReject = 0;
        for (Map.Entry<String, String> e : theirs.entrySet()) {
            String mine = ours.get(e.getKey());
            if (mine == null) {
                continue;
            }
            if (mine.equals(e.getValue())) {
                agree++;
            } else if (e.getValue().equals("-") && mine.startsWith("error")) {
                bothReject++;
            } else {
                disagreeing.add(e.getKey());
            }
        }
        Map<String, Boolean> compiles = compiles(python, script, disagreeing);
        List<String> failures = disagreeing.stream().filter(compiles::get).collect(Collectors.toList());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("tokenize oracle %s: %d files, %d agree, %d rejected by both, %d differ "
                        + "(%d of them compile) in %.1f s%n",
                version, theirs.size(), agree, bothReject, disagreeing.size(), failures.size(), seconds);
        for (String path : disagreeing) {
            if (!compiles.get(path)) {
                System.out.println("  differs, but CPython rejects it too: " + path + " (" + ours.get(path) + ")");
            }
        }
        StringBuilder details = new StringBuilder();
        for (String path : failures.subList(0, Math.min(DETAILS, failures.size()))) {
            details.append(firstDifference(python, script, Path.of(path))).append('\n');
        }
        assertTrue(failures.isEmpty(), failures.size() + " compiling files tokenised differently from CPython "
                + version + ":\n" + details);
    }

    /** Debugging aid: {@code TokenizeOracleTest <python> <file>...} prints the first difference per file. */
    public static void main(String[] args) throws Exception {
        script = oracleScript();
        for (int i = 1; i < args.length; i++) {
            System.out.println(firstDifference(Path.of(args[0]), script, Path.of(args[i])));
        }
    }

    // ------------------------------------------------------------------ our side

    private static Map<String, String> ourDigests(Path root) throws IOException {
        Map<String, String> digests = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files
                    .filter(p -> p.toString().endsWith(".py") && !p.toString().contains("/site-packages/"))::iterator) {
                String digest;
                try {
                    digest = sha1(String.join("\n", canonical(SourceDecoder.decode(Files.readAllBytes(file)))));
                } catch (PythonSyntaxError e) {
                    digest = "error: " + e.getMessage() + " at " + e.line() + ":" + e.column();
                }
                digests.put(file.toString(), digest);
            }
        }
        return digests;
    }

    /** memlint's tokens in the canonical form of tokenize_oracle.py. */
    static List<String> canonical(String source) {
        PythonLexer lexer = new PythonLexer(CharStreams.fromString(source));
        List<String> lines = new ArrayList<>();
        StringBuilder middle = null;
        String middleStart = null;
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = t.getType();
            if (type == PythonLexer.FSTRING_MIDDLE || type == PythonLexer.TSTRING_MIDDLE) {
                if (middle == null) {
                    middle = new StringBuilder();
                }
                String text = t.getText().replace("{{", "{").replace("}}", "}");
                if (!text.isEmpty() && middleStart == null) {
                    middleStart = t.getLine() + ":" + t.getCharPositionInLine();
                }
                middle.append(text);
                continue;
            }
            if (middle != null) {
                if (middle.length() > 0) {
                    lines.add("FSTRING_MIDDLE " + middleStart + " " + escaped(middle.toString()));
                }
                middle = null;
                middleStart = null;
            }
            if (type == Token.EOF) {
                lines.add("ENDMARKER");
                return lines;
            }
            if (type == PythonLexer.NEWLINE) {
                lines.add("NEWLINE " + t.getLine() + ":" + t.getCharPositionInLine());
            } else if (type == PythonLexer.INDENT) {
                lines.add("INDENT " + t.getLine());
            } else if (type == PythonLexer.DEDENT) {
                lines.add("DEDENT");
            } else {
                lines.add(cpythonName(type) + " " + t.getLine() + ":" + t.getCharPositionInLine() + "-"
                        + end(t) + " " + escaped(t.getText()));
            }
        }
    }

    /** One line per token: backslashes and line breaks escaped (as tokenize_oracle.py does). */
    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** CPython's tokenize calls keywords and soft keywords NAME. */
    private static String cpythonName(int type) {
        String literal = PythonLexer.VOCABULARY.getLiteralName(type);
        if (literal != null && (Character.isLetter(literal.charAt(1)) || literal.charAt(1) == '_')) {
            return "NAME";
        }
        return PythonLexer.VOCABULARY.getSymbolicName(type);
    }

    private static String end(Token t) {
        String text = t.getText();
        int newline = text.lastIndexOf('\n');
        if (newline < 0) {
            return t.getLine() + ":" + (t.getCharPositionInLine() + text.codePointCount(0, text.length()));
        }
        int lines = (int) text.chars().filter(c -> c == '\n').count();
        return (t.getLine() + lines) + ":" + text.codePointCount(newline + 1, text.length());
    }

    // ------------------------------------------------------------------ CPython's side

    private static Map<String, String> readDigests(String output) {
        Map<String, String> digests = new TreeMap<>();
        for (String line : output.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                digests.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return digests;
    }

    private static Map<String, Boolean> compiles(Path python, Path script, List<String> paths) throws Exception {
        Map<String, Boolean> result = new HashMap<>();
        if (paths.isEmpty()) {
            return result;
        }
        String out = Interpreters.run(python, List.of(script.toString(), "compiles"), String.join("\n", paths) + "\n");
        for (String line : out.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                result.put(line.substring(0, tab), line.substring(tab + 1).equals("1"));
            }
        }
        return result;
    }

    private static String firstDifference(Path python, Path script, Path file) throws Exception {
        List<String> theirs = List.of(Interpreters.run(python, List.of(script.toString(), "dump", file.toString()), "")
                .split("\n"));
        List<String> mine;
        try {
            mine = canonical(SourceDecoder.decode(Files.readAllBytes(file)));
        } catch (PythonSyntaxError e) {
            return file + ": we reject it: " + e.getMessage() + " at " + e.line() + ":" + e.column();
        }
        for (int i = 0; i < Math.max(theirs.size(), mine.size()); i++) {
            String a = i < theirs.size() ? theirs.get(i) : "<end>";
            String b = i < mine.size() ? mine.get(i) : "<end>";
            if (!a.equals(b)) {
                return file + ": token " + i + "\n  CPython: " + a + "\n  memlint: " + b;
            }
        }
        return file + ": same lines";
    }

    private static Path oracleScript() throws IOException {
        Path script = Files.createTempFile("tokenize_oracle", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = TokenizeOracleTest.class.getResourceAsStream("tokenize_oracle.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    static String sha1(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : hash) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
