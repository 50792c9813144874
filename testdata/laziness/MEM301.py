"""Order statistics: list comprehensions handed to consumers that iterate once."""
from dataclasses import dataclass


@dataclass
class Order:
    total: float
    paid: bool
    customer: str


def revenue(orders):
    return sum([o.total for o in orders if o.paid])  # expect: MEM301


def biggest(orders):
    return max([o.total for o in orders], default=0.0)  # expect: MEM301


def any_unpaid(orders):
    return any([not o.paid for o in orders])  # expect: MEM301


def customers(orders):
    return set([o.customer for o in orders])  # set() keeps every item: a generator saves nothing, and is slower


def as_table(orders):
    return dict([(o.customer, o.total) for o in orders])  # dict() keeps every pair


def print_rows(orders):
    for line in [f"{o.customer}: {o.total:.2f}" for o in orders]:  # expect: MEM301
        print(line)


def csv_line(orders):
    # join makes a list of its argument anyway: the list comprehension is the faster input.
    return ",".join([o.customer for o in orders])


def keep_list(orders):
    totals = [o.total for o in orders]
    return totals, sum(totals)


def already_lazy(orders):
    return sum(o.total for o in orders)


def sorted_names(orders):
    return sorted([o.customer for o in orders])


def list_of_lists(orders):
    return len([o for o in orders if o.paid])


def shadowed(orders):
    sum = lambda values: values
    return sum([o.total for o in orders])


async def fetch_all(clients):
    return tuple([await c.fetch() for c in clients])


def sum_with_start(groups):
    return sum([g.items for g in groups], [])  # keeps every item: MEM203's quadratic copy is the problem


def frozen(orders):
    return frozenset([o.customer for o in orders]), tuple([o.total for o in orders])


def listed(orders):
    return list([o.total for o in orders]), b"".join([o.customer.encode() for o in orders])


def pairs(orders, names):
    return dict(zip(names, [o.total for o in orders]))  # dict() keeps what zip() hands out


def paired_totals(orders, weights):
    return sum(w * t for w, t in zip(weights, [o.total for o in orders]))  # expect: MEM301


def print_pairs(orders):
    for i, total in enumerate([o.total for o in orders]):  # expect: MEM301
        print(i, total)


def drop_rare(counts: dict[str, int]) -> None:
    for key in [k for k in counts if counts[k] < 2]:  # a snapshot: the loop deletes from counts
        del counts[key]


def as_ints(x, y, z):
    return tuple([int(v) for v in (x, y, z)])  # three items


def byte_values():
    for b in [bytes([i]) for i in range(0x80, 0xA0)]:  # 32 one-byte strings
        print(b)


class Sessions:
    def __init__(self):
        self._open = {}

    def close(self, key):
        self._open.pop(key).close()

    def close_idle(self):
        for key in [k for k, s in self._open.items() if s.idle]:  # a snapshot: close() changes self._open
            self.close(key)


# A bounded split: at most four items held (silent).

def field_width(line):
    return sum([len(p) for p in line.split(",", 3)])
