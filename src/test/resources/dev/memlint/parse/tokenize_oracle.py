"""Oracle for TokenizeOracleTest: CPython's own tokenizer over a tree of .py files.

usage: tokenize_oracle.py digest ROOT   -> one line per .py file under ROOT (site-packages left out):
                                           path TAB sha1 of its canonical tokens, or "-" if tokenize fails
       tokenize_oracle.py dump FILE     -> the canonical token lines of one file
       tokenize_oracle.py compiles      -> for each path read from stdin: path TAB 1 if compile() accepts it

The canonical form drops what the token contract leaves out (NL, COMMENT, ENCODING), merges
consecutive FSTRING_MIDDLE pieces (CPython splits them at doubled braces and emits empty ones
in format specs) and keeps only their start; TokenizeOracleTest builds the same form from memlint's lexer.
"""
import hashlib
import os
import sys
import tokenize

SKIP = {tokenize.NL, tokenize.COMMENT, tokenize.ENCODING}

# CPython 3.12's tokenize gives the end column of a multi-line token in UTF-8 bytes instead of
# characters when its last line holds non-ASCII text (fixed in 3.13); recompute it from the text there.
BYTE_END_COLUMNS = sys.version_info < (3, 13)


def escaped(text):
    """One line per token: backslashes and line breaks escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def canonical(path):
    lines = []
    middle = None  # [start, text] of the FSTRING_MIDDLE run being merged
    with tokenize.open(path) as f:
        for tok in tokenize.generate_tokens(f.readline):
            if tok.type in SKIP:
                continue
            name = tokenize.tok_name[tok.exact_type]
            if name == "FSTRING_MIDDLE":
                if middle is None:
                    middle = [None, ""]
                if tok.string and middle[0] is None:
                    middle[0] = tok.start
                middle[1] += tok.string
                continue
            if middle is not None:
                if middle[1]:
                    lines.append("FSTRING_MIDDLE %d:%d %s" % (middle[0][0], middle[0][1], escaped(middle[1])))
                middle = None
            if name == "NEWLINE":
                lines.append("NEWLINE %d:%d" % tok.start)
            elif name == "INDENT":
                lines.append("INDENT %d" % tok.start[0])
            elif name in ("DEDENT", "ENDMARKER"):
                lines.append(name)
            else:
                end = tok.end
                if BYTE_END_COLUMNS and tok.start[0] != end[0]:
                    end = (end[0], len(tok.string) - tok.string.rfind("\n") - 1)
                lines.append("%s %d:%d-%d:%d %s" % ((name,) + tok.start + end + (escaped(tok.string),)))
    return lines


def compiles(path):
    try:
        with open(path, "rb") as f:
            compile(f.read(), path, "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False


def digest(root):
    out = sys.stdout
    for directory, dirs, files in os.walk(root):
        if "site-packages" in dirs:
            dirs.remove("site-packages")
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(directory, name)
            try:
                sha = hashlib.sha1("\n".join(canonical(path)).encode("utf-8", "surrogatepass")).hexdigest()
            except Exception:
                sha = "-"
            out.write("%s\t%s\n" % (path, sha))


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore")
    if sys.argv[1] == "digest":
        digest(sys.argv[2])
    elif sys.argv[1] == "compiles":
        for line in sys.stdin:
            path = line.rstrip("\n")
            sys.stdout.write("%s\t%d\n" % (path, compiles(path)))
    else:
        sys.stdout.write("\n".join(canonical(sys.argv[2])) + "\n")
