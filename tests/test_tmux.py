"""The real ``wizard`` in tmux: a closed terminal (SIGHUP) or SIGTERM loses no word."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.tmux import NEEDS_TMUX, TmuxSession, wait_for

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

pytestmark = [*NEEDS_TMUX, pytest.mark.slow]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[TmuxSession]:
    """A tmux session of the test's own; its server is stopped afterwards."""
    terminal = TmuxSession(tmp_path)
    yield terminal
    terminal.kill_server()


def _type_and_wait(terminal: TmuxSession, path: Path) -> None:
    terminal.wait_for_screen("Ärendets rubrik")
    terminal.type("Remiss om ärende")
    terminal.keys("C-n")
    terminal.wait_for_screen("punktlista")  # the summary step is built (its markup hint)
    terminal.type("Förvaltningen tycker så här: § 3 gäller.")
    terminal.wait_for_screen("§ 3 gäller.")
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


def test_closed_terminal_sighup_saves_the_text(tmp_path: Path, session: TmuxSession) -> None:
    """Type, then kill the tmux pane (SIGHUP to wizard): the text is in the draft file."""
    path = _draft(tmp_path)
    session.start(path, "--step", "case")
    _type_and_wait(session, path)
    session.tmux("kill-pane", "-t", session.name)
    _assert_saved(path)


def test_sigterm_saves_the_text(tmp_path: Path, session: TmuxSession) -> None:
    """Type, then SIGTERM the wizard process: the text is saved and the lock freed."""
    path = _draft(tmp_path)
    session.start(path, "--step", "case")
    _type_and_wait(session, path)
    pane_pid = int(session.tmux("display-message", "-p", "-t", session.name,
                                "#{pane_pid}").strip())
    children = subprocess.run(["pgrep", "-P", str(pane_pid)], capture_output=True, text=True)
    pids = [int(pid) for pid in children.stdout.split()] or [pane_pid]
    for pid in pids:
        os.kill(pid, signal.SIGTERM)
    _assert_saved(path)


def test_every_key_of_a_list_step_in_the_footer_at_80x24(session: TmuxSession,
                                                          example_copy: Path) -> None:
    """The real wizard in an 80×24 terminal, on Förslag till beslut: the footer's two
    rows hold every key of the step, from f1 Hjälp to ^p Kommandon, and when the keys
    change (Tab into the form and back) no character of the other keys is left."""
    session.start(example_copy, "--step", "decisions", size=(80, 24))

    def footer() -> list[str]:
        return session.screen().rstrip("\n").split("\n")[-2:]

    in_list = ("f1 Hjälp", "^s Spara", "^q Avsluta", "^n ^f Nästa/förra steg",
               "^g Välj steg", "f Frasbank", "n Ny", "e Redigera", "del Ta bort",
               "⇧↑ ⇧↓ Flytta upp/ner", "f4 Spara som", "^r Läs om", "^p Kommandon")
    assert wait_for(lambda: " ".join(footer()).split() == " ".join(in_list).split()), footer()
    assert footer()[0].startswith("f1 Hjälp ^s Spara ^q Avsluta")
    session.keys("Tab")  # into the decision's text
    assert wait_for(lambda: "esc Till listan" in " ".join(footer())), footer()
    session.keys("Escape")  # back to the list
    assert wait_for(lambda: " ".join(footer()).split() == " ".join(in_list).split()), \
        footer()  # every key as before, nothing of "esc Till listan" left
    assert all(len(row) <= 80 for row in footer())
    session.keys("C-q")
