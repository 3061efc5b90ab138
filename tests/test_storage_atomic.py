"""Saving cannot lose data: a failure at any step leaves the old file as it was."""

from __future__ import annotations

import errno
import gc
import os
import random
import select
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from wizard.errors import DraftSaveError
from wizard.storage import DraftFile, atomic
from wizard.storage.atomic import atomic_write

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

OLD = b'format = 1\n\n[referral]\ntitle = "Gammal rubrik"\n'


def leftovers(folder: Path, name: str) -> list[str]:
    """Files in the folder other than the draft and its backup: temp files."""
    return sorted(p.name for p in folder.iterdir() if p.name not in {name, name + ".bak"})


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, DraftFile]:
    """A draft on disk with an unsaved change in its DraftFile."""
    path = tmp_path / "utkast.toml"
    path.write_bytes(OLD)
    draft_file = DraftFile.load(path)
    draft_file.draft.referral.title = "Ny rubrik"
    return path, draft_file


def fail_with(error: BaseException):
    def failing(*args, **kwargs):
        raise error

    return failing


class FailingHandle:
    """A file object whose write fails, like a full disk."""

    def __init__(self, handle, error: OSError) -> None:
        self.handle, self.error = handle, error

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def write(self, data):
        self.handle.write(data[: len(data) // 2])  # half of it reached the disk
        self.handle.flush()
        raise self.error

    def flush(self):
        self.handle.flush()

    def fileno(self):
        return self.handle.fileno()


def break_write(monkeypatch, error: OSError) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        atomic.os, "fdopen", lambda fd, mode: FailingHandle(real_fdopen(fd, mode), error)
    )


def break_replace_of_temp(monkeypatch) -> None:
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith(".toml"):
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)


def break_replace_of_backup(monkeypatch) -> None:
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith(".bak"):
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)


def break_backup(monkeypatch) -> None:
    monkeypatch.setattr(atomic.os, "link", fail_with(OSError(errno.EPERM, "not permitted")))
    monkeypatch.setattr(atomic.shutil, "copy2", fail_with(OSError(errno.EIO, "Input/output error")))


FAULTS = {
    "temp-write": lambda mp: break_write(mp, OSError(errno.EIO, "Input/output error")),
    "disk-full": lambda mp: break_write(mp, OSError(errno.ENOSPC, "No space left on device")),
    "temp-create": lambda mp: mp.setattr(
        atomic.tempfile, "mkstemp", fail_with(OSError(errno.ENOSPC, "No space left on device"))
    ),
    "fsync": lambda mp: mp.setattr(atomic.os, "fsync", fail_with(OSError(errno.EIO, "I/O"))),
    "chmod": lambda mp: mp.setattr(atomic.os, "chmod", fail_with(PermissionError(1, "x"))),
    "backup": break_backup,
    "backup-replace": break_replace_of_backup,
    "replace": break_replace_of_temp,
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_failure_at_each_step_leaves_old_file_and_no_temp_file(saved, monkeypatch, fault):
    path, draft_file = saved
    FAULTS[fault](monkeypatch)
    with pytest.raises(DraftSaveError) as caught:
        draft_file.save()
    monkeypatch.undo()
    assert path.read_bytes() == OLD
    assert leftovers(path.parent, path.name) == []
    assert str(path) in caught.value.message
    assert "filen är som förut" in caught.value.message
    if fault in {"disk-full", "temp-create"}:
        assert "disken är full" in caught.value.message
    # The draft is still unsaved: the next save writes it.
    assert draft_file.save() is True
    assert b"Ny rubrik" in path.read_bytes()
    assert path.with_name("utkast.toml.bak").read_bytes() == OLD


def test_unexpected_exception_also_cleans_up(saved, monkeypatch):
    path, draft_file = saved
    monkeypatch.setattr(atomic.os, "fsync", fail_with(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        draft_file.save()
    monkeypatch.undo()
    assert path.read_bytes() == OLD
    assert leftovers(path.parent, path.name) == []


def test_backup_falls_back_to_a_copy_when_links_are_refused(saved, monkeypatch):
    path, draft_file = saved
    monkeypatch.setattr(atomic.os, "link", fail_with(OSError(errno.EPERM, "no hard links")))
    assert draft_file.save() is True
    assert path.with_name("utkast.toml.bak").read_bytes() == OLD
    assert b"Ny rubrik" in path.read_bytes()
    assert leftovers(path.parent, path.name) == []


def test_failed_folder_fsync_after_replace_keeps_the_new_version(saved, monkeypatch):
    """After os.replace the new file is in place; the save is reported as done."""
    path, draft_file = saved
    calls = []

    def broken(folder):
        calls.append(folder)
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(atomic, "_fsync_folder", broken)
    assert draft_file.save() is True
    assert calls == [path.parent]
    assert b"Ny rubrik" in path.read_bytes()
    assert draft_file.changed_on_disk() is False
    assert leftovers(path.parent, path.name) == []


def test_atomic_write_keeps_mode_and_writes_new_files_with_umask(tmp_path):
    path = tmp_path / "a.toml"
    atomic_write(path, b"one")
    assert path.read_bytes() == b"one"
    assert not path.with_name("a.toml.bak").exists()
    path.chmod(0o640)
    atomic_write(path, b"two")
    assert path.read_bytes() == b"two"
    assert path.with_name("a.toml.bak").read_bytes() == b"one"
    assert path.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path, "a.toml") == []


def _fork_saving_loop(path: Path, versions: list[str]) -> int:
    """A child process that saves ``versions`` in turn for ever; its pid once it has saved.

    Forked rather than started afresh: the child has the parent's imports, so each of
    the test's hundred kills costs a third of the processor time a new Python took.
    """
    ready_read, ready_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: it never returns into the test runner
        try:
            gc.disable()  # a collection would touch, and so copy, all of the parent's memory
            os.close(ready_read)
            draft_file = DraftFile.load(path)
            count = 0
            while True:
                draft_file.draft.texts.views = versions[count % 2]
                draft_file.save()
                count += 1
                if count == 1:
                    os.write(ready_write, b"r")
        finally:
            os._exit(1)
    os.close(ready_write)
    try:
        ready, _, _ = select.select([ready_read], [], [], 30)
        assert ready and os.read(ready_read, 1) == b"r", "the child never saved"
    finally:
        os.close(ready_read)
    return pid


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
@pytest.mark.slow
def test_sigkill_while_saving_leaves_old_or_new_version(tmp_path):
    """100 child processes saving in a loop, each killed at a random moment."""
    path = tmp_path / "utkast.toml"
    long_text = "Ett stycke text som är lång nog att skrivas i flera block.\n" * 2000
    versions = [long_text.replace("Ett", "Första"), long_text.replace("Ett", "Andra")]
    # The two versions the file may hold: build them the way the child does.
    shutil.copyfile(Path(__file__).parent / "fixtures" / "drafts" / "handredigerad.toml", path)
    expected = set()
    for text in versions:
        probe = DraftFile.load(path)
        probe.draft.texts.views = text
        expected.add(probe.render()[0])
    rng = random.Random(20160920)
    started = time.monotonic()
    seen = set()
    for _ in range(100):
        pid = _fork_saving_loop(path, versions)
        time.sleep(rng.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        data = path.read_bytes()
        assert data in expected  # the child saved once before it said it was ready
        tomllib.loads(data.decode("utf-8"))
        seen.add(data)
    assert len(seen) == 2, "kills never landed between the two versions"
    assert time.monotonic() - started < 60
    print("temp files left by kills:", len(list(tmp_path.glob(".*.tmp"))))
