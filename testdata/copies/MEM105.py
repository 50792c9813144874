import hashlib
import struct
import zlib


def checksum_chunks(data: bytes, size: int) -> list[int]:
    sums = []
    for start in range(0, len(data), size):
        sums.append(zlib.crc32(data[start:start + size]))  # expect: MEM105
    return sums


def write_tail(out, payload: bytes, offsets: list[int]) -> None:
    for offset in offsets:
        out.write(payload[offset:])  # expect: MEM105


def parse_records(blob: bytes, fmt: str) -> list[tuple]:
    size = struct.calcsize(fmt)
    records = []
    pos = 0
    while pos < len(blob):
        records.append(struct.unpack(fmt, blob[pos:pos + size]))  # expect: MEM105
        pos += size
    return records


def digest_blocks(data: bytes) -> bytes:
    h = hashlib.sha256()
    for i in range(0, len(data), 65536):
        h.update(data[i:i + 65536])  # expect: MEM105
    return h.digest()


# Clean look-alikes below.

def small_headers(blob: bytes) -> list[int]:
    out = []
    for pos in range(0, len(blob), 8):
        out.append(struct.unpack("<I", blob[pos:pos + 4])[0])  # four bytes: cheaper than a view
    return out


def not_in_a_loop(out, payload: bytes) -> None:
    out.write(payload[10:])


def viewed(out, payload: bytes, offsets: list[int]) -> None:
    view = memoryview(payload)
    for offset in offsets:
        out.write(view[offset:])


def text_slices(out, text: str, offsets: list[int]) -> None:
    for offset in offsets:
        out.write(text[offset:])  # str has no zero-copy view


def kept(payload: bytes, offsets: list[int]) -> list[bytes]:
    parts = []
    for offset in offsets:
        parts.append(payload[offset:])  # the slices are kept
    return parts


def unknown_reader(payload: bytes, offsets: list[int], sink) -> None:
    for offset in offsets:
        sink(payload[offset:])  # sink may need real bytes


def shrinking(sock, data: bytes) -> None:
    while data:
        n = sock.send(data)
        data = data[n:]  # MEM103's business


def literal_padding(fmts: list[str]) -> list[int]:
    out = []
    for fmt in fmts:
        size = struct.calcsize(fmt)
        out.append(struct.unpack(fmt, (b"\x00" * 32)[:size])[0])  # at most 32 bytes
    return out


# A constant status line: the slices are a few bytes (silent).

def send_status(sock):
    header = b"HTTP/1.1 200 OK\r\n"
    pos = 0
    while pos < len(header):
        pos += sock.send(header[pos:])


# The slice handed over through a local that only carries it to the reader.

def send_in_chunks(sock, data: bytes, size: int) -> None:
    for start in range(0, len(data), size):
        chunk = data[start:start + size]  # expect: MEM105
        sock.sendall(chunk)


def chunks_kept(data: bytes, size: int) -> list[bytes]:
    parts = []
    for start in range(0, len(data), size):
        chunk = data[start:start + size]
        parts.append(chunk)  # the copies are the result
    return parts
