"""Writing the .docx: a temp file beside the target, checked, then moved into place.

A document is never half-written: the zip goes to a temp file in the target's
folder, is opened again with python-docx and each XML part parsed strictly,
and only then replaces the target with `os.replace` (atomic). Any failure
removes the temp file and leaves an existing target as it was.
"""

from __future__ import annotations

import contextlib
import os
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from wizard.errors import RenderError
from wizard.render.template import STRICT, LoadedTemplate

# Read once at import: os.umask can only be read by setting it, which is not thread-safe.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


# Word stamps every member of a .docx with the earliest DOS date.
WORD_DATE_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class _Packed:
    """One zip member, compressed: a template's unchanged parts are packed only once."""

    name: bytes
    crc: int
    size: int
    data: bytes
    date_time: tuple[int, int, int, int, int, int]
    external_attr: int


def _pack(name: str, data: bytes) -> _Packed:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = compressor.compress(data) + compressor.flush()
    return _Packed(name.encode("utf-8"), zlib.crc32(data), len(data), packed,
                   WORD_DATE_TIME, 0)


def pack_template(template: LoadedTemplate) -> dict[str, _Packed]:
    """The template's parts compressed, kept with the loaded template (packed once)."""
    packed: dict[str, _Packed] | None = template.cache.get("packed")
    if packed is None:
        packed = {info.filename: _pack(info.filename, data) for info, data in template.entries}
        template.cache["packed"] = packed
    return packed


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def _write_zip(handle: BinaryIO, template: LoadedTemplate, files: dict[str, bytes]) -> None:
    """Write the package: the template's parts as packed once, the rendered ones fresh.

    A plain deflated zip (no zip64, no data descriptors), as Word writes them.
    """
    packed = pack_template(template)
    central = []
    offset = 0
    for info, _ in template.entries:
        name = info.filename
        member = _pack(name, files[name]) if name in files else packed[name]
        flags = 0 if member.name.isascii() else 0x800  # UTF-8 name
        time, date = _dos_time(member.date_time)
        header = struct.pack("<4sHHHHHLLLHH", b"PK\x03\x04", 20, flags, 8, time, date,
                             member.crc, len(member.data), member.size, len(member.name), 0)
        handle.write(header + member.name)
        handle.write(member.data)
        central.append(struct.pack("<4sHHHHHHLLLHHHHHLL", b"PK\x01\x02", 20, 20, flags, 8,
                                   time, date, member.crc, len(member.data), member.size,
                                   len(member.name), 0, 0, 0, 0, member.external_attr, offset)
                       + member.name)
        offset += len(header) + len(member.name) + len(member.data)
    directory = b"".join(central)
    handle.write(directory)
    handle.write(struct.pack("<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(central), len(central),
                             len(directory), offset, 0))


def verify(path: Path, changed: Iterable[str] | None = None) -> None:
    """Open the written file as Word would: python-docx loads it, the XML parses strictly.

    ``changed`` names the parts made for this document; the others are the
    template's own, parsed strictly when it was loaded, and here checked by the
    CRC of every member that python-docx reads. None: parse every part.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            for name in names if changed is None else changed:
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(archive.read(name), STRICT)
        import docx

        docx.Document(str(path))
    except Exception as error:  # any failure means the file must not be used
        raise RenderError(f"det skapade dokumentet gick inte att öppna igen ({error}).") from None


def _cannot_write(target: Path, error: OSError) -> RenderError:
    reason = {
        13: "saknar behörighet att skriva där",
        2: "mappen finns inte",
        20: "en del av sökvägen är inte en mapp",
        21: "är en mapp",
        28: "disken är full",
        30: "filsystemet är skrivskyddat",
    }.get(error.errno or 0, error.strerror or str(error))
    return RenderError(f"{target}: dokumentet kan inte sparas ({reason}).")


def write_docx(target: Path, template: LoadedTemplate, files: dict[str, bytes]) -> None:
    """Write, verify and move into place; a `RenderError` names a target that cannot be written."""
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise RenderError(f"{target}: är en mapp; ange ett filnamn som slutar på .docx.")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _cannot_write(target, error) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_zip(handle, template, files)
            handle.flush()
            os.fsync(handle.fileno())
        verify(temp, files)
        os.chmod(temp, 0o666 & ~_UMASK)
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _cannot_write(target, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
