"""Deleting, renaming and copying drafts in their folder, as the start screen offers.

Nothing here replaces or destroys a file: a deleted draft moves to the trash
folder ``.papperskorg/`` beside the drafts (where it can be fetched back by
hand), and a rename or a copy refuses a name that is taken, even by a file made
a moment before (a hard link, not a rename, puts the file in place). A draft
open in a wizard (its lock held) is neither deleted nor renamed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from wizard.errors import WizardError, os_reason
from wizard.storage.atomic import atomic_write, place_new
from wizard.storage.bounded import read_bounded
from wizard.storage.lock import DraftLock
from wizard.storage.names import unique_path

TRASH = ".papperskorg"
RECOVERED_SUFFIX = ".recovered.toml"


class FilingError(WizardError):
    """A draft that could not be deleted, renamed or copied; the message says why."""


def is_recovery_copy(path: Path) -> bool:
    """Whether ``path`` is a recovery file (``NAME.recovered.toml``), not a draft of its own."""
    return path.name.endswith(RECOVERED_SUFFIX)


def trash_folder(path: Path) -> Path:
    """The trash folder beside the draft ``path``."""
    return path.parent / TRASH


def _refuse_if_open(path: Path, doing: str) -> None:
    holder = DraftLock(path).holder()
    if holder is not None:
        raise FilingError(f"{path.name} kan inte {doing}: utkastet är öppet hos "
                          f"{holder.describe()}.")


def _companions(path: Path) -> list[Path]:
    """The files that belong to a draft and go where it goes (its backup)."""
    backup = path.with_name(path.name + ".bak")
    return [backup] if backup.is_file() else []


def trash_draft(path: Path) -> Path:
    """Move the draft ``path`` (and its backup) into ``.papperskorg/``; where it went.

    A name already in the trash gets ``-2``, ``-3``…, so nothing there is replaced.
    """
    _refuse_if_open(path, "tas bort")
    trash = trash_folder(path)
    try:
        trash.mkdir(exist_ok=True)
        target = unique_path(trash, path.name)
        place_new(path, target)
    except OSError as error:
        raise FilingError(f"{path.name} kunde inte flyttas till {TRASH}/ "
                          f"({os_reason(error)}); filen är kvar.") from None
    for companion in _companions(path):
        with contextlib.suppress(OSError):
            place_new(companion, target.with_name(target.name + ".bak"))
    return target


def target_name(path: Path, new_name: str) -> Path:
    """The path a rename of ``path`` to ``new_name`` gives (``.toml`` added when missing).

    Raises `FilingError` for an empty name or one that points into another folder.
    """
    name = new_name.strip()
    if not name:
        raise FilingError("Skriv ett filnamn.")
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith("."):
        raise FilingError(f"”{name}” är inget filnamn: skriv bara namnet, utan mapp, "
                          "och inte med punkt först.")
    if any(ord(character) < 32 or ord(character) == 127 for character in name):
        raise FilingError("Filnamnet får inte innehålla styrtecken.")
    if not name.endswith(".toml"):
        name += ".toml"
    return path.with_name(name)


def rename_draft(path: Path, new_name: str) -> Path:
    """Give the draft ``path`` the name ``new_name`` in its folder; the new path.

    Refuses (`FilingError`) a taken name, an open draft, or a name with a folder.
    """
    target = target_name(path, new_name)
    if target == path:
        return path
    _refuse_if_open(path, "byta namn")
    try:
        place_new(path, target)
    except FileExistsError:
        raise FilingError(f"{target.name} finns redan; välj ett annat namn.") from None
    except OSError as error:
        raise FilingError(f"{path.name} kunde inte byta namn ({os_reason(error)}); "
                          "filen är som förut.") from None
    for companion in _companions(path):
        with contextlib.suppress(OSError):
            place_new(companion, target.with_name(target.name + ".bak"))
    return target


def duplicate_draft(path: Path) -> Path:
    """Copy the draft ``path`` to ``NAME-kopia.toml`` (``-kopia-2``… when taken); the copy.

    The bytes are copied as they are, comments and all.
    """
    data = read_bounded(path, what="utkastet")
    stem = path.name[: -len(".toml")] if path.name.endswith(".toml") else path.stem
    for _ in range(100):  # another process may take each free name first
        target = unique_path(path.parent, f"{stem}-kopia.toml")
        try:
            atomic_write(target, data, exclusive=True)
        except FileExistsError:
            continue
        except OSError as error:
            raise FilingError(f"{path.name} kunde inte kopieras ({os_reason(error)}).") from None
        return target
    raise FilingError(f"{path.name} kunde inte kopieras: inget ledigt namn.")


def draft_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files of ``folder`` (not hidden ones, not the trash)."""
    return [Path(entry.path) for entry in os.scandir(folder)
            if entry.name.endswith(".toml") and not entry.name.startswith(".")
            and entry.is_file()]
