"""A step view made of record lists: the shared part of steps 4, 6 and 7.

Each list edits one of the draft's record lists in place; this base hands the
lists to the widgets on `show_draft`, turns their `RecordList.Changed` into
`StepView.Edited`, routes `focus_field` to the right list and offers the list
actions as palette commands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual import on
from textual.widget import Widget

from wizard.model import Draft
from wizard.tui.steps.base import Command, StepView
from wizard.tui.widgets.record_list import RecordList, RecordOptions


class RecordStepView(StepView):
    """A step whose form is one or more `RecordList` widgets."""

    HELP_WIDGETS: ClassVar[tuple[type[Widget], ...]] = (RecordOptions, RecordList)
    STYLESHEET = "lists.tcss"

    NOUNS: ClassVar[dict[str, tuple[str, str]]] = {}
    """Record list key → Swedish noun, indefinite and definite ("inriktning", "inriktningen")."""

    def record_lists(self) -> list[RecordList]:
        return list(self.query(RecordList))

    def on_mount(self) -> None:
        self._fill()

    def show_draft(self, draft: Draft, *, read_only: bool) -> None:
        super().show_draft(draft, read_only=read_only)
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        if self.draft is None:
            return
        for record_list in self.record_lists():
            record_list.set_records(getattr(self.draft, record_list.key), read_only=self.read_only)

    def focus_field(self, path: str) -> bool:
        return any(record_list.focus_field(path) for record_list in self.record_lists())

    @on(RecordList.Changed)
    def _record_changed(self, event: RecordList.Changed) -> None:
        event.stop()
        self.edited(event.field)

    def commands(self) -> Iterable[Command]:
        for record_list in self.record_lists():
            noun, the_noun = self.NOUNS.get(record_list.key, ("post", "posten"))
            yield from self._list_commands(record_list, noun, the_noun)

    def _list_commands(
        self, record_list: RecordList, noun: str, the_noun: str
    ) -> Iterable[Command]:
        def run(action: str, step: int = 0) -> Callable[[], None]:
            def callback() -> None:
                record_list.options.focus()
                if action == "move":
                    record_list.move(step)
                else:
                    getattr(record_list, action)()

            return callback

        title = record_list.title
        yield (f"{title}: ny {noun}", f"Lägg till en {noun} efter den markerade", run("add"))
        yield (f"{title}: redigera {noun}", f"Skriv i den markerade {the_noun}", run("edit"))
        yield (f"{title}: ta bort {noun}", f"Ta bort den markerade {the_noun}", run("delete"))
        yield (f"{title}: flytta upp", f"Flytta den markerade {the_noun} ett steg upp",
               run("move", -1))
        yield (f"{title}: flytta ner", f"Flytta den markerade {the_noun} ett steg ner",
               run("move", 1))
        yield (f"{title}: ångra borttagning", "Lägg tillbaka det senast borttagna (Ctrl+Z)",
               run("undo_delete"))
