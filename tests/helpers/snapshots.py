"""Settling a Textual app before a snapshot, shared by the snapshot tests.

A picture is only the same on every run when it is taken once everything on screen
has been laid out and painted. Pilot's own pause waits only for the top screen; a
screen below a dialog (drawn dimmed through it) is laid out on its own timer, and a
dialog over a dialog keeps the lower layers' lines cached from the moment it first drew
them. So `settle` waits for every screen on the stack, then has each one painted again,
lowest first.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from wizard.tui.app import WizardApp

TODAY = dt.date(2016, 9, 1)
SETTLE_TIMEOUT = 30.0  # seconds; only a hung app takes this long


def snapshot_app(path: Path | None, step: str | None = None, *, drafts: Path | None = None,
                 today: dt.date = TODAY) -> WizardApp:
    """The app as the snapshots show it: a fixed day, and no autosave during the test."""
    return WizardApp(path, step, drafts_dir=drafts if drafts is not None else
                     (path.parent if path is not None else None),
                     autosave_delay=600, today=today)


def start_screen_drafts(example: Path, *, recovered: bool = False) -> Path:
    """``drafts/`` in the current folder as the start-screen snapshots list it.

    nytt.toml (Budget för 2017, Kulturnämnden) newest, then the example (and, with
    ``recovered``, a recovery copy of it between the two); file times fixed.
    """
    folder = Path("drafts")
    folder.mkdir()
    files = {"exempel.toml": 1_000_000, "nytt.toml": 2_000_000}
    shutil.copyfile(example, folder / "exempel.toml")
    if recovered:
        shutil.copyfile(example, folder / "exempel.recovered.toml")
        files["exempel.recovered.toml"] = 1_500_000
    (folder / "nytt.toml").write_text(
        'format = 1\n[referral]\ntitle = "Budget för 2017"\n'
        '[meeting]\ncommittee = "Kulturnämnden"\n',
        encoding="utf-8",
    )
    for name, seconds in files.items():
        os.utime(folder / name, (seconds, seconds))
    return folder


async def _drain(app: App, screens: list[Screen]) -> None:
    """Return once the app and every node of ``screens`` has handled what it was sent."""
    nodes = [app, *(node for screen in screens for node in screen.walk_children(with_self=True))]
    handled: list[asyncio.Event] = []
    for node in nodes:
        event = asyncio.Event()
        if node.call_later(event.set):  # False: the node has stopped and needs no wait
            handled.append(event)
    await asyncio.gather(*(event.wait() for event in handled))


def _unsettled(screens: list[Screen]) -> list[str]:
    """What is still to be done on ``screens`` before they look as they will stay."""
    pending: list[str] = []
    for screen in screens:
        if screen._layout_required or screen._scroll_required or screen._recompose_required:
            pending.append(f"{screen!r}: layout")
        if screen._callbacks:
            pending.append(f"{screen!r}: callbacks after refresh")
        placed = screen._compositor
        for widget in screen.walk_children(Widget):
            if widget._recompose_required or widget._layout_required:
                pending.append(f"{widget!r}: layout")
            elif widget.display and _shown(widget) and widget not in placed:
                pending.append(f"{widget!r}: not placed")
    return pending


def _shown(widget: Widget) -> bool:
    """Whether the widget and its ancestors are displayed (so it must be placed)."""
    return all(getattr(node, "display", True) for node in widget.ancestors)


async def wait_until(pilot: Pilot, condition: Callable[[], object], what: str,
                     timeout: float = SETTLE_TIMEOUT) -> None:
    """Pause until ``condition()`` is true; fail naming ``what`` after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}")
        await pilot.pause(0.02)


async def _until_steady(pilot: Pilot) -> None:
    """Pause until every screen on the stack is laid out and idle on two checks in a row."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SETTLE_TIMEOUT
    steady_checks = 0
    while steady_checks < 2:
        await app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
        screens = [*app._background_screens, app.screen]
        await _drain(app, screens)
        for screen in screens:
            screen._on_timer_update()  # what the screen's own update timer would do next
        await pilot.pause(0)
        pending = _unsettled([*app._background_screens, app.screen])
        steady_checks = 0 if pending else steady_checks + 1
        if loop.time() > deadline:
            raise TimeoutError(f"the screen did not settle: {pending[:5]}")


async def settle(pilot: Pilot) -> None:
    """Wait until every screen on the stack is laid out and idle, then paint them afresh.

    Workers are awaited; once the screens are steady, cursors stop blinking (so a focused
    field always shows its cursor) and every screen is painted again, lowest first, so
    that a dialog shows the screens below as they are now.
    """
    app = pilot.app
    await _until_steady(pilot)
    for screen in app.screen_stack:
        for widget in screen.query("*"):
            if isinstance(widget, (Input, TextArea)):
                widget.cursor_blink = False
                # Drop lines drawn before the focus came: TextArea caches a line without
                # its cursor under the same key once blinking is off.
                widget.notify_style_update()
                widget.refresh()
    await _until_steady(pilot)
    for screen in [*app._background_screens, app.screen]:
        screen._set_dirty()  # its cached lines may show a lower screen as it was
        screen.refresh()
    await pilot.pause()
