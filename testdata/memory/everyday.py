"""Peaks of everyday helpers, in the shapes scripts and services write them: chunked file reads, a
recursive walk of a nested dict, json.loads then a few keys, batching by slices, copy.deepcopy,
csv.writer into io.StringIO, collections.Counter, a top-ten by sorting items, grouping into a dict
of lists, rendering key=value lines, a search loop that breaks, a preview bounded by min().

MEASURE maps a function to (size symbol, make-args function[, symbol value function]).
"""
import atexit
import collections
import copy
import csv
import hashlib
import io
import json
import os
import tempfile

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]


def _temp_binary_file(n):
    fd, path = tempfile.mkstemp(suffix=".bin")
    with os.fdopen(fd, "wb") as f:
        f.write(bytes(range(256)) * (n // 256) + bytes(n % 256))
    atexit.register(os.remove, path)
    return (path,)


def _services(n):
    """A configuration of n services, each a small nested dict, as a YAML or TOML loader returns it."""
    return ({f"service{i}": {"host": f"10.0.0.{i % 256}", "port": 8000 + i,
                             "limits": {"cpu": 2, "memory": "512M"}} for i in range(n)},)


def _document(n):
    """A JSON object of about n characters: a few header keys and a list of items."""
    items = []
    size = 60
    i = 0
    while size < n:
        items.append(i)
        size += len(str(i)) + 2
        i += 1
    return (json.dumps({"id": 7, "name": "report", "owner": "ops", "items": items}),)


def _records(n):
    return ([{"id": i, "kind": WORDS[i % 10], "score": i * 0.5} for i in range(n)],)


def _text(n):
    return (" ".join(WORDS[i % 10] for i in range(n // 6)),)


def file_digest(path):
    """Hashes a file read in 8 KiB chunks until read returns nothing; returns the hex digest."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            chunk = f.read(8192)
            if not chunk:
                break
            digest.update(chunk)
    return digest.hexdigest()


def _walk(node, prefix, out):
    for key, value in node.items():
        name = prefix + "." + key if prefix else key
        if isinstance(value, dict):
            _walk(value, name, out)
        else:
            out.append(name)


def flatten_keys(tree):
    """Lists the dotted paths of every leaf of a nested dict, walking it recursively."""
    out = []
    _walk(tree, "", out)
    return out


def header_fields(text):
    """Parses a JSON document and keeps three of its header keys."""
    document = json.loads(text)
    return {"id": document["id"], "name": document["name"], "owner": document["owner"]}


def batches(items, size=10):
    """Cuts a list into groups of `size` items with slices."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def clone_records(records):
    """Deep-copies a list of small dicts before editing the copies."""
    clones = copy.deepcopy(records)
    for clone in clones:
        clone["score"] = 0
    return clones


def rows_to_csv(n):
    """Writes n rows with csv.writer into an io.StringIO; returns the text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "name", "score"])
    for i in range(n):
        writer.writerow([i, f"user{i}", i * 2])
    return out.getvalue()


def common_words(text):
    """Counts the words of a text with collections.Counter; returns the five most common."""
    counts = collections.Counter(text.split())
    return counts.most_common(5)


def top_ten(scores):
    """The ten highest-scoring entries of a dict, by sorting its items."""
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)[:10]


def group_by_kind(records):
    """Groups records into a dict of lists by their kind."""
    groups = {}
    for record in records:
        groups.setdefault(record["kind"], []).append(record)
    return groups


def render_settings(settings):
    """Renders a dict as key=value lines, joined from a generator."""
    return "\n".join(f"{key}={value}" for key, value in settings.items())


def first_long_word(words):
    """Finds the first word longer than eight letters, upper-cased; stops at it."""
    found = None
    for word in words:
        if len(word) > 8:
            found = word.upper() + "!" * 100
            break
    return found


def preview(items):
    """A copy of at most the first 50 items, for a log line."""
    shown = items[:min(len(items), 50)]
    return len(shown)


MEASURE = {"rows_to_csv": ("n", lambda n: (n,))}
MEASURE["file_digest"] = ("size(f)", lambda n: _temp_binary_file(n * 10), lambda n: n * 10)
MEASURE["flatten_keys"] = ("len(tree)", _services)
MEASURE["header_fields"] = ("len(text)", lambda n: _document(n * 10), lambda n: len(_document(n * 10)[0]))
MEASURE.update({name: ("len(records)", _records) for name in ["clone_records", "group_by_kind"]})
MEASURE["common_words"] = ("len(text)", lambda n: _text(n * 10), lambda n: len(_text(n * 10)[0]))
MEASURE.update({name: ("len(items)", lambda n: (list(range(n)),)) for name in ["batches", "preview"]})
# ten times the size: below 2000 items the tuples come from the interpreter's free list
MEASURE["top_ten"] = ("len(scores)", lambda n: ({f"key{i}": i for i in range(n * 10)},), lambda n: n * 10)
MEASURE["render_settings"] = ("len(settings)", lambda n: ({f"key{i}": i for i in range(n)},))
MEASURE["first_long_word"] = ("len(words)", lambda n: (["word"] * n + ["encyclopaedia"],),
                              lambda n: n + 1)
SIZES = (100, 1000, 10000)
