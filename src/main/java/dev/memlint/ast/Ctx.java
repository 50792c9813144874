package dev.memlint.ast;

/** CPython's expr_context: how a name, attribute, subscript, starred, list or tuple is used. */
public enum Ctx { Load, Store, Del }
