"""Canonical one-line dump of CPython's ast, matching dev.memlint.parse.AstDump (test helper).

Usage: ast_dump.py FILE...   -> one line per file: path TAB dump (or ERROR: message)
       ast_dump.py -         -> source on stdin, one dump line
Fields are sorted by name; None values and empty lists are left out; floats as IEEE bits.
"""
import ast, json, struct, sys, warnings

SKIP = {"type_comment", "type_ignores"}

def bits(f):
    return str(struct.unpack("<q", struct.pack("<d", f))[0])

def value(v):
    if v is None: return "None"
    if v is True: return "True"
    if v is False: return "False"
    if v is Ellipsis: return "Ellipsis"
    if isinstance(v, str): return json.dumps(v)
    if isinstance(v, bytes): return "b" + v.hex()
    if isinstance(v, int): return str(v)
    if isinstance(v, float): return "f" + bits(v)
    if isinstance(v, complex): return "c" + bits(v.real) + "," + bits(v.imag)
    raise TypeError(type(v))

def dump(n):
    if isinstance(n, list):
        return "[" + ", ".join(dump(x) for x in n) + "]"
    if isinstance(n, ast.AST):
        parts = []
        if isinstance(n, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)):
            return type(n).__name__
        for f in sorted(n._fields):
            if f in SKIP: continue
            v = getattr(n, f, None)
            if v is None or (isinstance(v, list) and not v): continue
            if isinstance(n, ast.Constant) and f == "value":
                parts.append(f + "=" + value(v))
            elif isinstance(n, ast.MatchSingleton) and f == "value":
                parts.append(f + "=" + value(v))
            else:
                parts.append(f + "=" + dump(v))
        if hasattr(n, "lineno") and n.lineno is not None:
            parts.append("@%d:%d-%d:%d" % (n.lineno, n.col_offset, n.end_lineno, n.end_col_offset))
        return type(n).__name__ + "(" + ", ".join(parts) + ")"
    if isinstance(n, str):
        return json.dumps(n)
    return value(n)

def one(src, name):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return dump(ast.parse(src, name))
    except SyntaxError as e:
        return "ERROR: %s @%s" % (e.msg, e.lineno)
    except Exception as e:
        return "ERROR: %s" % type(e).__name__

if __name__ == "__main__":
    if sys.argv[1:] == ["-"]:
        print(one(sys.stdin.buffer.read(), "<stdin>"))
    else:
        for path in sys.argv[1:]:
            with open(path, "rb") as fh:
                print(path + "\t" + one(fh.read(), path))
