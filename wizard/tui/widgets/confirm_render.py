"""The question before a draft with errors is made as a document marked UTKAST."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from wizard.tui.widgets.dialog_keys import DialogKeys


class ConfirmDraftRender(ModalScreen[bool]):
    """Answers True to make the document anyway (marked UTKAST), False to go back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "answer(True)", "Ja, skapa som UTKAST", show=True),
        Binding("escape,n", "answer(False)", "Avbryt", show=True),
    ]

    def __init__(self, error_count: int) -> None:
        super().__init__()
        self.error_count = error_count

    def compose(self) -> ComposeResult:
        errors = "ett fel" if self.error_count == 1 else f"{self.error_count} fel"
        with Vertical():
            yield Label(f"Utkastet har {errors}", classes="dialog-title")
            yield Static(
                "Dokumentet kan ändå skapas, men det märks UTKAST och det som saknas "
                "lämnas tomt. Rätta felen och skapa det igen när det ska skickas."
            )
            with Horizontal(id="confirm-buttons"):
                yield Button("Avbryt", id="confirm-no")
                yield Button("Skapa som UTKAST", id="confirm-yes", variant="warning")
            yield DialogKeys(("Tab", "Byt knapp"), ("Enter", "Välj"))

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
