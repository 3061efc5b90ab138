"""Read a file the person named, without hanging, without filling memory.

Every file the wizard reads (drafts, templates, presets, phrase lists, referral
documents, statements to import) comes through here. A FIFO, a device or a
socket is refused at once, without a blocking read; a symlink loop, an
unreadable file and a file over its size cap each get a Swedish message naming
the file. A .docx (a zip) is opened member by member: names that would point
outside the package are refused, and each member's inflated size is capped
while it inflates, whatever its header declares, so a zip bomb stops early.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from wizard.errors import WizardError, os_reason

MB = 1024 * 1024

# Caps, generous for real files and small against the machine.
DRAFT_LIMIT = 16 * MB
DOCX_FILE_LIMIT = 50 * MB
DOCX_PART_LIMIT = 64 * MB
DOCX_TOTAL_LIMIT = 256 * MB
DOCX_MEMBER_COUNT_LIMIT = 5000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office's encrypted (and old binary) files


class FileReadError(WizardError):
    """A file that cannot be read safely; the message names it and says why."""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"{path}: {detail}")


def _size_text(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.0f} MB"
    return f"{size / 1024:.0f} kB"


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "en mapp"
    if stat.S_ISFIFO(mode):
        return "en namngiven rörledning (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    return "ingen vanlig fil"


def _open_regular(path: Path) -> int:
    """Open ``path`` for reading without blocking; refuse anything but a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            detail = "kan inte läsas: symboliska länkar bildar en slinga"
            raise FileReadError(path, detail) from None
        raise FileReadError(path, f"kan inte läsas: {os_reason(error)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise FileReadError(path, f"är {_kind_of(mode)}, inte en vanlig fil; den läses inte")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_regular(path: Path | str) -> None:
    """Raise `FileReadError` unless ``path`` is a readable regular file (no read done)."""
    os.close(_open_regular(Path(path)))


def read_bounded(path: Path | str, *, limit: int = DRAFT_LIMIT, what: str = "filen") -> bytes:
    """Return the bytes of the regular file ``path``, at most ``limit`` of them.

    ``what`` names the kind of file in the message ("utkastet", "mallen" …).
    """
    path = Path(path)
    fd = _open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise FileReadError(
                path, f"{what} är för stor ({_size_text(size)}; högst {_size_text(limit)})"
            )
        chunks = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, 1 << 20)
            except OSError as error:
                raise FileReadError(path, f"kan inte läsas: {os_reason(error)}") from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # grew while we read
                raise FileReadError(path, f"{what} är för stor (högst {_size_text(limit)})")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def unsafe_member_name(name: str) -> str | None:
    """Why a zip member name could write or read outside the package, or None if it is fine."""
    if not name or "\x00" in name:
        return "ett tomt namn"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "en absolut sökväg"
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if ".." in parts:
        return "”..” i sökvägen"
    return None


def read_docx_members(
    path: Path | str,
    *,
    file_limit: int = DOCX_FILE_LIMIT,
    part_limit: int = DOCX_PART_LIMIT,
    total_limit: int = DOCX_TOTAL_LIMIT,
    what: str = "dokumentet",
) -> dict[str, bytes]:
    """Return every member of the Word package ``path``, name → bytes, within the caps.

    Refuses, with a message naming the file: a file that is not a zip, an
    encrypted (password-protected) Office file, a member name outside the
    package, too many members, and any member (or the total) inflating past
    its cap, checked while it inflates.
    """
    path = Path(path)
    data = read_bounded(path, limit=file_limit, what=what)
    if data.startswith(_OLE_MAGIC):
        raise FileReadError(
            path,
            f"{what} är lösenordsskyddat eller i det gamla .doc-formatet; "
            "spara det som .docx utan lösenord först",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        detail = f"{what} är inte ett Word-dokument (.docx) eller är skadat"
        raise FileReadError(path, detail) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > DOCX_MEMBER_COUNT_LIMIT:
            raise FileReadError(path, f"{what} har för många delar ({len(infos)})")
        members: dict[str, bytes] = {}
        total = 0
        for info in infos:
            reason = unsafe_member_name(info.filename)
            if reason is not None:
                raise FileReadError(
                    path, f"{what} har en del med {reason} ({info.filename!r}); den används inte"
                )
            if info.flag_bits & 0x1:
                raise FileReadError(path, f"{what} är krypterat; spara det utan lösenord först")
            if info.is_dir():
                continue
            if info.file_size > part_limit or total + info.file_size > total_limit:
                raise FileReadError(path, _too_big(what, info.filename, part_limit))
            members[info.filename] = _inflate(archive, info, path, what, part_limit)
            total += len(members[info.filename])
            if total > total_limit:
                detail = f"{what} packas upp till mer än {_size_text(total_limit)}"
                raise FileReadError(path, detail)
        return members


def _too_big(what: str, name: str, limit: int) -> str:
    return f"{what}s del {name} packas upp till mer än {_size_text(limit)}; den används inte"


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, what: str,
             limit: int) -> bytes:
    """Inflate one member in pieces, stopping as soon as it passes ``limit``."""
    chunks = []
    size = 0
    try:
        with archive.open(info) as member:
            while True:
                chunk = member.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise FileReadError(path, _too_big(what, info.filename, limit))
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError):
        detail = f"{what} är skadat (delen {info.filename} kan inte läsas)"
        raise FileReadError(path, detail) from None
    return b"".join(chunks)
