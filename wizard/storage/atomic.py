"""Write a file so that it is always either the old or the new version.

The bytes go to a temp file in the same folder, are flushed and fsynced, and
the temp file replaces the target with `os.replace`, which is atomic on POSIX
and Windows; then the folder is fsynced so that the rename survives a power
cut. The previous version is kept as ``NAME.bak``. Any failure removes the temp
file and leaves the target exactly as it was; a failure to fsync the folder,
after the rename, is ignored (the new version is already in place).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX only; Windows cannot open folders)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_backup(path: Path, backup: Path) -> None:
    """Make ``backup`` the current version of ``path``: a hard link, else a copy."""
    staging = backup.with_name(backup.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(staging)
    try:
        try:
            os.link(path, staging)
        except OSError:
            shutil.copy2(path, staging)
        os.replace(staging, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise


def place_new(source: Path, target: Path) -> None:
    """Give ``source`` the name ``target``, never replacing a file already there.

    A hard link fails when ``target`` exists (``FileExistsError``), where a rename
    would silently replace it; where links are not supported, Windows' rename
    refuses an existing target too.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        if os.name != "nt":
            raise
        os.rename(source, target)
        return
    os.unlink(source)


def atomic_write(path: Path | str, data: bytes, *, backup: bool = True,
                 exclusive: bool = False) -> None:
    """Write ``data`` to ``path`` atomically, keeping the old file as ``path.bak``.

    With ``exclusive`` the file must not exist yet (``FileExistsError`` otherwise):
    a copy never replaces another draft, even one made a moment before.
    Raises OSError (the target untouched, no temp file left) when anything fails.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            os.chmod(temp, 0o666 & ~_UMASK)
            place_new(temp, path)
        else:
            try:
                mode = stat.S_IMODE(os.stat(path).st_mode)
            except FileNotFoundError:
                mode = 0o666 & ~_UMASK
            else:
                if backup:
                    _keep_backup(path, path.with_name(path.name + ".bak"))
            os.chmod(temp, mode)
            os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    # The new version is in place now; a folder that cannot be fsynced (some
    # network file systems) only makes the rename less durable, so it is no
    # reason to report the save as failed.
    with contextlib.suppress(OSError):
        _fsync_folder(folder)


def _umask() -> int:
    """The process umask, read once at import: setting it is not thread-safe."""
    current = os.umask(0o022)
    os.umask(current)
    return current


_UMASK = _umask()
