"""Writing the .docx: a temp file beside the target, checked, then moved into place.

A document is never half-written: the zip goes to a temp file in the target's
folder, is opened again with python-docx and each XML part parsed strictly,
and only then replaces the target with `os.replace` (atomic). Any failure
removes the temp file and leaves an existing target as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from wizard.errors import RenderError
from wizard.render.template import STRICT, LoadedTemplate

# Read once at import: os.umask can only be read by setting it, which is not thread-safe.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _write_zip(handle: BinaryIO, template: LoadedTemplate, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in template.entries:
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            archive.writestr(entry, files.get(info.filename, data), compresslevel=6)


def verify(path: Path) -> None:
    """Open the file as Word would need: every XML part strict, python-docx able to load it."""
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
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
        verify(temp)
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
