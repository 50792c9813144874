package dev.memlint.memory.heap;

import java.util.Set;

/**
 * Objects made by library classes the analysis cannot read: what a constructor is given, it may
 * keep (a partial keeps its function and arguments, an ExitStack its callbacks, a Thread its
 * target); what a method of such an object is given, the object may keep too, unless the method
 * hands the object to the library's own registries (a started thread, a registered handler),
 * which keep it alive. Some library classes are cyclic from their constructor on (measured with
 * CPython 3.11-3.13: each instance made and dropped is cyclic garbage).
 */
final class LibraryObjects {
    private LibraryObjects() {}

    /** Constructors whose instances refer to themselves (16-44 objects of cyclic garbage each). */
    private static final Set<String> SELF_CYCLIC = Set.of("argparse.ArgumentParser", "configparser.ConfigParser",
            "configparser.RawConfigParser", "configparser.SafeConfigParser", "optparse.OptionParser",
            "urllib.request.build_opener");

    /** Factories with lower-case names that make objects keeping their arguments. */
    private static final Set<String> FACTORIES = Set.of("functools.partial", "functools.lru_cache", "functools.cache",
            "functools.wraps", "collections.defaultdict", "collections.deque", "collections.OrderedDict",
            "collections.ChainMap", "contextlib.closing", "threading.local", "types.SimpleNamespace",
            "types.MethodType");

    /** Methods that hand the object to a registry outside the call: it stays alive. */
    private static final Set<String> PUBLISHING = Set.of("start", "register", "connect", "subscribe", "install",
            "activate", "run_forever", "serve_forever", "add_signal_handler", "call_soon", "call_later",
            "create_task", "submit", "schedule", "attach", "listen", "bind");

    /**
     * Methods that make a new class each call, kept by the object: an EmailMessage (policy
     * email.policy.default) stores each header it is given as an instance of a class its header
     * registry makes with type(); 6 objects of cyclic garbage per header once the message is
     * dropped, 21-30 for set_content and the add_* methods (CPython 3.11-3.13).
     */
    private static final java.util.Map<String, Set<String>> CLASS_MAKING_METHODS = java.util.Map.of(
            "email.message.EmailMessage", Set.of("__setitem__", "add_header", "replace_header", "set_param",
                    "set_content", "add_attachment", "add_related", "add_alternative"));

    static boolean makesClass(String qualified, String method) {
        Set<String> methods = CLASS_MAKING_METHODS.get(qualified);
        return methods != null && methods.contains(method);
    }

    static boolean selfCyclic(String qualified) {
        return SELF_CYCLIC.contains(qualified);
    }

    /** Whether a call of this imported name makes an object that may keep what it is given. */
    static boolean makesObject(String qualified) {
        if (SELF_CYCLIC.contains(qualified) || FACTORIES.contains(qualified)) {
            return true;
        }
        String last = qualified.substring(qualified.lastIndexOf('.') + 1);
        return !last.isEmpty() && Character.isUpperCase(last.charAt(0)) && !last.equals(last.toUpperCase());
    }

    static boolean publishes(String method) {
        return PUBLISHING.contains(method);
    }
}
