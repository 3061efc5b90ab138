"""The real ``wizard`` in tmux: a closed terminal (SIGHUP) or SIGTERM loses no word."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WIZARD = Path(sys.executable).with_name("wizard")

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
        time.sleep(0.1)
    return False


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Start ``wizard open FILE`` in a detached 100×30 tmux session; yield a starter."""
    name = f"wizard-test-{uuid.uuid4().hex[:8]}"
    socket = tmp_path / "tmux.sock"

    def start(path: Path, *extra: str) -> str:
        env = {"WIZARD_AUTOSAVE_DELAY": "600", "TERM": "xterm-256color"}
        exports = " ".join(f"{key}={value}" for key, value in env.items())
        command = f"env {exports} {WIZARD} open {path} {' '.join(extra)}"
        subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", name,
                        "-x", "100", "-y", "30", command], check=True, timeout=10)
        return name

    yield start
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True, timeout=10)


def run(socket: Path, *args: str) -> str:
    result = subprocess.run(["tmux", "-S", str(socket), *args], capture_output=True, text=True,
                            timeout=10)
    return result.stdout


def _screen(socket: Path, name: str) -> str:
    return run(socket, "capture-pane", "-p", "-t", name)


def _type_and_wait(socket: Path, name: str, path: Path) -> None:
    assert wait_for(lambda: "Ärendets rubrik" in _screen(socket, name)), _screen(socket, name)
    run(socket, "send-keys", "-t", name, "-l", "Remiss om ärende")
    run(socket, "send-keys", "-t", name, "C-n")
    assert wait_for(lambda: "Sammanfattning" in _screen(socket, name))
    time.sleep(0.3)
    run(socket, "send-keys", "-t", name, "-l", "Förvaltningen tycker så här: § 3 gäller.")
    assert wait_for(lambda: "§ 3 gäller." in _screen(socket, name)), _screen(socket, name)
    assert "§ 3" not in path.read_text(encoding="utf-8")  # only the signal will save it


def _draft(tmp_path: Path) -> Path:
    path = tmp_path / "tmux.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    return path


def _assert_saved(path: Path) -> None:
    def saved() -> bool:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return False
        return data.get("texts", {}).get("summary") == "Förvaltningen tycker så här: § 3 gäller."

    assert wait_for(saved, timeout=10), path.read_text(encoding="utf-8")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["referral"]["title"] == "Remiss om ärende"
    assert wait_for(lambda: not path.with_name(path.name + ".lock").exists(), timeout=5)


def test_closed_terminal_sighup_saves_the_text(tmp_path: Path,
                                               session: Callable[..., str]) -> None:
    """Type, then kill the tmux pane (SIGHUP to wizard): the text is in the draft file."""
    path = _draft(tmp_path)
    name = session(path, "--step", "case")
    socket = tmp_path / "tmux.sock"
    _type_and_wait(socket, name, path)
    run(socket, "kill-pane", "-t", name)
    _assert_saved(path)


def test_sigterm_saves_the_text(tmp_path: Path, session: Callable[..., str]) -> None:
    """Type, then SIGTERM the wizard process: the text is saved and the lock freed."""
    path = _draft(tmp_path)
    name = session(path, "--step", "case")
    socket = tmp_path / "tmux.sock"
    _type_and_wait(socket, name, path)
    pane_pid = int(run(socket, "display-message", "-p", "-t", name, "#{pane_pid}").strip())
    children = subprocess.run(["pgrep", "-P", str(pane_pid)], capture_output=True, text=True)
    pids = [int(pid) for pid in children.stdout.split()] or [pane_pid]
    for pid in pids:
        os.kill(pid, signal.SIGTERM)
    _assert_saved(path)


def test_every_key_of_a_list_step_in_the_footer_at_80x24(tmp_path: Path,
                                                          example_path: Path) -> None:
    """The real wizard in an 80×24 terminal, on Förslag till beslut: the footer's two
    rows hold every key of the step, from f1 Hjälp to ^p Kommandon, and when the keys
    change (Tab into the form and back) no character of the other keys is left."""
    path = tmp_path / "lista.toml"
    shutil.copyfile(example_path, path)
    socket = tmp_path / "tmux.sock"
    name = f"wizard-test-{uuid.uuid4().hex[:8]}"
    subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", name, "-x", "80",
                    "-y", "24", f"env WIZARD_AUTOSAVE_DELAY=600 TERM=xterm-256color {WIZARD} "
                    f"open {path} --step decisions"], check=True, timeout=10)
    try:
        def footer() -> list[str]:
            return _screen(socket, name).rstrip("\n").split("\n")[-2:]

        in_list = ("f1 Hjälp", "^s Spara", "^q Avsluta", "^n ^f Nästa/förra steg",
                   "^g Välj steg", "f Frasbank", "n Ny", "e Redigera", "del Ta bort",
                   "⇧↑ ⇧↓ Flytta upp/ner", "f4 Spara som", "^r Läs om", "^p Kommandon")
        assert wait_for(lambda: " ".join(footer()).split() == " ".join(in_list).split()), \
            footer()
        assert footer()[0].startswith("f1 Hjälp ^s Spara ^q Avsluta")
        run(socket, "send-keys", "-t", name, "Tab")  # into the decision's text
        assert wait_for(lambda: "esc Till listan" in " ".join(footer())), footer()
        run(socket, "send-keys", "-t", name, "Escape")  # back to the list
        assert wait_for(lambda: " ".join(footer()).split() == " ".join(in_list).split()), \
            footer()  # every key as before, nothing of "esc Till listan" left
        assert all(len(row) <= 80 for row in footer())
        run(socket, "send-keys", "-t", name, "C-q")
    finally:
        run(socket, "kill-server")
