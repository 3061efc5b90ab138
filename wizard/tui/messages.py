"""Messages the screens send the app, so that no screen imports the app."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class OpenDraft(Message):
    """Open ``path`` in an editor (the start screen asks; the app opens it)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
