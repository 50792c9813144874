package dev.memlint.rule;

/** How serious a finding is; maps one-to-one onto SARIF levels. */
public enum Severity {
    ERROR, WARNING, NOTE;

    /** "error", "warning", "note" as SARIF and the CLI spell them. */
    public String label() { return name().toLowerCase(); }
}
