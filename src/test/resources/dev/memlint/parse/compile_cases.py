"""Compiles each case (one per line, \\n and \\t escaped) and prints: case | OK, or case | Kind message line."""
import sys

for raw in open(sys.argv[1], encoding="utf-8").read().splitlines():
    case = raw.replace("\\\\", "\0").replace("\\n", "\n").replace("\\t", "\t").replace("\0", "\\")
    try:
        compile(case + "\n", "f", "exec")
        print(raw + " | OK")
    except SyntaxError as e:
        print("%s | %s %s %s" % (raw, type(e).__name__, e.msg, e.lineno))
