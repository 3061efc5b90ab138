"""One draft's life in the wizard: edits, saves, locks and rescue, without Textual.

`DraftSession` is the one owner of a draft open in the wizard. The screens
write edits into `session.draft` and call `edited()`; they ask the session to
save, save as, overwrite, reload or flush, and are told what happened through
the ``tell`` callback (the editor turns each `Outcome` into a message on its
event loop). Saves run one at a time on the session's single worker thread, so
typing never waits for the disk and an older copy never lands over a newer.

When the file changed on disk, the session merges the hand edit with the
unsaved edits (`wizard.storage.merge`); only keys both changed are a conflict.
When a save fails, the text goes to a recovery file: beside the draft, or in
the person's state folder when the draft's folder is full or read-only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from wizard.errors import DraftChangedOnDiskError, DraftDeletedError, DraftLockedError, WizardError
from wizard.model import Draft
from wizard.storage import DraftFile, DraftLock

if TYPE_CHECKING:
    # The merge is imported when a file changed on disk, not at every start (~1 ms).
    from wizard.storage.merge import Conflict, MergeResult

Kind = Literal["saved", "failed", "changed", "deleted", "merged", "conflict", "saved_as",
               "uneditable", "ready"]


def unexpected(error: Exception) -> WizardError:
    """A save that failed for a reason nobody foresaw, said in Swedish."""
    return WizardError(f"oväntat fel när utkastet sparades ({type(error).__name__}: {error})")


def recovery_path(path: Path) -> Path:
    """``NAME.recovered.toml`` beside the draft ``NAME.toml``."""
    return path.with_name(f"{path.stem}.recovered.toml")


def state_folder() -> Path:
    """The person's own folder for the wizard's recovery files (XDG state, or the OS's)."""
    import platformdirs

    return platformdirs.user_state_path("wizard", appauthor=False) / "återställda"


def rescue_folders(path: Path) -> list[Path]:
    """Folders other than the draft's where a copy can still be saved: home, then temp."""
    import tempfile

    found: list[Path] = []
    for folder in (Path.home(), Path(tempfile.gettempdir())):
        if folder.is_dir() and folder != path.parent and folder not in found:
            found.append(folder)
    return found


@dataclass
class Outcome:
    """What a save (or save-as) came to, told to the screen.

    ``generation`` is that of the copy saved; ``written`` whether the file was
    written (False: it already held the copy); ``recovered`` where the text went
    when the save failed; ``merge`` the hand edit that was merged or conflicts.
    """

    kind: Kind
    generation: int
    explicit: bool = False
    written: bool = False
    error: Exception | None = None
    path: Path | None = None
    recovered: Path | None = None
    merge: MergeResult | None = None

    @property
    def conflicts(self) -> list[Conflict]:
        return self.merge.conflicts if self.merge is not None else []


@dataclass
class _Job:
    kind: Literal["save", "save_as", "document", "stop", "mark"]
    draft: Draft | None = None
    generation: int = 0
    explicit: bool = False
    force: bool = False
    target: Path | None = None
    done: threading.Event = field(default_factory=threading.Event)


class DraftSession:
    """A draft file open in the wizard: its draft, lock, edits and saves."""

    def __init__(self, draft_file: DraftFile, *, lock: DraftLock | None = None,
                 locked_by: str | None = None,
                 tell: Callable[[Outcome], None] | None = None) -> None:
        self.draft_file = draft_file
        self.draft: Draft = draft_file.draft
        self.lock = lock
        self.locked_by = locked_by
        self.tell: Callable[[Outcome], None] = tell or (lambda outcome: None)
        self.prepare: Callable[[Draft], None] = lambda draft: None
        """Called on the event loop with each copy to be saved (the screen adds the step)."""
        self.generation = 0
        self.saved_generation = 0
        self.blocked = False  # changed on disk: autosave waits for the person
        self.failing = False  # the last save failed (told once, not on every try)
        self._base_text = draft_file.text
        self._mutex = threading.Lock()
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None
        self._state_recovery: Path | None = None

    # ------------------------------------------------------------ state

    @classmethod
    def open(cls, path: Path) -> DraftSession:
        """Load ``path`` and take its lock (read-only when someone else holds it).

        Raises `WizardError` (with the file and line) when it cannot be read. The
        comment-keeping document is parsed later, on the worker (`prepare_document`):
        it is not needed to show the draft, and with a 200 KB draft parsing it took
        25–40 ms before the first frame.
        """
        draft_file = DraftFile.load(path, defer_document=True)
        lock: DraftLock | None = DraftLock(path)
        locked_by = None
        try:
            assert lock is not None
            lock.acquire()
        except DraftLockedError as error:
            lock, locked_by = None, error.holder
        except OSError:
            lock = None  # a read-only folder: saving will say so
        return cls(draft_file, lock=lock, locked_by=locked_by)

    @property
    def path(self) -> Path:
        return self.draft_file.path

    @property
    def read_only(self) -> bool:
        return self.locked_by is not None

    @property
    def dirty(self) -> bool:
        """Whether the draft holds edits that are not on disk."""
        return not self.read_only and self.generation != self.saved_generation

    def edited(self) -> None:
        """The person changed the draft (the screens call this on every edit)."""
        self.generation += 1

    def snapshot(self) -> tuple[Draft, int]:
        """A copy of the draft to save, and its generation (on the event loop)."""
        self.prepare(self.draft)
        return self.draft.copy(), self.generation

    def as_text(self) -> str:
        """The draft as the TOML file it would be saved as (for the clipboard)."""
        copy, _ = self.snapshot()
        data, _ = DraftFile.create(self.path, copy).render()
        return data.decode("utf-8")

    # ------------------------------------------------------------ the save worker

    def request_save(self, *, explicit: bool = False, force: bool = False) -> None:
        """Save a copy of the draft on the worker; the outcome is told."""
        if self.read_only:
            return
        copy, generation = self.snapshot()
        self._submit(_Job("save", copy, generation, explicit=explicit, force=force))

    def request_save_as(self, target: Path) -> None:
        """Save under ``target`` (taking its lock) and go on with that file."""
        copy, generation = self.snapshot()
        self._submit(_Job("save_as", copy, generation, explicit=True, target=target))

    def prepare_document(self) -> None:
        """Parse the comment-keeping document on the worker, ahead of every save.

        The screen asks once the draft is shown. A file tomlkit cannot edit is told
        as an "uneditable" outcome then, not at the first save; the saves asked for
        later wait in the queue behind the parse. Otherwise a "ready" outcome says
        that the draft is loaded in full (parsed now, or before).
        """
        self._submit(_Job("document"))

    def _submit(self, job: _Job) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._work, name="wizard-save", daemon=True)
            self._worker.start()
        self._jobs.put(job)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job.kind in ("stop", "mark"):
                job.done.set()
                if job.kind == "stop":
                    return
                continue
            if job.kind == "document":
                problem = self._parse_document()
                job.done.set()
                self.tell(problem or Outcome("ready", self.saved_generation))
                continue
            try:
                outcome = self._save_as(job) if job.kind == "save_as" else self._save(job)
            except Exception as error:  # a bug must not pass silently: the text is unsaved
                outcome = Outcome("failed", job.generation, job.explicit, error=unexpected(error))
            job.done.set()
            self.tell(outcome)

    def wait(self, timeout: float = 10) -> bool:
        """Wait until the saves asked for so far are done (and told); False on timeout."""
        if self._worker is None or not self._worker.is_alive():
            return True
        job = _Job("mark")
        self._jobs.put(job)
        return job.done.wait(timeout)

    def stop(self, timeout: float = 5) -> None:
        """End the worker after the saves already asked for."""
        if self._worker is not None and self._worker.is_alive():
            job = _Job("stop")
            self._jobs.put(job)
            job.done.wait(timeout)

    # ------------------------------------------------------------ saving (any thread)

    def _parse_document(self) -> Outcome | None:
        """Parse the document now; the outcome to tell when tomlkit cannot edit the file."""
        with self._mutex:
            try:
                self.draft_file.ensure_document()
            except WizardError as error:  # the same `DraftReadError` a load gave before
                return Outcome("uneditable", self.saved_generation, error=error)
        return None

    def _write(self, draft: Draft, generation: int, *, force: bool = False,
               timeout: float = -1) -> bool:
        """Write ``draft`` unless a newer copy is on disk; True when the file was written."""
        if not self._mutex.acquire(timeout=timeout):
            raise TimeoutError("en annan sparning pågår")
        try:
            if generation < self.saved_generation:
                return False  # a newer copy is on disk already
            written = self.draft_file.save(draft, force=force)
            self._base_text = self.draft_file.text
            self.saved_generation = max(self.saved_generation, generation)
            if self.lock is not None:
                self.lock.refresh()
            return written
        finally:
            self._mutex.release()

    def _save(self, job: _Job, *, rescue: bool = True, timeout: float = -1) -> Outcome:
        assert job.draft is not None
        try:
            written = self._write(job.draft, job.generation, force=job.force, timeout=timeout)
        except DraftDeletedError as error:
            return Outcome("deleted", job.generation, job.explicit, error=error)
        except DraftChangedOnDiskError as error:
            if not self.path.exists():
                return Outcome("deleted", job.generation, job.explicit, error=error)
            return self._merge(job, error, rescue=rescue)
        except (WizardError, OSError, TimeoutError) as error:
            return self._failed(job, error, rescue=rescue)
        return Outcome("saved", job.generation, job.explicit, written=written)

    def _failed(self, job: _Job, error: Exception, *, rescue: bool = True) -> Outcome:
        """A save that failed: the copy goes to a recovery file where one can be written."""
        assert job.draft is not None
        recovered = self.recover(job.draft) if rescue else None
        return Outcome("failed", job.generation, job.explicit, error=error, recovered=recovered)

    def _merge(self, job: _Job, error: Exception, *, rescue: bool = True) -> Outcome:
        """The file changed on disk: merge the hand edit, or report the conflicts."""
        from wizard.storage.merge import merge_with_disk

        assert job.draft is not None
        with self._mutex:
            base_text = self._base_text
        try:
            result = merge_with_disk(self.path, base_text, job.draft)
        except WizardError:
            return Outcome("changed", job.generation, job.explicit, error=error)
        if result.conflicts:
            return Outcome("conflict", job.generation, job.explicit, error=error, merge=result)
        with self._mutex:
            try:
                written = result.fresh.save(result.merged)
            except (WizardError, OSError) as failure:
                return self._failed(job, failure, rescue=rescue)
            self.draft_file = result.fresh
            self._base_text = result.fresh.text
            self.saved_generation = max(self.saved_generation, job.generation)
        return Outcome("merged", job.generation, job.explicit, written=written, merge=result)

    def take_merged(self, result: MergeResult) -> None:
        """Put the hand edit's keys into the draft in memory (on the event loop).

        Keys typed since the merged copy was taken are the person's newer edits:
        a key is taken only where the draft still holds the value merged against.
        """
        from wizard.storage.merge import adopt_records, get_key, set_key

        for key, value in result.taken.items():
            if get_key(self.draft, key) == get_key(result.ours, key):
                set_key(self.draft, key, value)
        adopt_records(self.draft_file, self.draft)

    def resolve(self, result: MergeResult, *, mine: bool) -> None:
        """A conflict decided: the hand edit's other keys are taken, and for the keys
        both changed, the person's values (``mine``) or the file's; then saved."""
        from wizard.storage.merge import adopt_records, set_key

        with self._mutex:
            self.draft_file = result.fresh
            self._base_text = result.fresh.text
        for key, value in result.taken.items():
            set_key(self.draft, key, value)
        if not mine:
            for conflict in result.conflicts:
                set_key(self.draft, conflict.path, conflict.theirs)
        adopt_records(self.draft_file, self.draft)
        self.blocked = self.failing = False
        self.edited()
        self.request_save(explicit=True)

    def _save_as(self, job: _Job) -> Outcome:
        assert job.draft is not None and job.target is not None
        try:
            self.save_copy_as(job.target, job.draft, job.generation)
        except (WizardError, OSError, TimeoutError) as error:
            return Outcome("failed", job.generation, True, error=error, path=job.target)
        return Outcome("saved_as", job.generation, True, written=True, path=job.target)

    def save_copy_as(self, target: Path, draft: Draft, generation: int,
                     timeout: float = 10) -> None:
        """Save ``draft`` under ``target`` now and go on with that file and its lock.

        Raises `DraftLockedError` when another wizard holds ``target``, and the
        storage errors; the session is then as it was.
        """
        new_lock = DraftLock(target)
        new_lock.acquire()
        try:
            if not self._mutex.acquire(timeout=timeout):
                raise TimeoutError("en annan sparning pågår")
            try:
                self.draft_file.save(draft, path=target, force=True)
                self._base_text = self.draft_file.text
                self.saved_generation = max(self.saved_generation, generation)
            finally:
                self._mutex.release()
        except BaseException:
            new_lock.release()
            raise
        self.release()
        self.lock = new_lock
        self.locked_by = None

    def flush(self, copy: tuple[Draft, int] | None = None,
              timeout: float = 10) -> Exception | None:
        """Save now, in the calling thread (quit, signals); the error when it failed.

        A caller in another thread passes the `snapshot` it took on the event loop.
        """
        if not self.dirty:
            return None
        draft, generation = copy if copy is not None else self.snapshot()
        try:
            outcome = self._save(_Job("save", draft, generation), rescue=False, timeout=timeout)
        except Exception as error:
            return unexpected(error)
        if outcome.kind in ("saved", "merged"):
            return None  # a hand edit of other keys is merged, as by an autosave
        assert outcome.error is not None
        if outcome.kind == "deleted":
            return WizardError(f"{self.path}: filen har tagits bort från disken")
        return outcome.error

    def overwrite(self) -> None:
        """Save over a file changed on disk (the person chose to)."""
        self.blocked = False
        self.request_save(explicit=True, force=True)

    def recover(self, draft: Draft | None = None, timeout: float = 5) -> Path | None:
        """Write the draft to a recovery file; its path, or None when none could be written.

        Beside the draft first; when that folder is full or read-only, in the
        person's state folder (named with the time, never over another file).
        """
        draft = draft if draft is not None else self.snapshot()[0]
        targets = [recovery_path(self.path)]
        if self._state_recovery is None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            # No home folder at all: beside the draft is the only place.
            with contextlib.suppress(Exception):
                self._state_recovery = state_folder() / f"{self.path.stem}-{stamp}.recovered.toml"
        if self._state_recovery is not None:  # one file per session, kept up to date
            targets.append(self._state_recovery)
        got = self._mutex.acquire(timeout=timeout)
        try:
            for target in targets:
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    DraftFile.create(target, draft).save(force=True)
                except (WizardError, OSError):
                    continue
                return target
            return None
        finally:
            if got:
                self._mutex.release()

    def reload(self) -> None:
        """Read the file again (what was not saved is dropped: the person chose it).

        Raises `WizardError` when the file cannot be read; the draft is then as it was.
        """
        with self._mutex:
            fresh = DraftFile.load(self.path)
            self.draft_file = fresh
            self._base_text = fresh.text
        self.draft = fresh.draft
        self.generation += 1
        self.saved_generation = self.generation
        self.blocked = self.failing = False

    def release(self) -> None:
        """Give the lock up."""
        if self.lock is not None:
            self.lock.release()


@dataclass(frozen=True)
class Settings:
    """What the editor is given instead of reading globals: the delay, today and the clock."""

    autosave_delay: float = 2.0
    today: dt.date | None = None
    clock: Callable[[], dt.datetime] = dt.datetime.now
