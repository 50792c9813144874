# PEP 750 template strings, in the forms the 3.14 grammar allows.
from string.templatelib import Template, Interpolation

name = "world"
width = 10
greeting = t"Hello {name}!"
empty = t""
plain = t"no fields"
conversions = t"{name!r} {name!s} {name!a}"
spec = t"{name:>{width}} {3.14159:.2f} {name=} {name = !r:^20}"
nested = t"outer {t'inner {name}'} done"
raw = rt"\d+ {name} \n" Rt'{name}\w'
triple = t"""first line {name}
second line {width + 1}
"""
multi_field = t"{
    name
}"
escaped_braces = t"{{literal}} {name}"
lambda_field = t"{(lambda x: x * 2)(width)}"
call = str(t"{name}")
unicode = t"é {name} ü\N{BULLET}"
mixed_quotes = t'{name} "quoted"' + t"{'single'}"
self_doc_spec = t"{width=:>5}"
dict_field = t"{ {'a': 1}['a'] }"


def template_user(values):
    return [t"{v}" for v in values if isinstance(t"{v}", Template)]
