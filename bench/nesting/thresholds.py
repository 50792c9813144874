"""The first nesting depth CPython refuses, per construct, running the file as `python FILE` does.

Usage: python3 bench/nesting/thresholds.py PYTHON [CONSTRUCT...]
Prints one line per construct: the first refused depth and the error there (the last line of
stderr), or "none below MAX". Bisects between 1 and MAX assuming that deeper is never accepted
again; the error at MAX is printed too, since it can differ from the one at the threshold.
docs/nesting-limits.md has the figures; NestingLimitsTest.nested writes the same sources.
"""
import subprocess
import sys
import tempfile

CONSTRUCTS = {
    "minus": lambda n: "x = " + "- " * n + "1\n",
    "not": lambda n: "x = " + "not " * n + "x\n",
    "lambda": lambda n: "x = " + "lambda x: " * n + "x\n",
    "pow": lambda n: "x = " + "a ** " * n + "a\n",
    "ifelse": lambda n: "x = " + "a if b else " * n + "c\n",
    "calls": lambda n: "x = f" + "()" * n + "\n",
    "attrs": lambda n: "x = f" + ".a" * n + "\n",
    "subscripts": lambda n: "x = f" + "[0]" * n + "\n",
    "plus": lambda n: "x = " + "a + " * n + "a\n",
    "elif": lambda n: "if a:\n    pass\n" + "elif a:\n    pass\n" * n,
    "minus_in_call": lambda n: "x = f(" + "- " * n + "1)\n",
    "minus_in_if": lambda n: "if x:\n    x = " + "- " * n + "1\n",
    "parens": lambda n: "x = " + "(" * n + "1" + ")" * n + "\n",
    "lists": lambda n: "x = " + "[" * n + "1" + "]" * n + "\n",
    "nested_calls": lambda n: "x = " + "f(" * n + "1" + ")" * n + "\n",
    "parens_in_call": lambda n: "x = f(" + "(" * n + "1" + ")" * n + ")\n",
    "minus_in_parens": lambda n: "x = (((" + "- " * n + "1)))\n",
    "tuples": lambda n: "x = " + "(1, " * n + "1" + ")" * n + "\n",
    "lambda_paren": lambda n: "x = " + "(lambda: " * n + "1" + ")" * n + "\n",
    "dicts": lambda n: "x = " + "{'a': " * n + "1" + "}" * n + "\n",
    "ones": lambda n: "x = " + "1 + " * n + "1\n",
    "minus_name": lambda n: "x = " + "- " * n + "a\n",
    "minus_tuple": lambda n: "x = " + "- " * n + "(1,)\n",
    "invert_float": lambda n: "x = " + "~ " * n + "1.5\n",
    "blocks": lambda n: "".join("    " * i + "if a:\n" for i in range(n)) + "    " * n + "pass\n",
}
LIMIT = {"parens": 300, "lists": 300, "nested_calls": 300, "parens_in_call": 300, "tuples": 300, "lambda_paren": 300, "dicts": 300, "blocks": 150}


def outcome(python, source):
    with tempfile.NamedTemporaryFile("w", suffix=".py") as f:
        f.write(source)
        f.flush()
        p = subprocess.run([python, f.name], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = p.stderr.strip()
    if p.returncode == 0 or "Traceback (most recent call last)" in err:
        return "OK"
    if p.returncode < 0:
        return "signal %d" % -p.returncode
    return err.splitlines()[-1] if err else "exit %d" % p.returncode


def threshold(python, make, top):
    deepest = outcome(python, make(top))
    if deepest == "OK":
        return None, deepest
    lo, hi = 0, top  # lo accepted, hi refused
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if outcome(python, make(mid)) == "OK":
            lo = mid
        else:
            hi = mid
    return hi, outcome(python, make(hi)), deepest


def main():
    python = sys.argv[1]
    for name in sys.argv[2:] or CONSTRUCTS:
        top = LIMIT.get(name, 20000)
        found = threshold(python, CONSTRUCTS[name], top)
        if found[0] is None:
            print("%-14s none below %d" % (name, top))
        else:
            print("%-14s %6d  %s  (at %d: %s)" % (name, found[0], found[1], top, found[2]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
