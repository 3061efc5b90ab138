"""Draft text never reaches the terminal raw from the TUI: drawn where shown, removed where edited.

The title ``\\u001b]0;PWNED\\u0007\\u001b[31mRÖD\\u001b[2J`` would retitle the
terminal window, turn the text red and clear the screen if it were written as
it is. The test takes what Textual would write to the terminal (every line of
a full repaint, as escape sequences) and looks for the title's commands.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input

from wizard.tui.app import WizardApp, make_app
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.screens.start import StartScreen

EVIL = "\u001b]0;PWNED\u0007\u001b[31mRÖD\u001b[2J"
DRAWN = "␛]0;PWNED␇␛[31mRÖD␛[2J"
SIZE = (110, 32)


def terminal_output(app: WizardApp) -> str:
    """What Textual writes to the terminal to paint the whole screen now."""
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor")
    update = app.screen._compositor.render_update(full=True)
    return update.render_segments(console)


def assert_not_executed(output: str) -> None:
    assert "\x1b]0;" not in output, "a window title would be set"
    assert "\x1b[2J" not in output, "the screen would be cleared"
    assert "\x1b[31m" not in output, "the draft's own colour would be applied"
    assert "\x07" not in output


def evil_draft(folder: Path) -> Path:
    path = folder / "ond.toml"
    path.write_text(
        "format = 1\n"
        f"[referral]\ntitle = {json.dumps(EVIL)}\ndnr = {json.dumps(EVIL)}\n"
        f"[meeting]\ncommittee = {json.dumps(EVIL)}\n"
        f'[[decisions]]\ntext = {json.dumps(EVIL)}\n',
        encoding="utf-8",
    )
    return path


async def test_the_start_screen_draws_a_hostile_title(tmp_path: Path) -> None:
    """The title and committee show as ␛]0;PWNED␇…, and nothing of them is executed."""
    evil_draft(tmp_path)
    app = make_app(None, drafts_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        table = app.screen.query_one(DataTable)
        row = [str(cell) for cell in table.get_row_at(1)]
        assert row[0] == "ond.toml" and row[1] == DRAWN
        assert row[2].endswith("…") and DRAWN.startswith(row[2][:-1])  # the column cuts it
        output = terminal_output(app)
        assert DRAWN in output
        assert_not_executed(output)


@pytest.mark.parametrize("step", ["case", "decisions"])
async def test_the_editor_shows_the_text_unchanged_but_never_sends_it_raw(
    tmp_path: Path, step: str
) -> None:
    """The input holds the title as written (editing must not change it); the screen is safe."""
    path = evil_draft(tmp_path)
    before = path.read_bytes()
    app = make_app(path, step, drafts_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        if step == "case":
            values = [field.value for field in editor.query(Input)]
            assert EVIL in values  # the text itself is not altered
        assert_not_executed(terminal_output(app))
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before


async def test_a_hostile_file_name_is_drawn_in_the_sub_title(tmp_path: Path) -> None:
    good = tmp_path / "namn\u001b]0;FIL\u0007.toml"
    good.write_text('format = 1\n[referral]\ntitle = "Ärende"\n', encoding="utf-8")
    app = make_app(good, drafts_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.sub_title.startswith("namn␛]0;FIL␇.toml")
        assert_not_executed(terminal_output(app))
        await pilot.press("ctrl+q")


async def test_a_hostile_file_name_is_drawn_in_messages(tmp_path: Path) -> None:
    broken = tmp_path / "trasig\u001b[2J.toml"
    broken.write_text("format = 1\n[referral\n", encoding="utf-8")
    app = make_app(None, drafts_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.open_draft(broken) is not None
        await pilot.pause()
        shown = [str(notice.message) for notice in app._notifications]
        assert any("trasig␛[2J.toml" in message for message in shown), shown
        assert_not_executed(terminal_output(app))
