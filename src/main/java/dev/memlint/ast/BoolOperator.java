package dev.memlint.ast;

/** CPython's boolop. */
public enum BoolOperator { And, Or }
