"""Publishing a built site so that a complete site is in place at every instant.

Every build writes into a private folder `<target>.partial.<pid>.<random>` next to the published
folder (so both are on one filesystem), locked with `flock` while the build runs. When the build
succeeded, one `renameat2(RENAME_EXCHANGE)` swaps the two folders: a reader (a web server, a user's
shell) sees the whole old tree or the whole new one, never a mix and never no `site/`. Then the old
tree, now at the private name, is deleted.

- `site/` a symlink (a web root elsewhere): the link is followed and the folder it points to is
  replaced; the link itself is left as it is.
- `site/` a mount point, or in a folder this user may not write: nothing can be renamed onto it,
  so the new tree is copied into it file by file, each file written aside and renamed over the old
  one (a reader never sees half a file), assets before pages, then files no longer built are
  deleted. During that copy a reader can get a page of the new build next to one of the old.
- Without rename-exchange (not Linux, or a filesystem without it): two renames through
  `<target>.previous`; the next build puts `.previous` back if a crash came between them.

Builds that run at once each publish a complete tree; the last to finish wins. A private folder
left by a killed build is deleted by the next build, once its lock shows that no build owns it.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import filecmp
import os
import secrets
import shutil
import stat
import sys
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Failure

PARTIAL_INFIX = ".partial."
TEMPORARY_SUFFIX = ".publish-tmp"
_RENAME_EXCHANGE = 2


class PublishError(Failure):
    """The site cannot be written where it is configured; the message says why."""


@dataclass
class Publication:
    """One build's private folder and where it goes when the build succeeds."""

    site_dir: str
    """The folder as configured (maybe a symlink): what MkDocs is given back after publishing."""
    target: str
    """The real folder that is replaced or synced into."""
    partial: str
    sync: bool
    """Copy into `target` instead of swapping it (a mount point, or its folder is not writable)."""
    _lock: int

    def __post_init__(self) -> None:
        # An interrupted build (Ctrl-C) leaves no private folder behind at exit either.
        self._cleanup = weakref.finalize(self, _remove_folder, self.partial, self._lock)

    def commit(self) -> None:
        """Put the built tree in place of the target; the old tree is gone afterwards."""
        try:
            with _folder_lock(os.path.dirname(self.target)):
                if not self.sync and not _swap(self.partial, self.target):
                    self.sync = True
                if self.sync:
                    sync_tree(self.partial, self.target)
        finally:
            self.discard()

    def discard(self) -> None:
        self._cleanup()


def _remove_folder(path: str, lock: int) -> None:
    shutil.rmtree(path, ignore_errors=True)
    with suppress(OSError):
        os.close(lock)


def prepare(site_dir: str) -> Publication:
    """A fresh private folder for one build whose result is to be published at `site_dir`."""
    target = os.path.realpath(site_dir)
    parent = os.path.dirname(target)
    if not os.path.isdir(parent):
        raise PublishError(f"{site_dir}: the folder it is in, {parent}, does not exist")
    with _folder_lock(parent):
        _restore_previous(target)
        remove_orphans(target)
        remove_orphans(os.path.join(tempfile.gettempdir(), os.path.basename(target)))
        sync = os.path.ismount(target)
        partial = _make_partial(target)
        if partial is None:
            if not os.path.isdir(target):
                raise PublishError(f"{site_dir}: cannot write in {parent} (read-only or no permission)")
            sync = True
            partial = _make_partial(os.path.join(tempfile.gettempdir(), os.path.basename(target)))
            if partial is None:
                raise PublishError(
                    f"{site_dir}: cannot create a build folder in {parent} nor in {tempfile.gettempdir()}"
                )
        lock = os.open(partial, os.O_RDONLY | os.O_DIRECTORY)
        fcntl.flock(lock, fcntl.LOCK_EX)
    return Publication(site_dir, target, partial, sync, lock)


def _make_partial(target: str) -> str | None:
    partial = f"{target}{PARTIAL_INFIX}{os.getpid()}.{secrets.token_hex(4)}"
    try:
        os.mkdir(partial)
    except OSError:
        return None
    with suppress(OSError):  # the published folder keeps its permissions (a web server may need them)
        os.chmod(partial, stat.S_IMODE(os.stat(target).st_mode))
    return partial


def remove_orphans(target: str) -> None:
    """Delete the private folders (and temporary files) of builds that no longer run."""
    parent, name = os.path.split(target)
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for candidate in names:
        if not candidate.startswith(name + PARTIAL_INFIX):
            continue
        path = os.path.join(parent, candidate)
        try:
            handle = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a running build owns it
        finally:
            os.close(handle)
        shutil.rmtree(path, ignore_errors=True)


def _swap(partial: str, target: str) -> bool:
    """Put `partial` at `target` atomically; False when `target` cannot be renamed (a mount point)."""
    if not os.path.lexists(target):
        os.rename(partial, target)
        return True
    try:
        _rename_exchange(partial, target)
    except OSError as error:
        if error.errno in (errno.EBUSY, errno.EXDEV, errno.EACCES, errno.EPERM, errno.EROFS):
            return False
        if error.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise
        _swap_with_two_renames(partial, target)
        return True
    shutil.rmtree(partial, ignore_errors=True)  # the old tree, after the exchange
    return True


def _rename_exchange(first: str, second: str) -> None:
    if not sys.platform.startswith("linux"):
        raise OSError(errno.ENOSYS, "rename-exchange needs Linux")
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "no renameat2 in this C library")
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), second)


def _swap_with_two_renames(partial: str, target: str) -> None:
    previous = f"{target}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(target, previous)
    os.rename(partial, target)
    shutil.rmtree(previous, ignore_errors=True)


def _restore_previous(target: str) -> None:
    """After a crash between the two renames of the fallback swap, the old site goes back."""
    previous = f"{target}.previous"
    if not os.path.lexists(target) and os.path.isdir(previous):
        os.rename(previous, target)


def sync_tree(source: str, target: str) -> None:
    """Make `target` hold exactly the files of `source`, replacing each changed file atomically."""
    wanted = sorted(_files(source), key=lambda rel: (rel.endswith(".html"), rel == "sitemap.xml", rel))
    for rel in wanted:
        _copy_file(os.path.join(source, rel), os.path.join(target, rel))
    keep = set(wanted)
    for directory, folders, names in os.walk(target, topdown=False):
        for name in names:
            path = os.path.join(directory, name)
            if os.path.relpath(path, target) not in keep:
                os.unlink(path)
        for name in folders:
            path = os.path.join(directory, name)
            if os.path.islink(path):
                os.unlink(path)
            elif not os.listdir(path):
                os.rmdir(path)


def _files(root: str) -> Iterator[str]:
    for directory, _, names in os.walk(root):
        for name in names:
            yield os.path.relpath(os.path.join(directory, name), root)


def _copy_file(source: str, destination: str) -> None:
    parent = os.path.dirname(destination)
    if os.path.lexists(parent) and not os.path.isdir(parent):
        os.unlink(parent)
    os.makedirs(parent, exist_ok=True)
    if os.path.isdir(destination) and not os.path.islink(destination):
        shutil.rmtree(destination)
    elif os.path.isfile(destination) and filecmp.cmp(source, destination, shallow=False):
        return
    temporary = os.path.join(parent, f".{os.path.basename(destination)}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def _folder_lock(folder: str) -> Iterator[None]:
    """Exclusive among builds publishing into `folder` (a lock on the folder itself: no lock file)."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
