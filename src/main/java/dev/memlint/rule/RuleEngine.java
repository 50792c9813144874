package dev.memlint.rule;

import dev.memlint.ast.Located;
import dev.memlint.ast.Module;
import dev.memlint.ast.Node;
import dev.memlint.ast.Pos;
import dev.memlint.memory.ModuleMemory;
import dev.memlint.memory.provenance.SizeProvenance;
import dev.memlint.parse.Comment;
import dev.memlint.parse.ParsedFile;
import dev.memlint.parse.PythonVersion;
import dev.memlint.parse.SourceText;
import dev.memlint.rule.support.ModuleImports;
import dev.memlint.semantic.SemanticModel;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a set of rules over one file: builds the semantic model, lets each rule subscribe, walks
 * the tree once dispatching every node to its subscribers, drops suppressed findings and sorts
 * the rest. Thread-safe: nothing is shared between calls of {@link #check}.
 */
public final class RuleEngine {
    private final List<Class<? extends Rule>> rules;
    private final Map<String, Map<String, Long>> options;
    // Looked up once per rule class, not per file (an engine is made for every file): reflection
    // on every file cost a few percent of a large run.
    private static final ClassValue<Constructor<?>> CONSTRUCTORS = new ClassValue<>() {
        @Override protected Constructor<?> computeValue(Class<?> rule) {
            try {
                return rule.getDeclaredConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("rule " + rule.getName() + " has no no-argument constructor", e);
            }
        }
    };
    private final PythonVersion target;
    private final PythonVersion lowest;
    private final boolean testCode;

    /** An engine for code of the latest Python version's syntax that must run on every version from 3.8. */
    public RuleEngine(List<Class<? extends Rule>> rules, Map<String, Map<String, Long>> options) {
        this(rules, options, PythonVersion.LATEST, PythonVersion.PY38);
    }

    /**
     * @param rules   the enabled rule classes
     * @param options per code, option values overriding the declared defaults (may be empty)
     * @param target  the Python version the code targets
     * @param lowest  the oldest Python the code must run on, which decides what advice fits
     */
    public RuleEngine(List<Class<? extends Rule>> rules, Map<String, Map<String, Long>> options, PythonVersion target,
                      PythonVersion lowest) {
        this(rules, options, target, lowest, false);
    }

    private RuleEngine(List<Class<? extends Rule>> rules, Map<String, Map<String, Long>> options, PythonVersion target,
                       PythonVersion lowest, boolean testCode) {
        this.rules = List.copyOf(rules);
        this.options = options;
        this.target = target;
        this.lowest = lowest;
        this.testCode = testCode;
    }

    /** The same engine for a file that is (or is not) test code: see {@link RuleInit#testCode()}. */
    public RuleEngine forTestCode(boolean isTestCode) {
        return new RuleEngine(rules, options, target, lowest, isTestCode);
    }

    public List<Class<? extends Rule>> rules() { return rules; }

    /** The findings of the enabled rules on a parsed file, honouring its noqa comments. */
    public List<Finding> check(String path, ParsedFile file) {
        Suppressions suppressions = new Suppressions();
        for (Comment c : file.comments()) {
            if (!Suppressions.mayBeNoqa(c.text())) continue; // most comments: no line text, no regex
            String line = file.source().line(c.line());
            boolean ownLine = line.substring(0, Math.min(line.length(), line.offsetByCodePoints(0,
                    Math.min(c.column(), line.codePointCount(0, line.length()))))).isBlank();
            suppressions.addComment(c.line(), ownLine, c.text());
        }
        return check(path, file.module(), file.source(), suppressions);
    }

    /** The findings of the enabled rules on one parsed file, not suppressed, sorted by position. */
    public List<Finding> check(String path, Module module, SourceText source, Suppressions suppressions) {
        SemanticModel model = SemanticModel.build(module);
        FileRun run = new FileRun(path, source, model);
        try {
            for (Class<? extends Rule> c : rules) run.initRule(c);
            run.walk();
            run.finish(suppressions);
        } finally {
            // The rules' per-file caches would keep this file's tree and model alive while the
            // thread parses its next file.
            ModuleMemory.forgetLast();
            ModuleImports.forgetLast();
            SizeProvenance.forgetLast();
        }
        List<Finding> out = new ArrayList<>(run.findings);
        out.sort(Comparator.comparingInt((Finding f) -> f.range().line()).thenComparingInt(f -> f.range().column())
                .thenComparing(Finding::code));
        return out;
    }

    /** The state of checking one file. */
    private final class FileRun {
        record Subscriber<T extends Node>(Class<T> kind, RuleInit.NodeHandler<T> handler, RuleContext context) {}

        final String path;
        final SourceText source;
        final SemanticModel model;
        final List<Subscriber<?>> subscribers = new ArrayList<>();
        final List<Subscriber<?>> fileEnd = new ArrayList<>();
        final Map<Class<?>, List<Subscriber<?>>> byClass = new HashMap<>();
        final List<Finding> findings = new ArrayList<>();

        FileRun(String path, SourceText source, SemanticModel model) {
            this.path = path;
            this.source = source;
            this.model = model;
        }

        TextRange toRange(Pos p) {
            return new TextRange(p.line(), source.codePointCol(p.line(), p.col()) + 1,
                    p.endLine(), source.codePointCol(p.endLine(), p.endCol()) + 1);
        }

        void initRule(Class<? extends Rule> c) {
            RuleMeta meta = RuleRegistry.meta(c);
            Rule rule;
            try {
                rule = c.cast(CONSTRUCTORS.get(c).newInstance());
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot create rule " + c.getName(), e);
            }
            Map<String, Long> configured = options.getOrDefault(meta.code(), Map.of());
            Context context = new Context(meta.code(), meta.severity());
            rule.init(new RuleInit() {
                @Override public <T extends Node> void on(Class<T> kind, NodeHandler<T> handler) {
                    subscribers.add(new Subscriber<>(kind, handler, context));
                }

                @Override public void onFileEnd(Consumer<RuleContext> handler) {
                    fileEnd.add(new Subscriber<>(Node.class, (ctx, n) -> handler.accept(ctx), context));
                }

                @Override public long option(String name) {
                    RuleMeta.Option o = Arrays.stream(meta.options()).filter(x -> x.name().equals(name))
                            .findFirst().orElseThrow(() -> new IllegalArgumentException(
                                    meta.code() + " declares no option " + name));
                    return configured.getOrDefault(name, o.defaultValue());
                }

                @Override public PythonVersion targetVersion() {
                    return target;
                }

                @Override public PythonVersion lowestPython() {
                    return lowest;
                }

                @Override public boolean testCode() {
                    return testCode;
                }
            });
        }

        void walk() {
            for (Node n : model.nodes()) dispatch(n);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void dispatch(Node n) {
            List<Subscriber<?>> subs = byClass.get(n.getClass());
            if (subs == null) {
                subs = new ArrayList<>();
                for (Subscriber<?> s : subscribers) if (s.kind().isAssignableFrom(n.getClass())) subs.add(s);
                byClass.put(n.getClass(), subs);
            }
            for (int i = 0, size = subs.size(); i < size; i++) {
                Subscriber s = subs.get(i);
                s.handler().visit(s.context(), n);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        /** Runs the file-end handlers and builds the findings noqa leaves, before merging them per loop. */
        void finish(Suppressions suppressions) {
            for (Subscriber s : fileEnd) s.handler().visit(s.context(), model.module());
            dropOverlapping(); // first: noqa on the specific finding silences the problem, not just one code
            pending.removeIf(b -> suppressions.isSuppressed(b.code, b.range.line()));
            for (Builder b : mergedPerLoop()) findings.add(b.build());
        }

        /** Two rules on one statement give one finding: the general one goes (Overlaps). */
        private void dropOverlapping() {
            Map<Integer, java.util.Set<String>> codesByLine = new HashMap<>();
            for (Builder b : pending) codesByLine.computeIfAbsent(b.range.line(), k -> new java.util.HashSet<>()).add(b.code);
            pending.removeIf(b -> Overlaps.replaced(b.code, codesByLine.get(b.range.line())));
        }

        /**
         * One finding per rule and loop: the most severe site (the first in source order among
         * equals) reports, the others become its related locations and are named in its message.
         * A finding with a fix stays on its own, so that its fix is not lost.
         */
        private List<Builder> mergedPerLoop() {
            List<Builder> sorted = new ArrayList<>(pending);
            sorted.sort(Comparator.comparingInt((Builder b) -> b.severity.ordinal())
                    .thenComparingInt(b -> b.range.line()).thenComparingInt(b -> b.range.column()));
            Map<String, Builder> firstByLoop = new HashMap<>();
            List<Builder> out = new ArrayList<>();
            for (Builder b : sorted) {
                if (b.loop == null || b.fix != null) {
                    out.add(b);
                    continue;
                }
                Builder first = firstByLoop.putIfAbsent(b.code + " " + b.loop, b);
                if (first == null) out.add(b);
                else first.sameLoop.add(b);
            }
            return out;
        }

        /** The context one rule's callback gets; reports carry the rule's code. */
        private final class Context implements RuleContext {
            private final String code;
            private final Severity severity;

            Context(String code, Severity severity) {
                this.code = code;
                this.severity = severity;
            }

            @Override public String path() { return path; }

            @Override public SourceText source() { return source; }

            @Override public SemanticModel model() { return model; }

            @Override public String text(Located node) {
                Pos p = node.pos();
                int start = source.offset(p.line(), source.codePointCol(p.line(), p.col()));
                int end = source.offset(p.endLine(), source.codePointCol(p.endLine(), p.endCol()));
                return source.text().substring(start, end);
            }

            @Override public TextRange range(Pos p) { return toRange(p); }

            @Override public FindingBuilder report(Located node, String message) {
                Builder b = new Builder(code, range(node.pos()), severity, message);
                pending.add(b);
                return b;
            }
        }

        final List<Builder> pending = new ArrayList<>();

        /** A finding under construction; built when the file is done. */
        private final class Builder implements FindingBuilder {
            final String code;
            final TextRange range;
            Severity severity;
            final String message;
            final List<Related> related = new ArrayList<>();
            final List<FlowStep> flow = new ArrayList<>();
            Fix fix;
            TextRange loop;
            final List<Builder> sameLoop = new ArrayList<>(); // the other findings of this rule in this loop
            Cost cost;

            Builder(String code, TextRange range, Severity severity, String message) {
                this.code = code;
                this.range = range;
                this.severity = severity;
                this.message = message;
            }

            @Override public FindingBuilder related(Located node, String message) {
                related.add(new Related(toRange(node.pos()), message));
                return this;
            }

            @Override public FindingBuilder loop(Located node) {
                loop = toRange(node.pos());
                related.add(new Related(loop, "the loop"));
                return this;
            }

            @Override public FindingBuilder step(Located node, String message) {
                flow.add(new FlowStep(toRange(node.pos()), message));
                return this;
            }

            @Override public FindingBuilder severity(Severity s) {
                if (s != null) this.severity = s;
                return this;
            }

            @Override public FindingBuilder cost(Cost c) {
                this.cost = c;
                return this;
            }

            @Override public FindingBuilder fix(String description, Fix.Applicability applicability, Edit... edits) {
                this.fix = new Fix(description, applicability, List.of(edits));
                return this;
            }

            Finding build() {
                String text = cost == null ? message : message + " (" + cost.text() + ")";
                if (sameLoop.isEmpty()) {
                    return new Finding(code, path, range, severity, text, List.copyOf(related), List.copyOf(flow), fix, cost);
                }
                sameLoop.sort(Comparator.comparingInt((Builder b) -> b.range.line()).thenComparingInt(b -> b.range.column()));
                List<Related> all = new ArrayList<>(related);
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < sameLoop.size(); i++) {
                    Builder other = sameLoop.get(i);
                    all.add(new Related(other.range, other.message));
                    if (i > 0) lines.append(i == sameLoop.size() - 1 ? " and " : ", ");
                    lines.append(other.range.line());
                }
                String more = "; " + sameLoop.size() + " more in this loop, on line" + (sameLoop.size() == 1 ? " " : "s ") + lines;
                return new Finding(code, path, range, severity, text + more, List.copyOf(all), List.copyOf(flow), fix, cost);
            }
        }
    }
}
