package dev.memlint.parse;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The base class of the generated parse-tree contexts (the grammar's contextSuperClass): keeps a
 * context's children in a list that holds one child without an array. ANTLR's own list reserves
 * ten slots, and most contexts have a single child, so a large statement's tree (a data table
 * of a million rows) was mostly empty slots: 80 bytes of list per context, now 24.
 */
public class CompactContext extends ParserRuleContext {
    public CompactContext() {}

    public CompactContext(ParserRuleContext parent, int invokingStateNumber) {
        super(parent, invokingStateNumber);
    }

    @Override
    public <T extends ParseTree> T addAnyChild(T t) {
        if (children == null) children = new Children();
        children.add(t);
        return t;
    }

    /** The first child in a field, the others in an array grown by half. */
    private static final class Children extends AbstractList<ParseTree> implements RandomAccess {
        private ParseTree first;
        private ParseTree[] rest;
        private int size;

        @Override
        public ParseTree get(int index) {
            Objects.checkIndex(index, size);
            return index == 0 ? first : rest[index - 1];
        }

        @Override
        public ParseTree set(int index, ParseTree child) {
            ParseTree old = get(index);
            if (index == 0) first = child;
            else rest[index - 1] = child;
            return old;
        }

        @Override
        public int size() { return size; }

        @Override
        public boolean add(ParseTree child) {
            if (size == 0) {
                first = child;
            } else {
                if (rest == null) rest = new ParseTree[2];
                else if (size - 1 == rest.length) rest = Arrays.copyOf(rest, rest.length + (rest.length >> 1) + 1);
                rest[size - 1] = child;
            }
            size++;
            modCount++;
            return true;
        }

        @Override
        public ParseTree remove(int index) {
            ParseTree old = get(index);
            for (int i = index; i < size - 1; i++) set(i, get(i + 1));
            set(size - 1, null);
            size--;
            modCount++;
            return old;
        }
    }
}
