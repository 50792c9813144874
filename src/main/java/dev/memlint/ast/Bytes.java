package dev.memlint.ast;

import java.util.Arrays;

/** The value of a bytes literal, with value equality. */
public record Bytes(byte[] data) {
    public int length() { return data.length; }

    @Override public boolean equals(Object o) { return o instanceof Bytes b && Arrays.equals(data, b.data); }

    @Override public int hashCode() { return Arrays.hashCode(data); }

    @Override public String toString() { return "Bytes[" + data.length + "]"; }
}
