"""A small host app for one step view of part 2, saving like the editor does.

The editor screen (part 1) owns the draft and saves it; these tests need only
one step, so the host does the same thing in the smallest way: it gives the view
the loaded draft, records every `StepView.Edited`, and saves through the one
storage path (`DraftFile.save`) when asked.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer

import wizard.tui
from wizard.model import Draft
from wizard.storage import DraftFile
from wizard.tui.steps.base import StepView

STYLESHEETS = [Path(wizard.tui.__file__).parent / "lists.tcss"]


class StepHost(App[None]):
    """Hosts one step view on one draft file."""

    CSS_PATH = STYLESHEETS  # type: ignore[assignment]

    def __init__(self, view_cls: type[StepView], path: Path) -> None:
        super().__init__()
        self.file = DraftFile.load(path)
        self.view_cls = view_cls
        self.edits: list[str] = []
        self.jumps: list[str] = []

    @property
    def draft(self) -> Draft:
        return self.file.draft

    def compose(self) -> ComposeResult:
        view = self.view_cls()
        view.show_draft(self.file.draft, read_only=False)
        yield view
        yield Footer()

    @property
    def view(self) -> StepView:
        return self.query_one(self.view_cls)

    def on_step_view_edited(self, event: StepView.Edited) -> None:
        self.edits.append(event.field)

    def on_step_view_jump_to(self, event: StepView.JumpTo) -> None:
        self.jumps.append(event.field)

    def save(self) -> None:
        self.file.save(self.file.draft)


def write_draft(path: Path, body: str = "") -> Path:
    path.write_text("format = 1\n" + body, encoding="utf-8")
    return path
