"""Files the app keeps for itself (rendered posts, bytecode): written whole, read only whole.

A sealed file is a tag saying what it is, the CRC-32 and length of its payload, then the
payload. It is written to a temporary file renamed into place, so a reader never sees half of
it; one cut short, damaged or of another kind reads as nothing. Only a regular file of a
bounded size is read, opened without waiting: a named pipe or a device put at its place would
otherwise hold the reader for ever, or fill its memory.
"""

from __future__ import annotations

import _thread
import contextlib
import os
import stat
import struct
import zlib
from pathlib import Path

_HEADER = struct.Struct("<II")  # CRC-32 and length of the payload that follows


def sealed(tag: bytes, payload: bytes) -> bytes:
    """`payload` as a sealed file holds it."""
    return tag + _HEADER.pack(zlib.crc32(payload), len(payload)) + payload


def unsealed(tag: bytes, data: bytes) -> bytes | None:
    """The payload `data` seals under `tag`; None when it is not whole or of another kind."""
    start = len(tag) + _HEADER.size
    if not data.startswith(tag) or len(data) < start:
        return None
    checksum, length = _HEADER.unpack_from(data, len(tag))
    payload = data[start:]
    if len(payload) != length or zlib.crc32(payload) != checksum:
        return None
    return payload


def write_sealed(path: Path, tag: bytes, payload: bytes) -> bool:
    """Seal `payload` into `path`, whole; False when it cannot be written there."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{_thread.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(sealed(tag, payload))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True


def read_sealed(path: Path, tag: bytes, max_payload: int) -> bytes | None:
    """The payload of the sealed file at `path`, of at most `max_payload` bytes; None when there
    is none, or it is not whole, of another kind, too large or not a regular file."""
    most = len(tag) + _HEADER.size + max_payload
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > most:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(most + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return unsealed(tag, data) if len(data) <= most else None
