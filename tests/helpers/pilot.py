"""What the Pilot tests of the wizard share: typing, waiting for a condition, the editor."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.pilot import Pilot

from wizard.tui.app import WizardApp
from wizard.tui.screens.editor import EditorScreen

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

UNTIL_TIMEOUT = 30.0  # seconds; only a hung app takes this long, a passing test never waits it


async def paste(pilot: Pilot, text: str) -> None:
    """Type text as a terminal delivers a paste (Pilot.press drops å, ä, ö).

    The event goes to the app, which forwards it to the focused widget, as with a real
    terminal; posted straight to a TextArea it would bubble up and be forwarded twice.
    """
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """ASCII with keys, one press a character; anything else pasted."""
    if text.isascii():
        await pilot.press(*[" " if char == " " else char for char in text])
    else:
        await paste(pilot, text)


async def until(pilot: Pilot, condition: Callable[[], object],
                timeout: float = UNTIL_TIMEOUT) -> None:
    """Let the app run until ``condition()`` holds; fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, f"condition not met in {timeout:.0f} s: {pilot.app.screen}"
        await pilot.pause(0.02)


def editor(app: WizardApp) -> EditorScreen:
    """The open editor (under any dialog)."""
    screen = app.editor
    assert screen is not None, app.screen
    return screen


async def saved(pilot: Pilot) -> None:
    """Let the editors' saves finish and their outcomes reach the screen."""
    app = pilot.app
    assert isinstance(app, WizardApp)
    await pilot.pause()
    await app.workers.wait_for_complete()
    for screen in app.editors:
        assert await asyncio.to_thread(screen.session.wait)
    await pilot.pause()
    await pilot.pause()


def read_toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))
