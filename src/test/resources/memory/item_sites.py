"""Containers made per instance and per item (ItemSitesTest; verdicts from CPython 3.12)."""
import copy
import dataclasses


@dataclasses.dataclass
class Category:
    name: str
    parent: "Category | None" = None
    children: list = dataclasses.field(default_factory=list)

    def __post_init__(self):
        if self.parent is not None:
            self.parent.children.append(self)


class Link:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None


def tree_deep_copied(n):
    root = Category("all")
    for i in range(n):
        Category(f"c{i}", root)
    return len(copy.deepcopy(root).children)


def categories_apart(n):
    a = Category("a")
    b = Category("b")
    a.children.append(b)
    return len(b.children)


def chained_by_slices(n):
    links = [Link(i) for i in range(n)]
    for first, second in zip(links, links[1:]):
        first.next = second
    return 0


def each_its_own(n):
    links = [Link(i) for i in range(n)]
    for link in links:
        link.next = link
    return 0


def merged_halves(n):
    a = [Link(i) for i in range(n)]
    arr = a[:]
    temp = a[:]
    arr[0:n] = temp[0:n]
    return len(arr)
