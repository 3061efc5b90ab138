"""Where the wizard may write a file: the one rule for every file it creates or replaces.

A command that writes (``render -o``, ``--out-dir``, ``new``, save-as, import)
asks `check_output_target` first. A document replaces only a file that is
itself a document of its kind (a Word file with ``word/document.xml``, a PDF);
nothing replaces a draft, except a draft saved over it on purpose; nothing is
written into a device, a FIFO, a socket or a folder; a symbolic link is
followed only to a file the same rule allows, and the caller says so. Anything
else is refused with a Swedish message naming the file, and nothing is touched.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from wizard.errors import OutputTargetError, os_reason

Kind = Literal["docx", "pdf", "draft"]

_KIND_NAMES: dict[str, str] = {
    "docx": "ett Word-dokument",
    "pdf": "en PDF",
    "draft": "ett utkast",
}
LOOP = "symboliska länkar bildar en slinga"
_DRAFT_SNIFF_LIMIT = 16 * 1024 * 1024  # a larger file is no draft the wizard would read


@dataclass(frozen=True)
class OutputTarget:
    """Where to write: ``path`` (a symbolic link already followed) and the link, if any."""

    path: Path
    link: Path | None = None
    exists: bool = False

    @property
    def note(self) -> str:
        """What to tell the person about a followed link ("" when there was none)."""
        if self.link is None:
            return ""
        return f"{self.link} är en symbolisk länk; skriver till {self.path}"


def check_output_target(path: Path | str, kind: Kind, *, force: bool = False) -> OutputTarget:
    """Return where ``path`` may be written as a ``kind`` file, or raise `OutputTargetError`.

    Call it just before writing, and write to the returned ``.path`` (show
    ``.note`` when it is not empty). An error with ``can_force`` may be put to
    the person ("Ersätt?"); after a yes, call again with ``force=True``.

    - A missing file in an existing folder may always be created.
    - An existing regular file may be replaced when it already is a file of
      ``kind`` (a Word file made before, a PDF); with ``force`` any regular
      file may be replaced, except that a document never replaces a draft.
      For ``kind="draft"`` an existing file is replaced only with ``force``
      (the person has been asked).
    - A folder, a FIFO, a device or a socket is never written to.
    - A symbolic link is followed to a file the same rule allows (the
      returned `OutputTarget.note` says so); a link to nothing is followed only
      with ``force``, and a link loop is refused.
    """
    path = Path(path)
    try:
        link_mode = os.lstat(path).st_mode
    except FileNotFoundError:
        _check_folder(path)
        return OutputTarget(path)
    except OSError as error:
        raise OutputTargetError(path, f"kan inte undersökas ({os_reason(error)})") from None
    if not stat.S_ISLNK(link_mode):
        return _existing(path, link_mode, kind, force, link=None)
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        if not force:
            raise OutputTargetError(
                path, f"är en symbolisk länk till {os.readlink(path)}, som inte finns; "
                "ange filen direkt",
                can_force=True,
            ) from None
        real = path.resolve(strict=False)
        _check_folder(real)
        return OutputTarget(real, link=path)
    except RuntimeError:  # a link loop, before Python 3.13
        raise OutputTargetError(path, f"kan inte skrivas: {LOOP}") from None
    except OSError as error:
        detail = LOOP if error.errno == errno.ELOOP else os_reason(error)
        raise OutputTargetError(path, f"kan inte skrivas: {detail}") from None
    return _existing(real, os.stat(real).st_mode, kind, force, link=path)


def _check_folder(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputTargetError(path, "mappen finns inte")


def _existing(path: Path, mode: int, kind: Kind, force: bool, *, link: Path | None
              ) -> OutputTarget:
    shown = link if link is not None else path
    suffix = f" (länken pekar på {path})" if link is not None else ""
    if stat.S_ISDIR(mode):
        raise OutputTargetError(shown, f"är en mapp{suffix}; ange ett filnamn")
    if not stat.S_ISREG(mode):
        raise OutputTargetError(
            shown, f"är {_special_kind(mode)}{suffix}, ingen vanlig fil; där skrivs inget"
        )
    if kind == "draft":
        if not force:
            raise OutputTargetError(shown, f"filen finns redan{suffix}; välj ett annat namn",
                                    can_force=True)
        return OutputTarget(path, link=link, exists=True)
    found = _content_kind(path)
    if found == "draft":
        raise OutputTargetError(
            shown, f"är ett utkast{suffix}; det skrivs inte över med {_KIND_NAMES[kind]}"
        )
    elif found != kind and not force:
        raise OutputTargetError(
            shown,
            f"finns redan och är inte {_KIND_NAMES[kind]}{suffix}; den skrivs inte över "
            "(välj ett annat namn)",
            can_force=True,
        )
    return OutputTarget(path, link=link, exists=True)


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "en namngiven rörledning (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    return "en särskild fil"


def _content_kind(path: Path) -> str | None:
    """"docx", "pdf" or "draft" for what the regular file ``path`` holds, else None."""
    if path.suffix.lower() == ".toml":
        return "draft"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None  # unreadable: not known to be ours
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        head = handle.read(8)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            handle.seek(0)
            try:
                with zipfile.ZipFile(handle) as archive:
                    names = set(archive.namelist())
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
                return None
            return "docx" if "word/document.xml" in names else None
        if os.fstat(handle.fileno()).st_size > _DRAFT_SNIFF_LIMIT:
            return None
        handle.seek(0)
        return "draft" if _parses_as_draft(handle.read()) else None


def _parses_as_draft(data: bytes) -> bool:
    """True for a non-empty TOML table: a draft by another name is still a draft."""
    import tomli

    try:
        parsed = tomli.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError, ValueError):
        return False
    return bool(parsed)
