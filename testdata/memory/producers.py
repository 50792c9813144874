"""The standard library's producers of memory, used the way exporters, parsers and loaders use them:
io.StringIO/BytesIO, struct, json, traceback.format_exc, map/zip/filter, sorted/list/tuple copies,
text and binary files, string slicing and iteration, split/splitlines and dict views.

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import atexit
import io
import json
import os
import struct
import tempfile
import traceback

RECORD = struct.Struct("<IdH")


def _temp_text_file(n):
    fd, path = tempfile.mkstemp(suffix=".txt")
    with os.fdopen(fd, "w") as f:
        line = "field,value,other,lorem ipsum dolor sit amet consectetur adipiscing elit sed do"
        f.write((line[:79] + "\n") * (n // 80))
    atexit.register(os.remove, path)
    return (path,)


def _temp_binary_file(n):
    fd, path = tempfile.mkstemp(suffix=".bin")
    with os.fdopen(fd, "wb") as f:
        f.write(bytes(range(256)) * (n // 256) + bytes(n % 256))
    atexit.register(os.remove, path)
    return (path,)


def _json_text(n):
    """A JSON object of about n characters."""
    pairs = []
    size = 2
    i = 0
    while size < n:
        pair = f'"key{i}": {i}'
        pairs.append(pair)
        size += len(pair) + 2
        i += 1
    return ("{" + ", ".join(pairs) + "}",)


def _text(n):
    line = "alpha,beta,gamma,delta,epsilon,zeta,eta,theta,iota,kappa,lambda,mu,nu,xi,omicron\n"
    return ((line * (n // len(line) + 1))[:n],)


def export_csv(n):
    """Writes n rows of CSV text into an io.StringIO and returns the text, as a report exporter does."""
    out = io.StringIO()
    out.write("id,name,score\n")
    for i in range(n):
        out.write(f"{i},user{i},{i * 0.25:.2f}\n")
    return out.getvalue()


def pack_records(n):
    """Packs n fixed-size binary records with struct into an io.BytesIO; returns the bytes."""
    buffer = io.BytesIO()
    for i in range(n):
        buffer.write(RECORD.pack(i, i * 1.5, i % 65536))
    return buffer.getvalue()


def unpack_records(data):
    """Unpacks every record of a binary blob with struct.iter_unpack; returns the tuples (a new list)."""
    return list(RECORD.iter_unpack(data))


def dump_json(n):
    """Serialises n small dicts with json.dumps, as an API response would; returns the text length."""
    payload = [{"id": i, "name": f"user{i}", "active": i % 2 == 0} for i in range(n)]
    return len(json.dumps(payload))


def load_json(text):
    """Parses a JSON document with json.loads and counts its keys."""
    document = json.loads(text)
    return len(document)


def failure_texts(n):
    """Formats the traceback of each failed division with traceback.format_exc; returns the texts."""
    texts = []
    for i in range(n):
        try:
            _ = 1 / (i % 2)
        except ZeroDivisionError:
            texts.append(traceback.format_exc())
    return texts


def pair_names(names):
    """Pairs each name with its upper-case form through map/zip/filter; returns the pairs."""
    upper = map(str.upper, names)
    pairs = zip(names, upper)
    return list(filter(lambda pair: pair[0] != "", pairs))


def distinct_sorted(items):
    """Returns the distinct items as a sorted tuple (set, sorted and tuple copies)."""
    return tuple(sorted(set(items)))


def read_text(path):
    """Reads a whole text file and counts its words."""
    with open(path) as f:
        text = f.read()
    return len(text.split())


def read_lines(path):
    """Reads a text file into a list of lines with readlines; returns the longest line's length."""
    with open(path) as f:
        lines = f.readlines()
    return max((len(line) for line in lines), default=0)


def checksum_file(path):
    """Adds up the bytes of a binary file read in 4 KiB chunks."""
    total = 0
    with open(path, "rb") as f:
        while True:
            chunk = f.read(4096)
            if not chunk:
                break
            total = (total + sum(chunk)) % 65521
    return total


def read_binary(path):
    """Reads a whole binary file and returns its hex dump's length."""
    with open(path, "rb") as f:
        data = f.read()
    return len(data.hex())


def wrap_text(text):
    """Cuts a text into 64-character lines by slicing, as a wrapper for fixed-width output; returns them."""
    return [text[i:i + 64] for i in range(0, len(text), 64)]


def letter_counts(text):
    """Counts the characters of a text by iterating over it; returns the counts (a small dict)."""
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def split_table(text):
    """Splits a text into lines and each line into fields; returns the rows (lists of strings)."""
    return [line.split(",") for line in text.splitlines()]


def invert_mapping(mapping):
    """Copies a dict's views: sorted keys, a set of values and the items inverted; returns the inverse."""
    keys = sorted(mapping.keys())
    values = set(mapping.values())
    inverse = {value: key for key, value in list(mapping.items())}
    return inverse if len(keys) >= len(values) else {}


def sync_plan(current, wanted):
    """Compares two inventories by their keys, as a sync tool does: the keys to add, to drop and to keep, each sorted."""
    to_add = sorted(wanted.keys() - current.keys())
    to_drop = sorted(current.keys() - wanted.keys())
    to_keep = sorted(current.keys() & wanted.keys())
    every = current.keys() | wanted.keys()
    return to_add, to_drop, to_keep, len(every)


def _inventories(n):
    """Two inventories of n items each, half of their keys shared."""
    return {f"item{i}": i for i in range(n)}, {f"item{i}": i for i in range(n // 2, n + n // 2)}


MEASURE = {name: ("n", lambda n: (n,)) for name in ["export_csv", "pack_records", "dump_json"]}
MEASURE["failure_texts"] = ("n", lambda n: (n // 10,), lambda n: n // 10)
MEASURE["pair_names"] = ("len(names)", lambda n: ([f"name{i}" for i in range(n)],))
MEASURE["distinct_sorted"] = ("len(items)", lambda n: ([(i * 7919) % n for i in range(n)],))
MEASURE["invert_mapping"] = ("len(mapping)", lambda n: ({f"k{i}": i for i in range(n)},))
MEASURE["sync_plan"] = ("len(current)", _inventories)
# byte-sized inputs are ten times the size, so that the data outweighs fixed buffers at every size
MEASURE["unpack_records"] = ("len(data)", lambda n: (bytes(n * 10 // RECORD.size * RECORD.size),),
                             lambda n: n * 10 // RECORD.size * RECORD.size)
MEASURE["load_json"] = ("len(text)", lambda n: _json_text(n * 10), lambda n: len(_json_text(n * 10)[0]))
MEASURE.update({name: ("size(f)", lambda n: _temp_text_file(n * 10), lambda n: n * 10 // 80 * 80)
                for name in ["read_text", "read_lines"]})
MEASURE.update({name: ("size(f)", lambda n: _temp_binary_file(n * 10), lambda n: n * 10)
                for name in ["checksum_file", "read_binary"]})
MEASURE.update({name: ("len(text)", lambda n: _text(n * 10), lambda n: n * 10)
                for name in ["wrap_text", "letter_counts", "split_table"]})
SIZES = (100, 1000, 10000)
