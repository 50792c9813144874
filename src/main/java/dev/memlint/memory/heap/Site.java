package dev.memlint.memory.heap;

import dev.memlint.ast.Located;

/**
 * An abstract object: everything one allocation site makes, or what a parameter or a field of one
 * refers to. A singular site makes at most one object per call (it is not inside a loop), so a
 * reference between two singular sites is a reference between two concrete objects.
 *
 * @param key       unique within one analysis ("12:8 list", "param parent", "param parent.children")
 * @param node      the expression or statement that creates it; null for parameters and the frame
 * @param className the class of an instance or exception site, the method's name of a bound method or pending call, else null
 */
public record Site(String key, Kind kind, Located node, String className, boolean singular) {
    /** A function's parameter as the analysis starts it: one object, of className when that is known (self). */
    public static Site param(String name, String className) {
        return new Site("param " + name, Kind.PARAM, null, className, true);
    }


    public enum Kind {
        LIST, TUPLE, DICT, SET, INSTANCE, FUNCTION,
        /** A method of a module class read from an instance (className holds the method's name): it refers to the instance. */
        BOUND_METHOD,
        GENERATOR, ITERATOR, EXCEPTION,
        /** A class object made at run time (a class statement in a function, type(), namedtuple()): always in a cycle. */
        CLASS,
        /** The running function's frame, which a caught exception's traceback keeps alive. */
        FRAME,
        /** A weak reference: refers to nothing as far as cycles go. */
        WEAK,
        /** An argument, a module global, or an object reached from one: lives outside the call. */
        PARAM,
        /** None: refers to nothing, and nothing can be stored into it (that raises). */
        NONE,
        /**
         * A method call on an argument of a class the callee cannot know, left for the caller to run
         * (className holds the method's name): it refers to the receiver and the arguments.
         */
        PENDING_CALL
    }

    /**
     * The summary object of the site's older objects: those a loop made on earlier iterations,
     * which the recent one becomes when the loop makes another (see HeapState#age).
     */
    public Site older() {
        return new Site(key, kind, node, className, false);
    }

    /** Ends the key of a callee's object that was in a garbage cycle when the callee returned. */
    public static final String LEFT_BY_CALLEE = " (left by callee)";

    /** Whether this stands for objects a callee made and left in a cycle that is reported at the callee. */
    public boolean leftByCallee() {
        return key.endsWith(LEFT_BY_CALLEE);
    }

    /** Ends the key of an object made once per item of a comprehension: the recent one is the last item's. */
    public static final String PER_ITEM = " (per item)";

    /** Whether this stands for objects a comprehension makes, one per item. */
    public boolean perItem() {
        return key.endsWith(PER_ITEM);
    }

    /** A parameter's site's path from the parameter: {@code parent.children} for "param parent.children". */
    public String paramPath() {
        return key.substring("param ".length());
    }

    /** Starts the key of a module-level object (or one reached from it): it outlives every call. */
    public static final String GLOBAL = "global ";

    public boolean global() {
        return key.startsWith(GLOBAL);
    }

    /** The one None object. */
    public static final Site NONE = new Site("None", Kind.NONE, null, null, true);

    /** Lives outside the call (an argument or something reached from one). */
    public boolean outer() {
        return kind == Kind.PARAM || key.startsWith(GLOBAL);
    }

    /** A class the module defines at its top level, as a value (passed, bound to a name). */
    public static Site moduleClass(String name) {
        return new Site(GLOBAL + "class " + name, Kind.CLASS, null, name, true);
    }

    /** Whether this is a class the module defines at its top level. */
    public boolean isModuleClass() {
        return kind == Kind.CLASS && key.startsWith(GLOBAL);
    }

    public String describe() {
        return switch (kind) {
            case INSTANCE -> className + " instance";
            case BOUND_METHOD -> "bound method";
            case CLASS -> "class " + (className != null ? className : "object");
            case EXCEPTION -> className != null ? className + " exception" : "caught exception";
            case FRAME -> "frame";
            case PARAM -> global() ? key.substring(GLOBAL.length()) : paramPath();
            case NONE -> "None";
            default -> kind.name().toLowerCase().replace('_', ' ');
        };
    }

    // Equality compares the node by identity: syntax-tree records hash their whole subtree. The
    // same instance is the common case in the heap's hash sets, and the key's characters the
    // costliest test, so both come in that order.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Site s && node == s.node && kind == s.kind && singular == s.singular
                && key.equals(s.key) && java.util.Objects.equals(className, s.className);
    }

    @Override
    public int hashCode() {
        return key.hashCode(); // the key names the kind too
    }

    @Override
    public String toString() {
        return key;
    }
}
