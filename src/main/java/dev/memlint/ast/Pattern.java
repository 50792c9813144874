package dev.memlint.ast;

import java.util.List;

/** A pattern of a match statement's case (CPython's pattern). */
public sealed interface Pattern extends Located {
    @Override
    default int family() {
        return NodeKinds.PATTERN;
    }

    record MatchValue(Expr value, Pos pos) implements Pattern {}

    /** value is Boolean.TRUE, Boolean.FALSE or null (None). */
    record MatchSingleton(Object value, Pos pos) implements Pattern {}

    record MatchSequence(List<Pattern> patterns, Pos pos) implements Pattern {}

    /** rest is the name bound by {@code **rest}, or null. */
    record MatchMapping(List<Expr> keys, List<Pattern> patterns, String rest, Pos pos) implements Pattern {}

    record MatchClass(Expr cls, List<Pattern> patterns, List<String> kwdAttrs, List<Pattern> kwdPatterns,
                      Pos pos) implements Pattern {}

    /** {@code *name}; name is null for {@code *_}. */
    record MatchStar(String name, Pos pos) implements Pattern {}

    /** {@code pattern as name}, a capture (pattern null) or the wildcard (both null). */
    record MatchAs(Pattern pattern, String name, Pos pos) implements Pattern {}

    record MatchOr(List<Pattern> patterns, Pos pos) implements Pattern {}
}
