def filter_stopwords(text: str, stopwords_text: str) -> list[str]:
    stopwords = stopwords_text.split()
    return [w for w in text.split() if w not in stopwords]  # expect: MEM502


def known_ids(rows, wanted: list[int]):
    metas = [r.meta for r in rows if r.active]
    hits = 0
    for r in rows:
        if r.parent_id in metas:  # unknown left type, comprehension of unknown items: silent
            hits += 1
    ids = [int(r.id) for r in rows if r.active]
    count = 0
    for w in wanted:
        if w in ids:  # expect: MEM502
            count += 1
    return hits, count


def classify(tokens: list[str]) -> list[str]:
    keywords = ["if", "else", "elif", "for", "while", "def", "class", "return", "import"]
    kinds = []
    for tok in tokens:
        kinds.append("kw" if tok in keywords else "name")  # nine constant items: a scan costs nothing worth a set
    return kinds


def dedupe_against(lines: list[str], banned_source: str):
    banned = []
    for line in banned_source.splitlines():
        banned.append(str(line).strip())
    out = []
    for line in lines:
        if line not in banned:  # expect: MEM502
            out.append(line)
    return out


# Clean look-alikes below.

def growing(lines: list[str]):
    seen = []
    for line in lines:
        if line not in seen:  # the loop changes the list
            seen.append(line)
    return seen


def short_list(tokens: list[str]):
    return [t for t in tokens if t in ["+", "-"]]  # a literal: CPython makes it a constant tuple


def small_display(tokens: list[str]):
    ops = ["+", "-", "*"]
    return [t for t in tokens if t in ops]  # three items: a scan is as fast as hashing


def once(text: str, word: str) -> bool:
    words = text.split()
    return word in words  # not in a loop


def set_already(text: str, tokens: list[str]):
    words = set(text.split())
    return [t for t in tokens if t in words]


def unhashable(records, probes):
    rows = [dict(r) for r in records]
    return [p for p in probes if p in rows]  # dicts cannot go in a set


def rebuilt_each_time(groups, text: str):
    for g in groups:
        names = text.split()
        if g in names:  # the list is made inside the loop
            print(g)


def empty_then_filled(items, probes):
    found = []
    for it in items:
        found.append(it.key)  # items of unknown type: maybe unhashable
    return [p for p in probes if p in found]


def ask_choice(read) -> str:
    choices = "1 2 3 4".split()  # four words: scanning them is as quick as hashing
    choice = ""
    while choice not in choices:
        choice = read()
    return choice


def route(events, names_text: str):
    names = names_text.split()
    routed = []
    for e in events:
        if e.source in names:  # expect: MEM502
            routed.append(e)
        elif e.target in names:  # the same loop and list: a related location of the finding above
            routed.append(e)
        elif e.owner in names:
            routed.append(e)
    return routed


# At most four allowed names from one header line (silent).

def keep_allowed(tokens: list[str], header: str) -> list[str]:
    allowed = header.split(",", 3)
    return [t for t in tokens if t in allowed]


class StopWords:
    def __init__(self, text: str):
        self.words = text.split()

    def strip(self, tokens):
        return [t for t in tokens if t not in self.words]  # expect: MEM502


class Growing:
    def __init__(self, text: str):
        self.words = text.split()

    def learn(self, word):
        self.words.append(word)

    def strip(self, tokens):
        return [t for t in tokens if t not in self.words]  # changed by learn(): a set may not fit


class Few:
    def __init__(self):
        self.kinds = ["a", "b", "c"]

    def pick(self, rows):
        return [r for r in rows if r.kind in self.kinds]  # three items written in the source
