"""Reads JSON strings (one source a line) from the file named by the argument and prints, for each,
a JSON line: {"ok": true}, or the refusal ast.parse gives as {"kind", "msg", "line", "col"}."""
import ast
import json
import sys
import warnings

warnings.simplefilter("ignore")
for raw in open(sys.argv[1], encoding="utf-8"):
    source = json.loads(raw)
    try:
        ast.parse(source)
        result = {"ok": True}
    except SyntaxError as e:
        result = {"kind": type(e).__name__, "msg": e.msg, "line": e.lineno, "col": e.offset}
    except (ValueError, MemoryError, RecursionError) as e:
        result = {"kind": type(e).__name__, "msg": str(e), "line": None, "col": None}
    print(json.dumps(result))
