"""Make an Ogg file's bytes depend only on its audio: give the stream a fixed serial number.

libsndfile picks a random Ogg stream serial number on every write, so two encodes of the same
samples differ in a few bytes of every page header (the serial and the page checksum). Rewriting
the serial to a value derived from the file's name, and recomputing each page's CRC, makes the
encoder's output bit-for-bit repeatable on a given libvorbis.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_CAPTURE = b"OggS"
_HEADER = struct.Struct(
    "<4sBBqIIIB"
)  # capture, version, flags, granule, serial, seq, crc, segments


def _crc_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else (crc << 1)
        table.append(crc & 0xFFFFFFFF)
    return table


_TABLE = _crc_table()


def ogg_crc(data: bytes) -> int:
    """The Ogg page checksum: CRC-32, polynomial 0x04C11DB7, not reflected, initial value 0."""
    crc = 0
    table = _TABLE
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ table[((crc >> 24) ^ byte) & 0xFF]
    return crc


def serial_for(name: str) -> int:
    """A stable serial number per file name."""
    return zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF


def set_serial(path: Path, serial: int) -> None:
    """Rewrite every page of the (single-stream) Ogg file at `path` to use `serial`."""
    data = bytearray(path.read_bytes())
    offset = 0
    while offset < len(data):
        if data[offset : offset + 4] != _CAPTURE:
            raise ValueError(f"{path}: no Ogg page at byte {offset}")
        fields = _HEADER.unpack_from(data, offset)
        segments = fields[7]
        table_end = offset + _HEADER.size + segments
        page_end = table_end + sum(data[offset + _HEADER.size : table_end])
        struct.pack_into("<I", data, offset + 14, serial)
        struct.pack_into("<I", data, offset + 22, 0)
        struct.pack_into("<I", data, offset + 22, ogg_crc(bytes(data[offset:page_end])))
        offset = page_end
    path.write_bytes(bytes(data))
