"""memlint: a static analyzer for Python code that uses more memory than it needs.

This package holds memlint's Java runtime and jar; `memlint` (or `python -m memlint`) runs it.
"""
