"""A zip archive whose unchanged parts are not compressed again by the next build of the process.

Each member comes as chunks (a hundred records or so each). Every chunk is deflated on its own,
ended by a full flush (no back-reference crosses a chunk, and its output ends on a byte boundary),
so the deflated chunks joined and closed by an empty final block are one valid deflate stream, and
the deflated form of a chunk can be kept from one build to the next: after one edit at 10,000
events, one chunk of `events.json` is compressed instead of 15 MB of data files.
The archive is the same for the same chunks: sorted names, one fixed timestamp, fixed permissions
and compression level.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Sequence

_LEVEL = 9
# The empty final block that closes a deflate stream (what `flush()` of a fresh compressor returns).
_END = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15).flush()
# Deflated chunks of the last build, by their bytes.
_DEFLATED: dict[bytes, bytes] = {}


def deflate(chunk: bytes) -> bytes:
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)


def zip_archive(members: dict[str, Sequence[bytes]], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The zip of `members` ({name in the archive: its chunks}), in the layout `zipfile` writes."""
    kept: dict[bytes, bytes] = {}
    parts: list[bytes] = []
    entries: list[zipfile.ZipInfo] = []
    offset = 0
    for name in sorted(members):
        deflated: list[bytes] = []
        crc = size = 0
        for chunk in members[name]:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            known = kept.get(chunk) or _DEFLATED.get(chunk)
            if known is None:
                known = deflate(chunk)
            kept[chunk] = known
            deflated.append(known)
        deflated.append(_END)
        data = b"".join(deflated)
        entry = zipfile.ZipInfo(name, date_time=date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        entry.file_size, entry.compress_size, entry.CRC, entry.header_offset = size, len(data), crc, offset
        if size > zipfile.ZIP64_LIMIT or offset > zipfile.ZIP64_LIMIT:
            raise ValueError(f"{name}: too large for a zip archive without ZIP64")
        header = entry.FileHeader(False)
        parts += [header, data]
        offset += len(header) + len(data)
        entries.append(entry)
    _DEFLATED.clear()
    _DEFLATED.update(kept)
    directory = b"".join(_central_entry(entry) for entry in entries)
    end = struct.pack(
        zipfile.structEndArchive,  # type: ignore[attr-defined]
        zipfile.stringEndArchive,  # type: ignore[attr-defined]
        0,
        0,
        len(entries),
        len(entries),
        len(directory),
        offset,
        0,
    )
    return b"".join([*parts, directory, end])


def _central_entry(entry: zipfile.ZipInfo) -> bytes:
    """The member's record in the central directory, as `ZipFile._write_end_record` writes it."""
    year, month, day, hour, minute, second = entry.date_time
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | (second // 2)
    filename, flag_bits = entry._encodeFilenameFlags()  # type: ignore[attr-defined]
    record = struct.pack(
        zipfile.structCentralDir,  # type: ignore[attr-defined]
        zipfile.stringCentralDir,  # type: ignore[attr-defined]
        entry.create_version,
        entry.create_system,
        entry.extract_version,
        entry.reserved,
        flag_bits,
        entry.compress_type,
        dostime,
        dosdate,
        entry.CRC,
        entry.compress_size,
        entry.file_size,
        len(filename),
        len(entry.extra),
        len(entry.comment),
        0,
        entry.internal_attr,
        entry.external_attr,
        entry.header_offset,
    )
    return record + filename + entry.extra + entry.comment
