"""Doubly linked lists: built pairwise over a list's items (LinkedListsTest; CPython 3.12 verdicts)."""


class Link:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None


def _linked(n):
    links = [Link(i) for i in range(n)]
    for first, second in zip(links, links[1:]):
        first.next = second
        second.prev = first
    return links


def _forward_only(n):
    links = [Link(i) for i in range(n)]
    for first, second in zip(links, links[1:]):
        first.next = second
    return links


def linked_and_dropped(n):
    return len(_linked(n))


def head_unlinked(n):
    links = _linked(n)
    head = links[0]
    head.next.prev = None
    head.next = None
    return len(links)


def next_links_cleared(n):
    links = _linked(n)
    for link in links:
        link.next = None
    return len(links)


def forward_only(n):
    return len(_forward_only(n))

