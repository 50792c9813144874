import re


def total(values):
    if not values:
        return 0
    return values[0] + total(values[1:])  # expect: MEM102


def is_palindrome(text: str) -> bool:
    if len(text) < 2:
        return True
    return text[0] == text[-1] and is_palindrome(text[1:-1])  # expect: MEM102


def flatten(items, out=None):
    out = [] if out is None else out
    if items:
        out.append(items[0])
        flatten(items=items[1:], out=out)  # expect: MEM102
    return out


class Parser:
    def parse_tokens(self, tokens):
        if not tokens:
            return []
        return [tokens[-1]] + self.parse_tokens(tokens[:-1])  # expect: MEM102



class Node:
    def __init__(self, value):
        self.value = value
        self.next = Node(value - 1) if value else None

    def total(self, items):
        if not items:
            return 0
        return items[0] * self.value + self.next.total(items[1:])  # expect: MEM102


class Tree:
    def __init__(self):
        self.children = {}

    def walk(self, path, other: "Tree"):
        if not path:
            return self
        return other.walk(path[1:], other)  # expect: MEM102


class Chain:
    successor: "Optional[Chain]"

    def __init__(self):
        self.successor = None

    def match(self, tokens):
        if not tokens or self.successor is None:
            return tokens
        return self.successor.match(tokens[1:])  # expect: MEM102

# Clean look-alikes below.

def merge_sort(values: list) -> list:
    if len(values) <= 1:
        return values
    mid = len(values) // 2
    return merge(merge_sort(values[:mid]), merge_sort(values[mid:]))  # halving: O(n log n)


def merge(a, b):
    return sorted(a + b)


def total_by_index(values, start=0):
    if start >= len(values):
        return 0
    return values[start] + total_by_index(values, start + 1)


def walk(node, path):
    for child in node.children:
        walk(child, path + [node])


def other_function(values):
    return total(values[1:])  # not a recursive call


def shadowed(items):
    rest = items[1:]
    return len(rest)


def view_slices(buf: memoryview) -> int:
    if not buf:
        return 0
    return buf[0] + view_slices(buf[1:])  # memoryview slices do not copy


def needs_transcode(key: str) -> bool:
    return key.startswith("HTTP_") or (key.startswith("REDIRECT_") and needs_transcode(key[9:]))


def guess_strategy(name: str):
    if name.endswith("_id"):
        return "integers"
    if re.fullmatch(r"\w*[^s]s", name):  # a plural: its singular ends otherwise, so one level deep
        return ["list of", guess_strategy(name[:-1])]
    return None


def slice_of_a_local(values):
    copy = list(values)
    if not copy:
        return 0
    return 1 + slice_of_a_local(copy[1:][:0])


# A private helper only ever called on a short constant: the recursion is five levels deep.

def _count_vowels(word):
    if not word:
        return 0
    return (word[0] in "aeiou") + _count_vowels(word[1:])


def vowels_in_greeting():
    return _count_vowels("hello")


# Another instance whose class is not known, or not this one: silent.

class Visitor:
    def __init__(self, delegate):
        self.delegate = delegate
        self.peer = Tree()

    def visit(self, items, other):
        if items:
            self.delegate.visit(items[1:], other)  # the delegate's class is not known
            other.visit(items[1:], other)  # nor is the parameter's
            self.peer.walk(items[1:], self.peer)  # another class's method
        return items


class Pair:
    def __init__(self):
        self.twin = Pair()

    def strip_underscores(self, name: str):
        if name.startswith("_"):
            return self.twin.strip_underscores(name[1:])  # as deep as the prefix repeats
        return name
