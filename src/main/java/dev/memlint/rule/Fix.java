package dev.memlint.rule;

import java.util.List;

/** A mechanical rewrite that removes a finding; unsafe fixes may change behaviour. */
public record Fix(String description, Applicability applicability, List<Edit> edits) {
    public enum Applicability { SAFE, UNSAFE }
}
