"""Iterators run to their end let go of what they iterate (IteratorEndTest; verdicts from CPython 3.12)."""
class Lexer:
    def __init__(self, text):
        self.text = text
        self._tokens = self._scan()
    def _scan(self):
        for word in self.text.split():
            yield word
    def __iter__(self):
        return self._tokens

class Pages:
    def __init__(self, n):
        self.n = n
        self._pages = iter(self._fetch, None)
    def _fetch(self):
        if self.n == 0:
            return None
        self.n -= 1
        return self.n
    def __iter__(self):
        return self._pages

def listed(text):
    return list(Lexer(text))

def peeked(text):
    lexer = Lexer(text)
    return next(iter(lexer), None)

def looped(n):
    count = 0
    for _ in Pages(n):
        count += 1
    return count

def summed(n):
    pages = Pages(n)
    return sum(1 for _ in pages)

def comprehended(text):
    return [t.upper() for t in Lexer(text)]

def looped_with_break(n):
    for p in Pages(n):
        if p == 1:
            break
    return 0

class Job:
    def __init__(self, items):
        self.done = 0
        self.pending = (self.process(item) for item in items)

    def process(self, item):
        self.done += 1
        return item

def job_peeked(text):
    job = Job(text.split())
    return next(job.pending)

def job_run(text):
    job = Job(text.split())
    return len(list(job.pending))

class Sink:
    def __init__(self):
        self.count = 0
        self._consumer = self._consume()
        next(self._consumer)

    def _consume(self):
        while True:
            yield
            self.count += 1

    def push(self, value):
        self._consumer.send(value)

def pushed(text):
    sink = Sink()
    sink.push(text)
    return sink.count
