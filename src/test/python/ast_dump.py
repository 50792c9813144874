"""Dump CPython's ast of Python files as JSON, in the format of memlint's dev.memlint.ast.AstJson.

Usage: python ast_dump.py [FILE ...]    (no FILE: read paths from stdin, one per line)

Writes one line per file, in order: the tree of the file, or
{"error": {"type": ..., "msg": ..., "lineno": ..., "offset": ...}} when CPython refuses it.
Files are parsed from their bytes, so encoding cookies and BOMs apply as when Python runs them.
Older interpreters are normalised to the 3.14 node schema that memlint mirrors: fields that are
always empty where they are missing (type_params, default_value) are added; type_comment and
type_ignores are dropped. Runs under CPython 3.8 to 3.14 (also inside pyodide: see dump_source).
"""
import ast
import json
import struct
import sys
import warnings

_DROPPED = frozenset(("type_comment", "type_ignores"))
# Fields of the 3.14 schema that older versions lack, with the value they would always have.
_ADDED = {
    "FunctionDef": (("type_params", []),),
    "AsyncFunctionDef": (("type_params", []),),
    "ClassDef": (("type_params", []),),
    "TypeVar": (("default_value", None),),
    "ParamSpec": (("default_value", None),),
    "TypeVarTuple": (("default_value", None),),
}
_DECIMAL_LIMIT = 10 ** 4300
_NAMED_ONLY = (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)
_POSITION = ("lineno", "col_offset", "end_lineno", "end_col_offset")


def _bits(value):
    return str(struct.unpack("<q", struct.pack("<d", value))[0])


def _constant(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        # Past 4300 decimal digits str() refuses (3.11+, and 3.8-3.10 security releases): hex, as AstJson writes it.
        return {"int": str(value) if abs(value) < _DECIMAL_LIMIT else hex(value)}
    if isinstance(value, float):
        return {"float": _bits(value)}
    if isinstance(value, complex):
        return {"complex": [_bits(value.real), _bits(value.imag)]}
    if isinstance(value, bytes):
        return {"bytes": value.decode("latin-1")}
    if value is Ellipsis:
        return {"ellipsis": True}
    raise TypeError("unexpected constant %r" % (value,))


_LEAVES = (str, int, type(None))
_SPECS = {}


def _spec(cls):
    """How nodes of one class are written: a name (operators, contexts) or (name, fields, positions)."""
    spec = _SPECS.get(cls)
    if spec is None:
        name = cls.__name__
        if issubclass(cls, _NAMED_ONLY):
            spec = name
        else:
            fields = tuple(f for f in cls._fields if f not in _DROPPED)
            positions = tuple(a for a in _POSITION if a in cls._attributes)
            spec = (name, fields, positions, _ADDED.get(name, ()))
        _SPECS[cls] = spec
    return spec


def _value(value):
    if isinstance(value, _LEAVES):
        return value
    if isinstance(value, list):
        return [_value(v) for v in value]
    return _node(value)


def _node(node):
    spec = _spec(type(node))
    if isinstance(spec, str):
        return spec
    name, fields, positions, added = spec
    if name == "Index":  # 3.8: Subscript(slice=Index(value))
        return _node(node.value)
    if name == "ExtSlice":  # 3.8: a tuple of slices, without a position of its own
        return {"_type": "Tuple", "elts": [_node(d) for d in node.dims], "ctx": "Load"}
    out = {"_type": name}
    if name == "Constant":
        out["value"] = _constant(node.value)
        out["kind"] = node.kind
    else:
        for field in fields:
            out[field] = _value(getattr(node, field, None))
        for field, default in added:
            out.setdefault(field, default)
    for attribute in positions:
        out[attribute] = getattr(node, attribute, None)
    return out


def dump_source(source, filename="<unknown>"):
    """The JSON line for one file's bytes: its tree, or an error record."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source, filename)
    except SyntaxError as e:  # IndentationError and TabError are SyntaxErrors
        return _error(type(e).__name__, e.msg, e.lineno, e.offset)
    except (ValueError, RecursionError, MemoryError) as e:
        return _error(type(e).__name__, str(e), None, None)
    try:
        return json.dumps(_node(tree), ensure_ascii=True, separators=(",", ":"))
    except RecursionError:
        return _error("RecursionError", "tree too deep to dump", None, None)


def _error(kind, msg, lineno, offset):
    return json.dumps({"error": {"type": kind, "msg": msg, "lineno": lineno, "offset": offset}},
                      ensure_ascii=True, separators=(",", ":"))


def main(argv):
    paths = argv[1:] or [line.rstrip("\r\n") for line in sys.stdin if line.strip()]
    if sys.version_info >= (3, 11):  # Python-to-Python calls no longer use the C stack
        sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    out = sys.stdout
    for path in paths:
        with open(path, "rb") as f:
            source = f.read()
        out.write(dump_source(source, path))
        out.write("\n")
    out.flush()


if __name__ == "__main__":
    main(sys.argv)
