package dev.memlint.semantic;

/**
 * The few value types the light type inference tells apart. UNKNOWN means "could be anything":
 * rules stay silent on it.
 */
public enum PyType {
    STR, BYTES, BYTEARRAY, LIST, TUPLE, DICT, SET, FROZENSET, INT, FLOAT, COMPLEX, BOOL, NONE,
    RANGE, FILE, GENERATOR, ITERATOR, DICT_VIEW, MEMORYVIEW, DEQUE, UNKNOWN;

    /** Types whose slices are copies of the same type: str, bytes, bytearray, list, tuple. */
    public boolean isCopyingSequence() {
        return this == STR || this == BYTES || this == BYTEARRAY || this == LIST || this == TUPLE;
    }

    public boolean isKnown() { return this != UNKNOWN; }
}
