"""The wizard's text area: Textual's, with the keys a long text needs.

Ctrl+Home and Ctrl+End go to the start and end of the whole text (Shift
selects on the way), as in every word processor; F7 selects the whole text
(Textual's own key, now shown in the footer and the help), in one-line
inputs too.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input, TextArea

SELECT_ALL = Binding("f7", "select_all", "Markera allt", show=True,
                     tooltip="Markera hela texten (F7)")


class WizardTextArea(TextArea):
    """A TextArea with Ctrl+Home / Ctrl+End and a visible select-all key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "text_start", "Början av texten", show=False),
        Binding("ctrl+end", "text_end", "Slutet av texten", show=False),
        Binding("ctrl+shift+home", "text_start(True)", "Markera till början", show=False),
        Binding("ctrl+shift+end", "text_end(True)", "Markera till slutet", show=False),
        SELECT_ALL,
    ]

    def action_text_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_text_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)


class WizardInput(Input):
    """A one-line input whose select-all key is F7, as in the text areas.

    Entering it puts the cursor after its text, ready to go on writing. That is
    done in the input's own focus handler, which runs before any key that
    follows: a parent's handler would run later, after a key typed at once had
    already gone in at the old cursor position.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f7", "select_all", "Markera allt", show=True,
                tooltip="Markera hela fältets text (F7)"),
    ]

    def on_focus(self, event: events.Focus) -> None:
        self.cursor_position = len(self.value)
