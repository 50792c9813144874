package dev.memlint.ast;

/** CPython's unaryop. */
public enum UnaryOperator { Invert, Not, UAdd, USub }
