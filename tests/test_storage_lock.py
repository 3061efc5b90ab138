"""The lock beside a draft: a second wizard is told who holds it; stale locks are taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from wizard.errors import DraftLockedError
from wizard.storage import DraftLock
from wizard.storage.lock import STALE_AFTER

HOLDER = textwrap.dedent(
    """
    import sys, time
    from wizard.storage import DraftLock
    lock = DraftLock(sys.argv[1])
    lock.acquire()
    print("held", flush=True)
    sys.stdin.readline()
    lock.release()
    """
)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "utkast.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    return path


def test_second_process_is_refused_with_user_host_and_pid(draft):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(draft)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline() == b"held\n"
        lock = DraftLock(draft)
        with pytest.raises(DraftLockedError) as caught:
            lock.acquire()
        message = caught.value.message
        info = json.loads(lock.path.read_text(encoding="utf-8"))
        assert info["pid"] == holder.pid
        assert f"process {holder.pid}" in message
        assert socket.gethostname() in message
        assert info["user"] in message
        assert str(draft) in message
        assert lock.held is False
        lock.release()  # not held: must not remove the other's lock
        assert lock.path.exists()
        holder.stdin.write(b"\n")
        holder.stdin.flush()
        assert holder.wait(timeout=10) == 0
    finally:
        holder.kill()
    assert not lock.path.exists()  # the holder released it
    lock.acquire()
    assert lock.held and lock.path.exists()
    lock.release()


def write_lock(lock: DraftLock, pid: int, host: str | None = None) -> None:
    lock.path.write_text(json.dumps({"user": "anna", "host": host or socket.gethostname(),
                                     "pid": pid, "time": "2016-09-20 14:02"}), encoding="utf-8")


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_lock_of_a_dead_process_is_taken_over(draft):
    lock = DraftLock(draft)
    write_lock(lock, dead_pid())
    assert lock.holder() is None
    lock.acquire()
    assert json.loads(lock.path.read_text(encoding="utf-8"))["pid"] == os.getpid()
    lock.release()
    assert not lock.path.exists()


def test_old_lock_is_taken_over_even_from_another_host(draft):
    lock = DraftLock(draft)
    write_lock(lock, 4711, host="en-annan-dator")
    with pytest.raises(DraftLockedError, match=r"anna på en-annan-dator \(process 4711\)"):
        DraftLock(draft).acquire()
    old = time.time() - STALE_AFTER - 60
    os.utime(lock.path, (old, old))
    lock.acquire()
    assert json.loads(lock.path.read_text(encoding="utf-8"))["host"] == socket.gethostname()
    lock.release()


def test_unreadable_lock_file_is_stale_only_after_a_grace_time(draft):
    lock = DraftLock(draft)
    lock.path.write_bytes(b"")  # just created by its holder, not yet written
    with pytest.raises(DraftLockedError):
        lock.acquire()
    old = time.time() - 60
    os.utime(lock.path, (old, old))
    lock.acquire()
    assert lock.held
    lock.release()


def test_release_leaves_a_lock_that_another_wizard_took_over(draft):
    lock = DraftLock(draft)
    lock.acquire()
    write_lock(lock, 4711, host="en-annan-dator")  # taken over while we were away
    lock.release()
    assert lock.path.exists()
    assert lock.held is False


def test_with_statement_and_refresh(draft):
    with DraftLock(draft) as lock:
        old = time.time() - 3600
        os.utime(lock.path, (old, old))
        lock.refresh()
        assert time.time() - lock.path.stat().st_mtime < 60
    assert not lock.path.exists()


def test_acquire_removes_temp_files_of_a_killed_save(draft):
    leftover = draft.with_name(f".{draft.name}.abc123.tmp")
    leftover.write_bytes(b"half")
    other = draft.with_name(".annat.toml.abc123.tmp")
    other.write_bytes(b"other draft")
    with DraftLock(draft):
        assert not leftover.exists()
        assert other.exists()


def test_a_fifo_where_the_lock_belongs_does_not_hang(tmp_path):
    """A FIFO at NAME.lock is read without blocking and counts as someone else's lock."""
    draft = tmp_path / "utkast.toml"
    draft.write_text("format = 1\n", encoding="utf-8")
    os.mkfifo(tmp_path / "utkast.toml.lock")
    lock = DraftLock(draft)
    assert lock.holder() is not None
    with pytest.raises(DraftLockedError):
        lock.acquire()
