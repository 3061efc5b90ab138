"""New drafts, made from a referral preset.

A preset is itself a draft file (format 1) holding a referral's facts and its
inriktningar; a new draft starts as a copy of it, comments and all, so the
person sees the preset's guidance in the file too.
"""

from __future__ import annotations

import os
from pathlib import Path

from wizard.errors import DraftSaveError, os_reason
from wizard.paths import default_preset
from wizard.storage.draftfile import read_draft_and_bytes
from wizard.storage.names import draft_filename, unique_path
from wizard.storage.targets import check_output_target


def create_draft(folder: Path, *, preset: Path | None = None, target: Path | None = None) -> Path:
    """Write a new draft from ``preset`` and return its path.

    Without ``target`` the file name is made from the referral's title, in
    ``folder``; an existing file is never replaced (`check_output_target`).
    Raises `DraftReadError` for a bad preset, `OutputTargetError` for a target
    that is taken, and `DraftSaveError` when the file cannot be made.
    """
    preset = preset or default_preset()
    draft, data = read_draft_and_bytes(preset)  # a broken preset: refused before any write
    if target is None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DraftSaveError(f"{folder}: kan inte skapa mappen ({os_reason(error)})") from None
        target = unique_path(folder, draft_filename(draft.referral.title or "utkast"))
    target = check_output_target(target, "draft").path  # never over a file, a link or a device
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    except FileExistsError:
        raise DraftSaveError(f"{target}: filen finns redan; välj ett annat namn") from None
    except OSError as error:
        raise DraftSaveError(f"{target}: kan inte skapa filen ({os_reason(error)})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        target.unlink(missing_ok=True)
        raise DraftSaveError(f"{target}: kan inte skriva filen ({os_reason(error)})") from None
    return target
