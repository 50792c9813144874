package dev.memlint.ast;

/** The value of the constant {@code ...}. */
public enum Ellipsis { INSTANCE }
