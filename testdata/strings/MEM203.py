def all_tags(posts):
    return sum([p.tags for p in posts], [])  # expect: MEM203, MEM301


def all_pairs(groups):
    pairs = sum((list(g.items()) for g in groups), start=[])  # expect: MEM203
    return pairs


def flat_tuple(rows):
    return sum(rows, ())  # expect: MEM203


def with_header(chunks):
    header = ["id", "name"]
    return sum(chunks, header)  # expect: MEM203


# Clean look-alikes below.

def total(values):
    return sum(values, 0)


def total_float(values):
    return sum(values, start=0.0)


def plain(values):
    return sum(values)


def flattened(posts):
    return [tag for p in posts for tag in p.tags]


def shadowed(chunks):
    sum = lambda parts, start: start
    return sum(chunks, [])


class Vector:
    def total(self, vectors, zero):
        return sum(vectors, zero)  # unknown start type


def comment_parts(body):
    # three parts written out: concatenating them copies a handful of items
    return "".join(sum([["("], body, [")"]], []))


def singletons():
    return sum(([x] for x in range(10)), [])  # ten one-item lists


# Parts written in the source: a bounded number of additions (silent).

def split_pairs():
    return sum([line.split(",", 2) for line in ("a,b", "c,d,e")], [])
