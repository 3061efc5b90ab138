"""A wrapping text box for one sentence, such as a decision item."""

from __future__ import annotations

from textual import events
from textual.message import Message

from wizard.tui.spelling import SpellTextArea


class SentenceArea(SpellTextArea):
    """A wrapping text box for one paragraph: Enter leaves it instead of adding a line."""

    class Submitted(Message):
        """Enter was pressed: the sentence is done."""

        def __init__(self, area: SentenceArea) -> None:
            super().__init__()
            self.area = area

        @property
        def control(self) -> SentenceArea:
            return self.area

    # Textual calls the handlers of every class in the MRO until one prevents the
    # default, so these only take what they change and leave the rest to TextArea.

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        text = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        if self.read_only or not text:
            return
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)
