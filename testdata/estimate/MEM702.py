"""Sequences rebuilt as longer copies of themselves on every iteration."""


def collect_copies(n):  # expect: MEM702
    acc = []
    for i in range(n):
        acc = acc + [i]
    return acc


def collect_tuple(n):  # expect: MEM702
    acc = ()
    for i in range(n):
        acc = acc + (i,)
    return acc


def collect_appends(n):
    acc = []
    for i in range(n):
        acc.append(i)
    return acc


def running_total(n):
    total = 0
    for i in range(n):
        total = total + i
    return total
