package dev.memlint.memory.provenance;

import dev.memlint.ast.Expr;
import dev.memlint.semantic.Binding;
import dev.memlint.semantic.SemanticModel;
import dev.memlint.semantic.Symbol;

import java.util.Map;
import java.util.Set;

/**
 * Expressions that read data from outside the program, whose size grows with that data: files,
 * standard input, sockets, HTTP bodies, database cursors, directory listings, subprocess output,
 * the command line and the environment. Recognised by what they call or read, not by types.
 */
final class InputSources {
    /** Qualified names of functions and attributes that produce input. */
    private static final Map<String, Provenance.Origin> QUALIFIED = Map.ofEntries(
            Map.entry("builtins.open", Provenance.Origin.FILE),
            Map.entry("builtins.input", Provenance.Origin.STDIN),
            Map.entry("io.open", Provenance.Origin.FILE),
            Map.entry("codecs.open", Provenance.Origin.FILE),
            Map.entry("gzip.open", Provenance.Origin.FILE),
            Map.entry("bz2.open", Provenance.Origin.FILE),
            Map.entry("lzma.open", Provenance.Origin.FILE),
            Map.entry("json.load", Provenance.Origin.FILE),
            Map.entry("pickle.load", Provenance.Origin.FILE),
            Map.entry("fileinput.input", Provenance.Origin.FILE),
            Map.entry("sys.stdin", Provenance.Origin.STDIN),
            Map.entry("sys.argv", Provenance.Origin.COMMAND_LINE),
            Map.entry("os.environ", Provenance.Origin.ENVIRONMENT),
            Map.entry("os.environb", Provenance.Origin.ENVIRONMENT),
            Map.entry("os.getenv", Provenance.Origin.ENVIRONMENT),
            Map.entry("os.listdir", Provenance.Origin.DIRECTORY),
            Map.entry("os.scandir", Provenance.Origin.DIRECTORY),
            Map.entry("os.walk", Provenance.Origin.DIRECTORY),
            Map.entry("glob.glob", Provenance.Origin.DIRECTORY),
            Map.entry("glob.iglob", Provenance.Origin.DIRECTORY),
            Map.entry("subprocess.check_output", Provenance.Origin.PROCESS),
            Map.entry("subprocess.getoutput", Provenance.Origin.PROCESS),
            Map.entry("urllib.request.urlopen", Provenance.Origin.NETWORK));
    /** Methods that read a whole stream or what a query returned, whatever the receiver. */
    private static final Map<String, Provenance.Origin> READING_METHODS = Map.ofEntries(
            Map.entry("read", Provenance.Origin.FILE),
            Map.entry("readlines", Provenance.Origin.FILE),
            Map.entry("read_text", Provenance.Origin.FILE),
            Map.entry("read_bytes", Provenance.Origin.FILE),
            Map.entry("recv", Provenance.Origin.NETWORK),
            Map.entry("recvfrom", Provenance.Origin.NETWORK),
            Map.entry("makefile", Provenance.Origin.NETWORK),
            Map.entry("fetchall", Provenance.Origin.DATABASE),
            Map.entry("fetchmany", Provenance.Origin.DATABASE),
            Map.entry("iterdir", Provenance.Origin.DIRECTORY),
            Map.entry("rglob", Provenance.Origin.DIRECTORY),
            Map.entry("communicate", Provenance.Origin.PROCESS));
    /** Attributes of a request object holding what the client sent ({@code request.body}). */
    private static final Set<String> REQUEST_NAMES = Set.of("request", "req", "response", "resp", "environ");
    private static final Set<String> REQUEST_ATTRIBUTES = Set.of("body", "data", "content", "text", "form", "files",
            "json", "POST", "GET", "payload", "raw", "stream", "query_params", "args", "values");
    /** Methods whose constant first argument caps what they read: {@code f.read(4096)}, {@code sock.recv(1024)}. */
    private static final Set<String> SIZED_READS = Set.of("read", "recv", "recvfrom", "readline", "fetchmany");

    private InputSources() {}

    /** The provenance of e when it reads input, else null. */
    static Provenance of(SemanticModel model, Expr e) {
        String q = model.qualifiedName(e instanceof Expr.Call c ? c.func() : e);
        if (q != null && QUALIFIED.containsKey(q)) {
            return Provenance.input(QUALIFIED.get(q), q.startsWith("builtins.") ? q.substring(9) + "()" : q);
        }
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Attribute a) {
            Provenance.Origin origin = READING_METHODS.get(a.attr());
            if (origin == null && a.attr().equals("readline")) origin = Provenance.Origin.FILE;
            if (origin == null) return null;
            if (SIZED_READS.contains(a.attr()) && c.args().size() >= 1) {
                Long cap = constantInt(model, c.args().get(0));
                if (cap != null && cap >= 0) return Provenance.bounded(cap);
            }
            if (a.attr().equals("readline")) return null; // one line, of a stream read elsewhere
            return Provenance.input(origin, "." + a.attr() + "()");
        }
        // request.args, resp.content: only on a parameter named as a request or response (expr.args is no input).
        if (e instanceof Expr.Attribute a && REQUEST_ATTRIBUTES.contains(a.attr()) && a.value() instanceof Expr.Name n
                && isParameter(model, n) && isRequestName(n.id())) {
            return Provenance.input(Provenance.Origin.REQUEST, n.id() + "." + a.attr());
        }
        return null;
    }

    private static boolean isRequestName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return REQUEST_NAMES.contains(lower) || lower.endsWith("_request") || lower.endsWith("_response");
    }

    private static boolean isParameter(SemanticModel model, Expr.Name n) {
        Symbol s = model.symbol(n);
        return s != null && s.bindings().stream().anyMatch(b -> b.kind() == Binding.Kind.PARAMETER);
    }

    /** An int literal, or a name bound once to one ({@code CHUNK = 4096}). */
    static Long constantInt(SemanticModel model, Expr e) {
        if (e instanceof Expr.Constant k && k.value() instanceof java.math.BigInteger b && b.bitLength() < 63) {
            return b.longValue();
        }
        if (e instanceof Expr.Name n) {
            Symbol s = model.symbol(n);
            if (s != null && s.bindings().size() == 1 && s.bindings().get(0).kind() == Binding.Kind.ASSIGNMENT
                    && s.bindings().get(0).value() != null && s.bindings().get(0).value() != e) {
                return constantInt(model, s.bindings().get(0).value());
            }
        }
        if (e instanceof Expr.BinOp b) {
            Long l = constantInt(model, b.left());
            Long r = constantInt(model, b.right());
            if (l == null || r == null) return null;
            return switch (b.op()) {
                case Add -> l + r;
                case Mult -> Math.abs(l) < 1L << 31 && Math.abs(r) < 1L << 31 ? l * r : null;
                case Sub -> l - r;
                case LShift -> r >= 0 && r < 31 && Math.abs(l) < 1L << 31 ? l << r : null;
                default -> null;
            };
        }
        return null;
    }
}
