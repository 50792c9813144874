package dev.memlint.memory.heap;

import java.util.Set;

/**
 * Calls that keep no reference to their arguments once they return: builtins, functions of stdlib
 * modules that compute from their arguments (math, os.path, json, re, logging, ...), and methods
 * of str, bytes, files, dicts and loggers. What they are given does not escape, so an object passed
 * to them can still be found in a cycle. Methods are listed only for receivers the analysis knows
 * nothing of; a module class's own method of the same name is followed instead.
 */
final class RetainsNothing {
    private RetainsNothing() {}

    private static final Set<String> BUILTINS = Set.of("len", "print", "isinstance", "issubclass", "id",
            "repr", "str", "int", "float", "bool", "hash", "min", "max", "sum", "any", "all", "abs", "range",
            "type", "hasattr", "getattr", "callable", "format", "round", "divmod", "ord", "chr", "bytes",
            "bytearray", "hex", "oct", "bin", "ascii", "complex", "slice", "object", "super", "vars", "dir",
            "open", "next", "pow", "input");

    /** Modules whose functions return new values computed from their arguments and keep none of them. */
    private static final Set<String> MODULES = Set.of("math", "cmath", "os", "os.path", "posixpath", "ntpath",
            "time", "re", "json", "struct", "string", "textwrap", "logging", "warnings", "binascii", "base64",
            "hashlib", "zlib", "gzip", "bz2", "lzma", "shlex", "fnmatch", "glob", "shutil", "html", "urllib.parse",
            "unicodedata", "keyword", "difflib", "pprint", "traceback", "inspect", "operator", "bisect",
            "heapq", "statistics", "secrets", "uuid", "datetime", "calendar", "locale", "codecs", "io",
            "tempfile", "platform", "sysconfig", "errno", "stat", "filecmp", "linecache", "tokenize", "ast",
            "copy"); // copy.deepcopy(x): the copy shares nothing with x that refers back to x

    private static final Set<String> METHODS = Set.of(
            // str and bytes
            "startswith", "endswith", "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "partition",
            "rpartition", "join", "replace", "lower", "upper", "casefold", "title", "capitalize", "swapcase",
            "encode", "decode", "find", "rfind", "index", "rindex", "count", "format", "format_map", "zfill",
            "center", "ljust", "rjust", "expandtabs", "translate", "isdigit", "isalpha", "isalnum", "isspace",
            "isidentifier", "isupper", "islower", "removeprefix", "removesuffix", "hex",
            // files and streams
            "write", "writelines", "read", "readline", "readlines", "flush", "seek", "tell", "close", "fileno",
            "getvalue",
            // loggers
            "debug", "info", "warning", "warn", "error", "exception", "critical", "log", "isEnabledFor",
            // lookups and reads of containers
            "get", "keys", "values", "items", "__contains__", "isoformat", "strftime", "hexdigest", "digest",
            // regular expressions
            "match", "fullmatch", "search", "findall", "finditer", "sub", "subn", "group", "groups", "groupdict",
            "span", "start", "end");

    /**
     * Whether a call of this bare name runs such a builtin: the module neither defines nor imports a
     * function or class of that name. The analysis and its prefilters ask this same question, so a
     * method the prefilter passes over is one the analysis would find keeps nothing.
     */
    static boolean builtinCall(String name, ModuleIndex index) {
        return BUILTINS.contains(name) && index.functionNamed(name) == null && index.classNamed(name) == null
                && !index.isImported(name);
    }

    /** A qualified name such as "os.path.join" or "logging.debug". */
    static boolean moduleFunction(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot > 0 && MODULES.contains(qualified.substring(0, dot));
    }

    static boolean method(String name) {
        return METHODS.contains(name);
    }
}
