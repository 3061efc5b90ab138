"""Saving a draft from any thread, one save at a time, and never an older copy over a newer.

The editor saves from a thread worker (typing never waits for the disk), and
the signal handlers and the crash handler save from the main thread; a lock
keeps `DraftFile`, which is not thread-safe, to one save at a time.
"""

from __future__ import annotations

import threading
from pathlib import Path

from wizard.errors import WizardError
from wizard.model import Draft
from wizard.storage import DraftFile, DraftLock


def recovery_path(path: Path) -> Path:
    """``NAME.recovered.toml`` beside the draft ``NAME.toml``."""
    return path.with_name(f"{path.stem}.recovered.toml")


class Saver:
    """The draft file, its lock, and the one lock every save goes through."""

    def __init__(self, draft_file: DraftFile, lock: DraftLock | None) -> None:
        self.draft_file = draft_file
        self.lock = lock
        self._mutex = threading.Lock()
        self._saved_generation = -1

    @property
    def path(self) -> Path:
        return self.draft_file.path

    def save(self, draft: Draft, generation: int, *, path: Path | None = None,
             force: bool = False, timeout: float = -1) -> bool:
        """Save ``draft`` (a copy) unless a newer one was saved already; True when written.

        Raises the storage errors (`DraftChangedOnDiskError`, `DraftSaveError`)
        and TimeoutError when another save holds the file longer than ``timeout``.
        """
        if not self._mutex.acquire(timeout=timeout):
            raise TimeoutError("en annan sparning pågår")
        try:
            if path is None and generation < self._saved_generation:
                return False  # a newer copy is on disk already
            written = self.draft_file.save(draft, path=path, force=force)
            self._saved_generation = max(self._saved_generation, generation)
            if self.lock is not None:
                self.lock.refresh()
            return written
        finally:
            self._mutex.release()

    def recover(self, draft: Draft, timeout: float = 5) -> Path | None:
        """Write ``draft`` to the recovery file; its path, or None when even that failed."""
        target = recovery_path(self.draft_file.path)
        got = self._mutex.acquire(timeout=timeout)
        try:
            DraftFile.create(target, draft).save(force=True)
            return target
        except (WizardError, OSError):
            return None
        finally:
            if got:
                self._mutex.release()

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
