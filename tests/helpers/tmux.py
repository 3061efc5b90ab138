"""The real ``wizard`` in a detached tmux session, for the tests that drive a terminal.

Each session has its own tmux server (a socket in the test's temp folder), so tests never
share one and a leftover server never answers another test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

WIZARD = Path(sys.executable).with_name("wizard")

# For a test module's `pytestmark`: skip where tmux or the installed script is missing.
NEEDS_TMUX = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not WIZARD.exists(), reason="the wizard script is not installed"),
]


def wait_for(check: Callable[[], bool], timeout: float = 10.0, every: float = 0.02) -> bool:
    """Whether ``check()`` became true within ``timeout`` seconds (polled every ``every``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return False


class TmuxSession:
    """``wizard open PATH`` in a detached tmux session (100×30 unless told) on its own server."""

    def __init__(self, folder: Path, prefix: str = "wizard-test") -> None:
        self.socket = folder / "tmux.sock"
        self.name = f"{prefix}-{uuid.uuid4().hex[:8]}"

    def start(self, path: Path, *extra: str, autosave_delay: float = 600,
              size: tuple[int, int] = (100, 30)) -> None:
        command = (f"env WIZARD_AUTOSAVE_DELAY={autosave_delay} TERM=xterm-256color "
                   f"{WIZARD} open {path} {' '.join(extra)}")
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
                  command, check=True)

    def tmux(self, *args: str, check: bool = False) -> str:
        """Run a tmux command against this session's server; its output."""
        return subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True,
                              text=True, timeout=10, check=check).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def type(self, text: str) -> None:
        """Type ``text`` literally (no key names)."""
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def keys(self, *keys: str) -> None:
        """Send tmux key names (``Tab``, ``C-n``) in one burst."""
        self.tmux("send-keys", "-t", self.name, *keys)

    def wait_for_screen(self, text: str, timeout: float = 10.0) -> None:
        assert wait_for(lambda: text in self.screen(), timeout), self.screen()

    def kill_server(self) -> None:
        self.tmux("kill-server")
