import socket


def send_all(sock: socket.socket, data):
    while data:
        sent = sock.send(data)
        data = data[sent:]  # expect: MEM103


def consume_words(text: str) -> list[str]:
    words = []
    while text:
        word, _, _ = text.partition(" ")
        words.append(word)
        text = text[len(word) + 1:]  # expect: MEM103
    return words


def drop_trailing(values: list[int]) -> list[int]:
    while values and values[-1] == 0:
        values = values[:-1]  # expect: MEM103
    return values


class Reader:
    def __init__(self) -> None:
        self.buffer = b""

    def feed(self, chunk: bytes) -> list[bytes]:
        self.buffer += chunk
        frames = []
        while len(self.buffer) >= 4:
            frames.append(self.buffer[:4])
            self.buffer = self.buffer[4:]  # expect: MEM103
        return frames


# Clean look-alikes below.

def strip_prefixes(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = line[4:]  # a fresh line each iteration: nothing carried over
        out.append(line)
    return out


def once(values: list[int]) -> list[int]:
    values = values[1:]
    return values


def view_based(data: bytes, sock) -> None:
    view = memoryview(data)
    while view:
        sent = sock.send(view)
        view = view[sent:]  # a memoryview slice does not copy


def deque_based(items: list[int]) -> int:
    total = 0
    index = 0
    while index < len(items):
        total += items[index]
        index += 1
    return total


def window(values: list[int]) -> None:
    while values:
        head = values[:3]  # a different name
        print(head)
        values = []


def refreshed(sock) -> None:
    while True:
        buf = sock.recv(1024)
        if not buf:
            break
        buf = buf[2:]  # buf gets a fresh value every iteration
        print(buf)


def both_ends(text: str) -> str:
    while text.startswith(" "):
        text = text[1:-1]  # both bounds: not a one-sided shrink (left alone)
    return text


def strip_known_prefix(name: str) -> str:
    for prefix in ("*.", "."):
        if name.startswith(prefix):
            name = name[len(prefix):]  # a for loop over prefixes: bounded, and left at once
            break
    return name


def method_name(event: str) -> str:
    name = event.replace("-", "_")
    while name[:1] == "<":
        name = name[1:]  # strips the few "<" in front (lstrip would do)
    while name.endswith(">"):
        name = name[:-1]
    return name


def fit(word: str, width: int, encode) -> str:
    while len(encode(word)) > width:
        word = word[:-1]  # text shortened until it fits: a few characters
    return word


# Three constant items: three short copies (silent).

def announce_steps():
    steps = ["fetch", "build", "test"]
    while steps:
        print(steps[0])
        steps = steps[1:]
