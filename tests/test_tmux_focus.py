"""The real ``wizard`` in tmux: a key typed right after Tab lands in the next field.

Rounds of: type a letter, wait until the autosave has written it, then send
Tab (or Shift+Tab) and a letter in one burst, as a person who presses Tab and
types at once does. Each round's letters must be in the field that had the
focus when they were typed; the test waits for the saved file, never a fixed time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.helpers.tmux import NEEDS_TMUX, TmuxSession, wait_for

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# The race itself (a key routed to the field being left while a save keeps the loop busy)
# is proven deterministically in tests/test_tui_focus_race.py, which holds every save in
# flight. Here the real terminal's bursts are checked end to end, and each round costs an
# autosave: 20 rounds (10 Tab, 10 Shift+Tab, each after a save) instead of 50.
ROUNDS = 20

pytestmark = [*NEEDS_TMUX, pytest.mark.slow]


def test_rounds_of_type_wait_tab_type(tmp_path: Path) -> None:
    path = tmp_path / "tab.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    terminal = TmuxSession(tmp_path, "wizard-tab")

    def referral() -> dict[str, str]:
        try:
            return tomllib.loads(path.read_text(encoding="utf-8")).get("referral", {})
        except (OSError, tomllib.TOMLDecodeError):
            return {}

    terminal.start(path, "--step", "case", autosave_delay=0.2)
    try:
        terminal.wait_for_screen("Ärendets rubrik")
        expected = {"title": "", "referred_by": ""}
        for number in range(ROUNDS):
            # Focus alternates: the title, then (after Tab) Remittent, then (Shift+Tab) back.
            here, there = ("title", "referred_by") if number % 2 == 0 else ("referred_by", "title")
            terminal.type("x")
            expected[here] += "x"
            # Saved: the letter typed before the Tab of the round before is here too.
            assert wait_for(lambda: referral() == {k: v for k, v in expected.items() if v}), (
                number, referral(), expected)
            terminal.keys("Tab" if here == "title" else "BTab", "Q")
            expected[there] += "Q"
        assert wait_for(lambda: referral() == expected), (referral(), expected)
    finally:
        terminal.kill_server()
