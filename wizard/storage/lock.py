"""A lock file beside a draft, so that a second wizard opens it read-only.

``NAME.toml.lock`` is created with O_CREAT|O_EXCL and holds who has the draft
open (user, host, pid, time). A lock is stale, and is taken over, when its
process is gone from this host or when it has not been refreshed for
`STALE_AFTER` (a wizard refreshes it on every save).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import glob
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import DraftLockedError
from wizard.storage.bounded import FileReadError, read_bounded

STALE_AFTER = 12 * 60 * 60  # seconds without a refresh
LOCK_LIMIT = 64 * 1024  # a lock file holds a line of JSON
WRITE_GRACE = 5  # seconds a new lock file may be empty while its holder writes it


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock."""

    user: str
    host: str
    pid: int
    time: str

    def describe(self) -> str:
        """``anna på ws-12 (process 4711) sedan 2016-09-20 14:02``"""
        return f"{self.user} på {self.host} (process {self.pid}) sedan {self.time}"

    @classmethod
    def mine(cls) -> LockInfo:
        try:
            user = getpass.getuser()
        except Exception:  # no user name in some containers
            user = str(os.getuid()) if hasattr(os, "getuid") else "okänd"
        now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        return cls(user=user, host=socket.gethostname(), pid=os.getpid(), time=now)


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class DraftLock:
    """The lock of one draft file. Use `acquire` and `release`, or `with`."""

    def __init__(self, draft_path: Path | str) -> None:
        self.draft_path = Path(draft_path)
        self.path = self.draft_path.with_name(self.draft_path.name + ".lock")
        self.held = False

    def holder(self) -> LockInfo | None:
        """Who holds the lock now, or None when it is free or stale."""
        try:
            raw = read_bounded(self.path, limit=LOCK_LIMIT, what="låsfilen")
            age = time.time() - self.path.stat().st_mtime
        except (FileNotFoundError, NotADirectoryError):
            return None
        except FileReadError:
            if not os.path.lexists(self.path):
                return None
            # A FIFO, a folder or an unreadable file where the lock belongs: not ours to take.
            return LockInfo("okänd", "okänd värd", 0, "okänd tid")
        except OSError:
            return LockInfo("okänd", "okänd värd", 0, "okänd tid")
        try:
            data = json.loads(raw)
            info = LockInfo(
                str(data["user"]), str(data["host"]), int(data["pid"]), str(data["time"])
            )
        except (ValueError, KeyError, TypeError):
            if age < WRITE_GRACE:  # being written by its holder right now
                return LockInfo("okänd", "okänd värd", 0, "just nu")
            return None  # a half-written or foreign file: treat as stale
        if age > STALE_AFTER:
            return None
        if info.host == socket.gethostname() and not _process_alive(info.pid):
            return None
        return info

    def acquire(self) -> None:
        """Take the lock, or raise `DraftLockedError` naming who holds it."""
        mine = LockInfo.mine()
        payload = json.dumps(mine.__dict__, ensure_ascii=False).encode("utf-8")
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self.holder()
                if holder is not None and holder.pid == mine.pid and holder.host == mine.host:
                    self.held = True
                    return
                if holder is not None:
                    raise DraftLockedError(self.draft_path, holder.describe()) from None
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path)  # stale: take it over
                continue
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            self.held = True
            self._remove_leftover_temp_files()
            return
        holder = self.holder()
        raise DraftLockedError(self.draft_path, holder.describe() if holder else "någon annan")

    def refresh(self) -> None:
        """Show that the holder is still there (called on every save)."""
        if self.held:
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def release(self) -> None:
        """Give the lock up; only the holder removes the file, and only while it is its own.

        A lock taken over as stale by another wizard (this one was suspended for
        longer than `STALE_AFTER`) belongs to that wizard now and stays.
        """
        if not self.held:
            return
        self.held = False
        try:
            data = json.loads(read_bounded(self.path, limit=LOCK_LIMIT).decode("utf-8"))
        except (OSError, ValueError, FileReadError):
            return
        mine = LockInfo.mine()
        if isinstance(data, dict) and data.get("pid") == mine.pid and data.get("host") == mine.host:
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def _remove_leftover_temp_files(self) -> None:
        """Temp files of a save that was killed: only the lock holder writes the draft."""
        pattern = f".{glob.escape(self.draft_path.name)}.*.tmp"
        with contextlib.suppress(OSError):
            for temp in self.draft_path.parent.glob(pattern):
                with contextlib.suppress(OSError):
                    temp.unlink()

    def __enter__(self) -> DraftLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
