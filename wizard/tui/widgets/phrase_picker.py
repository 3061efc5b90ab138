"""A dialog to choose one of the phrase library's usual wordings."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from wizard.tui.widgets.dialog_keys import DialogKeys


class PhrasePicker(ModalScreen[int | None]):
    """Answers with the chosen phrase's position in ``phrases``, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Avbryt", show=True),
    ]

    def __init__(self, phrases: list[tuple[str, str]]) -> None:
        super().__init__()
        self.phrases = phrases

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Välj en formulering (Enter lägger in den)", classes="dialog-title")
            yield OptionList(
                *[
                    Option(Content.from_markup("[b]$title[/b]\n$text", title=title, text=text))
                    for title, text in self.phrases
                ],
                id="phrase-options",
            )
            yield DialogKeys(("↑↓", "Bläddra"), ("Enter", "Lägg in"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)
