"""Breadth-first walks and work lists: lists used as queues and lists used as stacks."""
import sys
from collections import deque


def bfs(graph, start):
    seen = {start}
    queue = [start]
    order = []
    while queue:
        node = queue.pop(0)  # expect: MEM501
        order.append(node)
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return order


def newest_first(events):
    history = []
    for e in events:
        history.insert(0, e)  # expect: MEM501
    return history


class Scheduler:
    def __init__(self):
        self.jobs = []

    def run_all(self):
        while self.jobs:
            job = self.jobs.pop(0)  # expect: MEM501
            job()


def dfs(graph, start):
    stack = [start]
    while stack:
        node = stack.pop()
        stack.extend(graph[node])


def with_deque(graph, start):
    queue = deque([start])
    while queue:
        node = queue.popleft()
        queue.extend(graph[node])


def first_only(items):
    items = list(items)
    head = items.pop(0)
    return head, items


def unknown_receiver(buffer):
    while buffer:
        buffer.pop(0)


def pop_by_key(options: dict):
    for key in ("a", "b"):
        options.pop(0)
        options.pop(key, None)


def insert_middle(values):
    out = [0, 0]
    for v in values:
        out.insert(1, v)
    return out


def write_u32(x: int) -> list[int]:
    data = []
    for _ in range(4):  # four bytes
        x, m = divmod(x, 256)
        data.insert(0, m)
    return data


def package_path(package_dir: dict, path: list[str]) -> list[str]:
    tail = []
    while path:
        if ".".join(path) in package_dir:
            tail.insert(0, package_dir[".".join(path)])
            return tail  # inserted once, on the way out
        tail.insert(0, path.pop())  # expect: MEM501
    return tail


def move_to_front(args: list, flagged) -> list:
    args = list(args)
    for j, item in enumerate(args):
        if item in flagged:
            args.insert(0, args.pop(j))  # popped at any position: a deque is no better
    return args


def link_flags(options, libdir):
    for opt in options:
        libs = ["-lpython"]  # a new list on every iteration
        if opt == "--ldflags":
            libs.insert(0, "-L" + libdir)
        print(" ".join(libs))


# Command-line arguments: a handful of tokens, however they are consumed (silent).

def parse_flags():
    args = list(sys.argv[1:])
    flags = []
    while args:
        arg = args.pop(0)
        flags.append(arg)
    return flags
