"""Messages the screens send the app, so that no screen imports the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.message import Message
from textual.screen import Screen


class OpenDraft(Message):
    """Open ``path`` in an editor (the start screen asks; the app opens it).

    ``step``: the step to open at (a new draft opens at step 1), else where it was left.
    """

    def __init__(self, path: Path, step: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.step = step


class DraftUneditable(Message):
    """The draft shown in ``screen`` cannot be edited without losing something (the
    session found out after the first frame); the app treats it as a draft that could
    not be opened. ``text`` says why, and where any typed text was kept."""

    def __init__(self, screen: Screen[Any], text: str) -> None:
        super().__init__()
        self.screen = screen
        self.text = text
