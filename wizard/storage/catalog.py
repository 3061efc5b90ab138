"""The drafts in a folder, newest first: what `wizard list` and the start screen show."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import DraftReadError, WizardError, os_reason
from wizard.model.draft import Draft, format_date
from wizard.model.validation import completeness
from wizard.storage.reading import read_draft

_UNREADABLE = "kan inte läsas: "  # the list says so itself


@dataclass(frozen=True)
class DraftSummary:
    """One row of the list of drafts."""

    path: Path
    modified: dt.datetime
    title: str = ""
    committee: str = ""
    meeting_date: str = ""
    filled: int = 0
    required: int = 0
    error: str = ""

    @property
    def readable(self) -> bool:
        return not self.error

    @classmethod
    def of(cls, path: Path) -> DraftSummary:
        modified = dt.datetime.fromtimestamp(_mtime(path))
        try:
            draft: Draft = read_draft(path)
        except DraftReadError as error:
            where = f"rad {error.line}: " if error.line else ""
            return cls(path, modified, error=where + error.detail.removeprefix(_UNREADABLE))
        except WizardError as error:
            return cls(path, modified, error=error.message)
        except (RecursionError, MemoryError, ValueError, OSError) as error:
            # Not a known bad file but still one row: the other drafts are listed.
            return cls(path, modified, error=f"kan inte läsas ({type(error).__name__})")
        filled, required = completeness(draft)
        return cls(
            path,
            modified,
            title=draft.referral.title.strip(),
            committee=draft.meeting.committee.strip(),
            meeting_date=format_date(draft.meeting.date),
            filled=filled,
            required=required,
        )


def list_drafts(folder: Path) -> list[DraftSummary]:
    """Every ``*.toml`` draft in ``folder``, newest first; unreadable ones say why.

    Anything named ``*.toml`` but a folder gets a row: a FIFO, a device or a
    broken link says what it is instead of being passed over in silence.
    """
    try:
        entries = [Path(entry.path) for entry in os.scandir(folder)
                   if entry.name.endswith(".toml") and not entry.name.startswith(".")
                   and not _is_folder(entry)]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise DraftReadError(folder, "är inte en mapp") from None
    except OSError as error:
        raise DraftReadError(folder, f"mappen kan inte läsas ({os_reason(error)})") from None
    summaries = [DraftSummary.of(path) for path in entries]
    return sorted(summaries, key=lambda summary: summary.modified, reverse=True)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: not a folder, listed as a file that cannot be read
        return False


def _mtime(path: Path) -> float:
    """When the file changed; for a broken link or a loop, when the link did."""
    for stat in (os.stat, os.lstat):
        try:
            return stat(path).st_mtime
        except OSError:
            continue
    return 0.0
