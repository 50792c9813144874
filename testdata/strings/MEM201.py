"""Building report text: accumulators that copy, and look-alikes that do not."""
import collections
import logging

HEADER = "name,size\n"
log = logging.getLogger(__name__)

SIZES = {"a": 1, "b": 2}
report = ""
for row in sorted(SIZES.items()):
    report += f"{row[0]},{row[1]}\n"  # two rows of a constant dict: a handful of copies


def render_rows(rows):
    out = ""
    for name, size in rows:
        out += f"{name},{size}\n"  # CPython resizes in place, and a parameter is no read: silent
    return HEADER + out


def render_two_parts(rows):
    out = ""
    for name, size in rows:
        out = out + name + "," + str(size) + "\n"  # expect: MEM201
    return out


def render_reversed(rows):
    text = ""
    for name, _ in rows:
        text = name + "\n" + text  # expect: MEM201
    return text


class Page:
    def __init__(self, title: str):
        self.body = ""
        self.title = title

    def add_lines(self, lines):
        for line in lines:
            self.body += line + "\n"  # expect: MEM201

    def add_count(self, n):
        self.count = 0
        for _ in range(n):
            self.count += 1


_buffer = ""


def append_global(parts):
    global _buffer
    for p in parts:
        _buffer += p  # expect: MEM201


def closure_accumulator(words):
    acc = ""
    for w in words:
        acc += w  # expect: MEM201

    def show():
        return acc
    return show


def with_join(rows):
    parts = []
    for name, size in rows:
        parts.append(f"{name},{size}")
    return "\n".join(parts)


def per_line_value(lines):
    for line in lines:
        cleaned = line.strip()
        cleaned += "\n"
        log.info(cleaned)


def numbers(values):
    total = 0
    for v in values:
        total += v
    return total


def list_extend(chunks):
    items = []
    for c in chunks:
        items += c
    return items


def unknown_type(pieces, start):
    acc = start
    for p in pieces:
        acc += p
    return acc


def once(a, b):
    s = ""
    s += a
    s = s + b
    return s


def single_piece_per_loop(names):
    for n in names:
        label = "item: "
        label += n
        print(label)


def padded(name: str, width: int):
    while len(name) < width:
        name += " "  # padding a name: silent
    return name


def nested_reset(groups):
    lines = []
    for group in groups:
        line = ""
        for word in group:
            line += word + " "  # the words of one group, resized in place: silent
        lines.append(line)
    return lines


def counts_as_text(values):
    n = 0
    for v in values:
        n = n + v
    return str(n)


def indent_levels(unit: str) -> list[str]:
    levels = []
    prefix = ""
    for _ in range(4):  # four steps
        prefix += unit
        levels.append(prefix)
    return levels


# Constant and bounded loops: a handful of concatenations (silent).

def three_columns():
    text = ""
    for col in ("id", "name", "size"):
        text = col + "," + text
    return text


def first_fields(line):
    out = ""
    for field in line.split(",", 2):
        out = field + out
    return out


# Data the program reads: worth a note even where CPython resizes in place.

def shout_log(path):
    out = ""
    with open(path) as fh:
        for line in fh:
            out += line.upper()  # expect: MEM201
    return out


def read_body(request):
    text = ""
    for chunk in request.body.split(b"\n"):
        text += chunk.decode()  # expect: MEM201
    return text


# The type at the statement, not the name's every binding: encoding the result after the loop
# does not hide the str the loop builds.

def render_rows(rows):
    out = ""
    for row in rows:
        out = "\n" + str(row) + out  # expect: MEM201
    out = out.encode()
    return out


def render_counts(rows):
    out = 0
    for row in rows:
        out = out + len(row)
    out = str(out)
    return out


# A slot of a container with a key the loop keeps: no in-place resize, every step copies.

def split_sections(lines):
    parts = {"head": "", "body": ""}
    for line in lines:
        parts["body"] += line  # expect: MEM201
    return parts


def per_key(rows):
    acc = collections.defaultdict(str)
    for key, text in rows:
        acc[key] += text  # one accumulator per key: not one string copied over and over
    return acc


def counters(rows):
    acc = {"n": 0}
    for row in rows:
        acc["n"] += 1
    return acc


def per_item_records(items):
    out = []
    for item in items:
        record = {"text": ""}
        for part in item:
            record["text"] += part  # expect: MEM201
        out.append(record)
    for item in items:
        record = {"text": ""}
        record["text"] += item  # a new record per item: one step each
    return out
