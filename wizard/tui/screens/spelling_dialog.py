"""F8's dialog: corrections of a misspelt word, "lägg till" and "ignorera".

Its own module, imported when F8 is first pressed, not with the spell-marked
text widgets (`wizard.tui.spelling`) that every draft's first frame shows.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from wizard.model.text import visible
from wizard.tui.spelling import ADD, IGNORE, spelling_service
from wizard.tui.widgets.dialog_keys import DialogKeys

CONTEXT_ROOM = 32  # characters of the text shown on each side of the word


def word_in_context(text: str, start: int, end: int, room: int = CONTEXT_ROOM) -> Text:
    """The word with a little of the text around it, on one line, the word underlined.

    The dialog covers the field, so the person would otherwise choose a
    correction without the sentence in sight. Cut at a space where possible.
    """
    before_raw, after_raw = text[max(0, start - room):start], text[end:end + room]
    before = " ".join(before_raw.split()) + (" " if before_raw[-1:].isspace() else "")
    after = (" " if after_raw[:1].isspace() else "") + " ".join(after_raw.split())
    if start > room and " " in before.strip():
        before = "…" + before[before.index(" ") + 1:]
    elif start > room:
        before = "…" + before
    if end + room < len(text) and " " in after.strip():
        after = after[:after.rindex(" ")] + "…"
    elif end + room < len(text):
        after += "…"
    context = Text(visible(before, one_line=True), style="dim")
    context.append(visible(text[start:end], one_line=True), style="bold underline")
    context.append(visible(after, one_line=True), style="dim")
    return context


class SpellDialog(ModalScreen[str | None]):
    """Corrections of one word, then "lägg till i min ordlista" and "ignorera i utkastet"."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Avbryt")]

    class Suggested(Message):
        def __init__(self, words: list[str]) -> None:
            super().__init__()
            self.words = words

    def __init__(self, word: str, context: Text | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.word = word
        self.context = context
        self.suggestions: list[str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog spelling"):
            yield Label(f"Stavning: ”{visible(self.word, limit=40, one_line=True)}”",
                        classes="dialog-title", markup=False)
            if self.context is not None:
                yield Static(self.context, id="spelling-context", classes="dialog-message")
            yield Static("Söker förslag …", id="spelling-note", classes="dialog-message")
            yield OptionList(id="spelling-choices")
            yield DialogKeys(("Enter", "Välj"))

    def on_mount(self) -> None:
        self._fill([])
        self.query_one(OptionList).focus()
        def reply(words: list[str]) -> None:
            self.post_message(self.Suggested(words))

        spelling_service().suggest(self.word, reply)

    def _fill(self, words: list[str]) -> None:
        choices = self.query_one(OptionList)
        choices.clear_options()
        options = [Option(visible(word, one_line=True), id=f"s-{n}")
                   for n, word in enumerate(words)]
        options += [Option("Lägg till i min ordlista", id=ADD),
                    Option("Ignorera i det här utkastet", id=IGNORE)]
        choices.add_options(options)
        choices.highlighted = 0

    @on(Suggested)
    def _suggested(self, event: Suggested) -> None:
        self.suggestions = event.words
        self._fill(event.words)
        note = self.query_one("#spelling-note", Static)
        note.update("Välj ett ord med Enter (Esc avbryter)." if event.words
                    else "Inga förslag. Lägg till ordet eller ignorera det (Esc avbryter).")

    @on(OptionList.OptionSelected, "#spelling-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id in (ADD, IGNORE):
            self.dismiss(option_id)
        elif self.suggestions is not None:
            self.dismiss(self.suggestions[int(option_id[2:])])

    def action_cancel(self) -> None:
        self.dismiss(None)
