"""Messages the screens send the app, so that no screen imports the app."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class OpenDraft(Message):
    """Open ``path`` in an editor (the start screen asks; the app opens it).

    ``step``: the step to open at (a new draft opens at step 1), else where it was left.
    """

    def __init__(self, path: Path, step: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.step = step
