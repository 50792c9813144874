"""Reading framed messages: bytes accumulators and look-alikes."""
import collections
import socket


def recv_all(sock: socket.socket, size):
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            break
        data += chunk  # expect: MEM202
    return data


def frame(payloads):
    out = bytes()
    for p in payloads:
        out = out + len(p).to_bytes(4, "big") + p  # expect: MEM202
    return out


def with_bytearray(payloads):
    buf = bytearray()
    for p in payloads:
        buf += p
    return bytes(buf)


def with_join(payloads):
    return b"".join(len(p).to_bytes(4, "big") + p for p in payloads)


def text_not_bytes(lines):
    out = []
    for line in lines:
        out += [line.encode()]
    return out


def header_once(body: bytes):
    msg = b"HDR"
    msg += body
    return msg


class Reader:
    def __init__(self, sock):
        self.sock = sock
        self.pending = b""

    def fill(self, n):
        while len(self.pending) < n:
            self.pending += self.sock.recv(4096)  # expect: MEM202

    def take(self, n):
        head, self_rest = self.pending[:n], self.pending[n:]
        return head, self_rest


def per_iteration(chunks):
    for c in chunks:
        line = b"> "
        line += c
        print(line)


def byte_table(b: bytes) -> bytes:
    table = b""
    for _ in range(0, 256):  # 256 steps written in the source: bounded, not growing with input
        table += b
    return table


# A bounded split: at most three parts (silent).

def reversed_parts(blob: bytes):
    out = b""
    for part in blob.split(b",", 2):
        out = part + out
    return out


# A slot of a container with a key the loop keeps: every step copies.

def buffered(chunks, key):
    out = collections.defaultdict(bytes)
    for chunk in chunks:
        out[key] = out[key] + chunk  # expect: MEM202
    return out


# An attribute's type survives a round trip through a local (buf = self.buffer ... self.buffer = buf).

class Receiver:
    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def read_all(self):
        buf = self.buffer
        while True:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            buf += chunk  # expect: MEM202
        self.buffer = buf
        return buf

    def header(self):
        head = self.buffer
        for _ in range(4):  # four steps written in the source: bounded
            head += b"\r\n"
        return head


class Relay:
    def __init__(self, source):
        self.source = source
        self.pending = source.initial()  # not known to be bytes

    def drain(self):
        pending = self.pending
        for chunk in self.source:
            pending += chunk  # could be a bytearray or a list: silent
        self.pending = pending
