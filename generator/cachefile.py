"""Cache files that are checked when read and never stop a build when written.

A cache is an optimisation: a file is sealed with the SHA-256 of its contents, so one changed or
missing byte makes it a miss rather than a wrong output or a crash; a write that fails (read-only
folder, full disk) is skipped and leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from contextlib import suppress
from pathlib import Path

_DIGEST = hashlib.sha256().digest_size


def sealed(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest() + payload


def unsealed(blob: bytes) -> bytes | None:
    """The payload of a sealed file, or None when it was altered or cut short."""
    digest, payload = blob[:_DIGEST], blob[_DIGEST:]
    return payload if len(digest) == _DIGEST and hashlib.sha256(payload).digest() == digest else None


def read_sealed(path: Path) -> bytes | None:
    try:
        return unsealed(path.read_bytes())
    except OSError:
        return None


def write_sealed(path: Path, payload: bytes) -> bool:
    return write_atomic(path, sealed(payload))


def write_atomic(path: Path, data: bytes) -> bool:
    """Write through a temporary file renamed over `path`; False (and no file left) on failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    _remove_abandoned(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("xb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True


def _remove_abandoned(path: Path) -> None:
    """Temporary files of `path` left by processes that were killed while writing them."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)\.[0-9a-f]{{8}}\.tmp$")
    with suppress(OSError):
        for candidate in path.parent.iterdir():
            match = pattern.match(candidate.name)
            if match and not _running(int(match.group(1))):
                with suppress(OSError):
                    candidate.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
