import os, sys as system
from . import a
from ..b.c import (d as e, f,)
x = 1
y: int = 2
(z): int
a.b, *c = d[1:2, ::3] = yield
def f[T: int = str](a, /, b: int = 1, *args: *Ts, c, d=2, **kw) -> None:
    """doc"""
    return a + b * c ** -d
@dec
@dec2(x)
async def g():
    await x
    async for i in y: pass
    async with a as b, c: pass
class C(B, metaclass=M):
    pass
if a: pass
elif b: pass
else:
    pass
while x < y <= z: break
for i, j in k: continue
else: pass
try:
    pass
except E as e:
    pass
except (A, B):
    pass
else:
    pass
finally:
    pass
with (open(a) as b, open(c)): pass
lambda x, *y, z=1, **w: x
[x for x in y if x if y for z in w]
{k: v for k, v in d}
{x for x in y}
(x for x in y)
f(x for x in y)
f(*a, b=1, **c)
{**a, 'b': 1}
{1, *a}
x if y else z
not a and b or c
a | b ^ c & d << e + f * g
-x ** 2
~x
del a, b[1], (c, d)
global g
def outer():
    n = 1
    def inner():
        nonlocal n
assert x, "m"
raise E from F
import a.b.c as d
type X[T] = list[T]
match x:
    case 1 | 2: pass
    case [a, *rest]: pass
    case {"k": v, **kw}: pass
    case Point(x=0, y=_) as p if p: pass
    case -1+2j: pass
    case a.b: pass
    case None: pass
    case (x, y): pass
    case _: pass
s = "a" "b" f"c{d!r:>{w}}e" f"{x=}"
b = b"a" rb"\x00"
u = u"x"
t = a[*b]
(x := 1)
