"""Compiles each case exactly as written (one per line, \\n \\r \\t \\\\ escaped, no newline added; lines
starting with ## are comments) and prints one line per case: OK, or line<TAB>column<TAB>Kind<TAB>message."""
import sys
import warnings

warnings.simplefilter("ignore")
for raw in open(sys.argv[1], encoding="utf-8").read().splitlines():
    if not raw or raw.startswith("##"):
        continue
    case = (raw.replace("\\\\", "\0").replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")
            .replace("\0", "\\"))
    try:
        compile(case, "x.py", "exec")
        print("OK")
    except SyntaxError as e:
        print("%s\t%s\t%s\t%s" % (e.lineno, e.offset, type(e).__name__, e.msg))
