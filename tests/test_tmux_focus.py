"""The real ``wizard`` in tmux: a key typed right after Tab lands in the next field.

50 rounds of: type a letter, wait until the autosave has written it, then send
Tab (or Shift+Tab) and a letter in one burst, as a person who presses Tab and
types at once does. Each round's letters must be in the field that had the
focus when they were typed; the test waits for the saved file, never a fixed time.
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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WIZARD = Path(sys.executable).with_name("wizard")
ROUNDS = 50

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not WIZARD.exists(), reason="the wizard script is not installed"),
    pytest.mark.slow,
]


def wait_for(check: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return False


def test_fifty_rounds_of_type_wait_tab_type(tmp_path: Path) -> None:
    path = tmp_path / "tab.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    socket = str(tmp_path / "tmux.sock")
    name = f"wizard-tab-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-S", socket, *args], capture_output=True, text=True,
                              timeout=10).stdout

    def referral() -> dict[str, str]:
        try:
            return tomllib.loads(path.read_text(encoding="utf-8")).get("referral", {})
        except (OSError, tomllib.TOMLDecodeError):
            return {}

    command = (f"env WIZARD_AUTOSAVE_DELAY=0.2 TERM=xterm-256color {WIZARD} open {path} "
               "--step case")
    tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", command)
    try:
        assert wait_for(lambda: "Ärendets rubrik" in tmux("capture-pane", "-p", "-t", name))
        expected = {"title": "", "referred_by": ""}
        for number in range(ROUNDS):
            # Focus alternates: the title, then (after Tab) Remittent, then (Shift+Tab) back.
            here, there = ("title", "referred_by") if number % 2 == 0 else ("referred_by", "title")
            tmux("send-keys", "-t", name, "-l", "x")
            expected[here] += "x"
            # Saved: the letter typed before the Tab of the round before is here too.
            assert wait_for(lambda: referral() == {k: v for k, v in expected.items() if v}), (
                number, referral(), expected)
            tmux("send-keys", "-t", name, "Tab" if here == "title" else "BTab", "Q")
            expected[there] += "Q"
        assert wait_for(lambda: referral() == expected), (referral(), expected)
    finally:
        tmux("kill-server")
