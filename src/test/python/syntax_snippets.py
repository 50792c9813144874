"""Write the doctest examples of CPython's own test.test_syntax as one file each.

Usage: python syntax_snippets.py OUT_DIR
test_syntax's docstring holds hundreds of short programs, most of them invalid, with the error
CPython gives: a corpus for checking that memlint refuses what CPython refuses, on the same line.
Each example becomes OUT_DIR/NNNN.py (its source exactly as doctest runs it); prints the count.
"""
import doctest
import os
import sys

import test.test_syntax


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    examples = doctest.DocTestParser().get_examples(test.test_syntax.__doc__)
    for i, example in enumerate(examples):
        with open(os.path.join(out_dir, "%04d.py" % i), "w", encoding="utf-8") as f:
            f.write(example.source)
    print(len(examples))


if __name__ == "__main__":
    main(sys.argv[1])
