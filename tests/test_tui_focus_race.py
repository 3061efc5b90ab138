"""Keys typed right after Tab land in the field that has the focus, even while a save runs.

A person who types into a field, waits for the autosave, then presses Tab and
types at once sends both keys in one burst: the terminal delivers them together.
Before, Tab travelled through the field's own queue while the next key was
already routed to that field, so the character landed in the field just left.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from wizard.tui.app import WizardApp
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.session import DraftSession

SIZE = (100, 30)

pytestmark = pytest.mark.slow  # 18 focus changes, each with a save in flight: 8–15 s here


def held_saves(monkeypatch) -> tuple[threading.Event, threading.Event]:  # type: ignore[no-untyped-def]
    """Make every save wait for ``release``; ``started`` is set when one is in flight."""
    started, release = threading.Event(), threading.Event()
    write = DraftSession._write

    def slow_write(self: DraftSession, *args: object, **kwargs: object) -> bool:
        started.set()
        release.wait(10)
        return write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DraftSession, "_write", slow_write)
    return started, release


async def test_key_after_tab_lands_in_the_next_field_while_saving(
    tmp_path: Path, monkeypatch
) -> None:
    """Through every field of step 1, and back a few: type, start a save, and while it
    runs send Tab (or Shift+Tab) and a letter in one burst. The letter is in the field
    that has the focus after the Tab, never in the one just left."""
    path = tmp_path / "lopp.toml"
    path.write_text("format = 1\n", encoding="utf-8")
    started, release = held_saves(monkeypatch)
    app = WizardApp(path, "case", drafts_dir=tmp_path, autosave_delay=600)
    rounds = 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        for key in ["tab"] * 14 + ["shift+tab"] * 4:
            left = app.focused
            if isinstance(left, Input):
                await pilot.press("x")
            before = left.value if isinstance(left, Input) else None
            started.clear()
            release.clear()
            screen.request_save()  # the autosave, in flight at the focus change
            assert await asyncio.to_thread(started.wait, 5)
            letter = "Q" if key == "tab" else "W"
            app.post_message(events.Key(key, None))
            app.post_message(events.Key(letter, letter))
            await pilot.pause()
            release.set()
            assert await asyncio.to_thread(screen.session.wait)
            await pilot.pause()
            target = app.focused
            assert target is not left, key
            if isinstance(left, Input):
                assert left.value == before, f"{letter} went into the field just left"
            if isinstance(target, Input):
                assert target.value.endswith(letter), (key, target.value)
                rounds += 1
        release.set()
    assert rounds >= 16  # every input field reached (the checkbox takes no letter)
