# Other syntax that 3.14 reads: PEP 695/696 type parameters, match, walrus, f-string nesting (PEP 701).
type Pair[T = int] = tuple[T, T]
type Callback[**P = [int, str], *Ts = *tuple[int, ...]] = object


class Box[T: (int, str) = int, *Ts, **P]:
    def get[U](self, default: U) -> T | U: ...


def f(x, /, y=1, *args, z, **kwargs):
    match x:
        case {"a": [1, 2, *rest], **others} if (n := len(rest)) > 1:
            return n
        case Box(a=1) | [_, *_] | None | -1 | 1 + 2j:
            pass
    return f"{x!r:{y}} {f'{f"{z}"}'} {'\n'.join(args)}"


async def g():
    async with a as b, c:
        async for i in d:
            await i
    return [j async for j in e if await j]

lazy = lambda: (yield)
numbers = 0x_FF + 0o17 + 0b1_0 + 1_000.5e-3 + 2J + 1e500
data = b"\x00\xff" rb"\d"
strings = "\N{EM DASH}\u00e9\U0001F600\777\q"
