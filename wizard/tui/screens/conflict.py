"""The dialog for a real conflict: a key both the person and a hand edit changed."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from wizard.model.text import visible
from wizard.tui.widgets.dialog_keys import DialogKeys


class ConflictDialog(ModalScreen[str]):
    """Each conflicting field with both values side by side; the person chooses.

    Dismissed with ``mine`` (keep what was typed, over the file), ``theirs``
    (read the file again), ``save_as`` or ``cancel``.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('cancel')", "Avbryt")]

    DEFAULT_CSS = """
    ConflictDialog .conflict-rows { height: auto; max-height: 16; }
    ConflictDialog .conflict-row { height: auto; margin-bottom: 1; }
    ConflictDialog .conflict-value { width: 1fr; height: auto; padding: 0 1; }
    ConflictDialog .conflict-head { width: 1fr; text-style: bold; padding: 0 1; }
    """

    def __init__(self, path: Path, rows: list[tuple[str, str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.path = path
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -error"):
            yield Label("Filen har ändrats på disken", classes="dialog-title")
            yield Static(
                f"{visible(str(self.path), limit=80, one_line=True)} ändrades utanför wizard "
                "i samma fält som du har ändrat. Övriga ändringar slås ihop när du väljer.",
                classes="dialog-message", markup=False)
            with Horizontal(classes="conflict-row"):
                yield Label("Det du skrivit", classes="conflict-head")
                yield Label("I filen", classes="conflict-head")
            with VerticalScroll(classes="conflict-rows"):
                for label, ours, theirs in self.rows:
                    yield Label(label, classes="section-title")
                    with Horizontal(classes="conflict-row"):
                        yield Static(ours, classes="conflict-value -ours", markup=False)
                        yield Static(theirs, classes="conflict-value -theirs", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Behåll mitt", id="mine", compact=True, variant="primary")
                yield Button("Ta filens", id="theirs", compact=True)
                yield Button("Spara som…", id="save_as", compact=True)
                yield Button("Avbryt", id="cancel", compact=True)
            yield DialogKeys(("Tab", "Byt knapp"), ("Enter", "Välj"))

    def on_mount(self) -> None:
        self.query_one("#mine", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
