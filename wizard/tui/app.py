"""The Textual app and `make_app`, the one factory the command line and tests share."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.widgets import ContentSwitcher, Footer, Header

from wizard.model.steps import STEP_IDS
from wizard.paths import drafts_dir as default_drafts_dir
from wizard.storage import DraftFile
from wizard.tui.steps import STEP_VIEWS


class WizardApp(App[int]):
    """The wizard: a start screen of drafts, and an editor screen per draft."""

    CSS_PATH: ClassVar[list[str | Path]] = ["wizard.tcss", "lists.tcss"]  # type: ignore[misc]
    TITLE = "wizard"

    def __init__(self, path: Path | None = None, step: str | None = None, *,
                 drafts_dir: Path | None = None) -> None:
        super().__init__()
        self.path = path
        self.start_step = step
        self.drafts_dir = drafts_dir or default_drafts_dir()

    def compose(self):  # type: ignore[no-untyped-def]
        yield Header()
        draft = DraftFile.load(self.path).draft if self.path else None
        with ContentSwitcher(initial=f"step-{self.start_step or STEP_IDS[0]}"):
            for view_cls in STEP_VIEWS.values():
                view = view_cls()
                if draft is not None:
                    view.show_draft(draft, read_only=False)
                yield view
        yield Footer()


def make_app(path: Path | None = None, step: str | None = None, *,
             drafts_dir: Path | None = None) -> WizardApp:
    """Build the app for ``path`` (None: the start screen), opening at ``step``."""
    return WizardApp(path, step, drafts_dir=drafts_dir)
