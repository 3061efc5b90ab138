"""A list editor for the draft's records: inriktningar, decisions, signatures, bilagor.

The records are the draft's own list (``draft.decisions`` and so on), edited in
place: the list on the left shows one line per record, with a marker on those
that lack something, and the form on the right edits the highlighted record.
Every change is written into the record at once and announced with
`RecordList.Changed`, which the step view turns into `StepView.Edited`.

Keys live on the list (`RecordOptions.BINDINGS`, shown in the footer when the
list has focus); the small buttons do the same for the mouse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea

from wizard.tui.spelling import SpellInput, SpellTextArea
from wizard.tui.widgets.sentence_area import SentenceArea
from wizard.tui.widgets.text_area import WizardInput

PROMPT_DELAY = 0.3  # seconds after the last keystroke before the list line is redrawn


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record as the form shows it."""

    name: str
    label: str
    multiline: bool = False
    placeholder: str = ""
    sentence: bool = False
    """One paragraph shown wrapped (a decision item): Enter ends it, pasted line breaks
    become spaces."""


class RecordOptions(OptionList):
    """The list of records; its keys add, edit, delete and move them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,insert", "add", "Ny", show=True),
        Binding("e", "edit", "Redigera", show=True),
        Binding("delete,d", "delete", "Ta bort", show=True),
        Binding("shift+up,u", "move_up", "Flytta upp", show=True),
        Binding("shift+down,j", "move_down", "Flytta ner", show=True),
        Binding("ctrl+z", "undo_delete", "Ångra borttagning", show=False),
    ]

    async def _on_click(self, event: events.Click) -> None:
        """A click chooses a record; a double click (or Enter) edits it."""
        event.prevent_default()  # not OptionList's click, which would also select
        clicked = event.style.meta.get("option")
        if clicked is None:
            return
        self.focus()
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()

    @property
    def record_list(self) -> RecordList:
        """The editor this list belongs to."""
        return self.query_ancestor(RecordList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim the keys that cannot act now (read-only, nothing to move or undo)."""
        return True if self.record_list.can(action) else None

    def action_add(self) -> None:
        self.record_list.add()

    def action_edit(self) -> None:
        self.record_list.edit()

    def action_delete(self) -> None:
        self.record_list.delete()

    def action_move_up(self) -> None:
        self.record_list.move(-1)

    def action_move_down(self) -> None:
        self.record_list.move(+1)

    def action_undo_delete(self) -> None:
        self.record_list.undo_delete()


class ListButton(Button, can_focus=False):
    """A mouse shortcut for a list key; not in the Tab order, the key does the same."""


class RecordList(Widget):
    """Edit a list of records in place: add, edit, delete, reorder, with markers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "focus_list", "Till listan", show=True),
    ]

    class Changed(Message):
        """A record or the list changed; ``field`` is the path (``decisions[2].text``)."""

        def __init__(self, record_list: RecordList, field: str) -> None:
            super().__init__()
            self.record_list = record_list
            self.field = field

        @property
        def control(self) -> RecordList:
            return self.record_list

    def __init__(
        self,
        key: str,
        factory: Callable[[], Any],
        fields: Sequence[FieldSpec],
        *,
        title: str,
        describe: Callable[[Any, int], str],
        lacks: Callable[[Any], bool] | None = None,
        empty_hint: str = "Listan är tom. Tryck n för att lägga till.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id or f"records-{key}", classes=classes)
        self.key = key
        self.factory = factory
        self.fields = tuple(fields)
        self.title = title
        self.describe = describe
        self.lacks = lacks
        self.empty_hint = empty_hint
        self.records: list[Any] = []
        self.read_only = False
        self._deleted: tuple[int, Any] | None = None
        self._marker_style = Style(bold=True)
        self._prompt_due: set[int] = set()
        self._prompt_timer: Timer | None = None

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(classes="record-list-side"):
            yield Label(self.title, classes="record-list-title")
            yield RecordOptions(id=f"{self.key}-list", classes="record-options")
            with Horizontal(classes="record-list-buttons"):
                yield ListButton("+ Ny", id=f"{self.key}-add", compact=True)
                yield ListButton("Ta bort", id=f"{self.key}-delete", compact=True)
                yield ListButton("↑", id=f"{self.key}-up", compact=True)
                yield ListButton("↓", id=f"{self.key}-down", compact=True)
        with Vertical(classes="record-form"):
            for spec in self.fields:
                yield Label(spec.label, classes="record-field-label")
                if spec.sentence:
                    yield SentenceArea(
                        id=self.widget_id(spec.name), classes="record-field -sentence",
                        soft_wrap=True, placeholder=spec.placeholder,
                    )
                elif spec.multiline:
                    yield SpellTextArea(
                        id=self.widget_id(spec.name), classes="record-field", soft_wrap=True
                    )
                else:
                    # Names of people are not spell-checked: no dictionary holds them.
                    spelled = not (self.key == "signatures" and spec.name == "name")
                    yield (SpellInput if spelled else WizardInput)(
                        id=self.widget_id(spec.name),
                        classes="record-field",
                        placeholder=spec.placeholder,
                    )
            yield Static(self.empty_hint, classes="record-form-empty")

    def on_mount(self) -> None:
        self._rebuild(self.index)
        # The marker takes its colour from the theme: redraw the lines when it changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._rebuild(self.index))

    def widget_id(self, field: str) -> str:
        """The id of the form widget for ``field``."""
        return f"{self.key}-{field}"

    @property
    def options(self) -> RecordOptions:
        return self.query_one(RecordOptions)

    @property
    def index(self) -> int | None:
        """The highlighted record's position (0-based), None when the list is empty."""
        if not self.is_mounted or not self.records:
            return None
        return self.options.highlighted

    # ------------------------------------------------------------ model in

    def set_records(self, records: list[Any], *, read_only: bool) -> None:
        """Show the draft's list ``records`` (edited in place from now on)."""
        self.records = records
        self.read_only = read_only
        self._deleted = None
        if self.is_mounted:
            self._rebuild(0 if records else None)

    def prompt(self, record: Any, index: int) -> Table:
        """The list line of a record: a marker when it lacks something, then its text.

        A two-column grid, so that a long text wraps under itself (hanging indent)
        instead of under the marker.
        """
        text = self.describe(record, index + 1) or "(tom)"
        marker = Text(" ")
        if self.lacks is not None and self.lacks(record):
            marker = Text("●", style=self._marker_style)
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(marker, Text(text))
        return grid

    def _rebuild(self, highlight: int | None) -> None:
        colour = self.app.get_css_variables().get("text-warning", "")
        self._marker_style = Style.parse(colour) if colour else Style(bold=True)
        options = self.options
        options.clear_options()
        options.add_options([self.prompt(r, i) for i, r in enumerate(self.records)])
        if self.records:
            index = min(max(highlight or 0, 0), len(self.records) - 1)
            options.highlighted = index
        self._load_form()
        self.refresh_bindings()

    def _refresh_prompt(self, index: int) -> None:
        self.options.replace_option_prompt_at_index(index, self.prompt(self.records[index], index))

    def _load_form(self) -> None:
        """Fill the form from the highlighted record (no Changed: values equal the record)."""
        index = self.index
        record = self.records[index] if index is not None else None
        self.set_class(record is None, "-empty")
        for spec in self.fields:
            widget = self.query_one(f"#{self.widget_id(spec.name)}")
            value = getattr(record, spec.name) if record is not None else ""
            widget.disabled = record is None or self.read_only
            if isinstance(widget, TextArea):
                widget.read_only = self.read_only
                if widget.text != value:
                    widget.load_text(value)
            elif isinstance(widget, Input) and widget.value != value:
                widget.value = value
                widget.cursor_position = len(value)

    # ------------------------------------------------------------ actions

    def can(self, action: str) -> bool:
        """Whether a list action can act now."""
        if self.read_only:
            return False
        index = self.index
        if action == "add":
            return True
        if action in ("edit", "delete"):
            return index is not None
        if action == "move_up":
            return index is not None and index > 0
        if action == "move_down":
            return index is not None and index < len(self.records) - 1
        if action == "undo_delete":
            return self._deleted is not None
        return True

    def add(self, record: Any = None, *, edit: bool = True) -> None:
        """Add a record (an empty one by default) after the highlighted one; edit it."""
        if not self.can("add"):
            return
        index = self.index
        position = len(self.records) if index is None else index + 1
        self.records.insert(position, self.factory() if record is None else record)
        self._rebuild(position)
        self._changed(self.key)
        if edit:
            self.edit()

    def set_value(self, field: str, value: str) -> None:
        """Set a field of the highlighted record, as if typed into the form."""
        index = self.index
        if index is None or self.read_only:
            return
        setattr(self.records[index], field, value)
        self._refresh_prompt(index)
        self._load_form()
        self._changed(f"{self.key}[{index + 1}].{field}")

    def edit(self) -> None:
        """Move the focus to the highlighted record's first field."""
        if self.index is not None and self.fields:
            self.query_one(f"#{self.widget_id(self.fields[0].name)}").focus()

    def delete(self) -> None:
        """Remove the highlighted record (ctrl+z brings it back)."""
        index = self.index
        if not self.can("delete") or index is None:
            return
        record = self.records.pop(index)
        self._deleted = (index, record)
        self._rebuild(min(index, len(self.records) - 1))
        self._changed(self.key)
        text = self.describe(record, index + 1)
        if text:
            self.notify(f"Borttagen: {text[:60]}. Ångra med ctrl+z.", timeout=4)

    def undo_delete(self) -> None:
        """Put the last deleted record back where it was."""
        if self._deleted is None or self.read_only:
            return
        index, record = self._deleted
        self._deleted = None
        index = min(index, len(self.records))
        self.records.insert(index, record)
        self._rebuild(index)
        self._changed(self.key)

    def move(self, step: int) -> None:
        """Move the highlighted record one place up (-1) or down (+1)."""
        index = self.index
        if index is None or not self.can("move_up" if step < 0 else "move_down"):
            return
        target = index + step
        self.records[index], self.records[target] = self.records[target], self.records[index]
        self._rebuild(target)
        self._changed(self.key)

    def select(self, index: int) -> bool:
        """Highlight the record at ``index`` (0-based); False when there is none."""
        if not 0 <= index < len(self.records):
            return False
        self.options.highlighted = index
        self._load_form()
        return True

    def focus_field(self, path: str) -> bool:
        """Focus ``key`` (the list), ``key[N]`` (its record) or ``key[N].field``."""
        if path == self.key:
            self.options.focus()
            return True
        prefix = f"{self.key}["
        if not path.startswith(prefix):
            return False
        number, _, rest = path[len(prefix):].partition("]")
        if not number.isdigit() or not self.select(int(number) - 1):
            return False
        field = rest.lstrip(".")
        if not field:
            self.options.focus()
            return True
        if field not in {spec.name for spec in self.fields}:
            return False
        self.query_one(f"#{self.widget_id(field)}").focus()
        return True

    def action_focus_list(self) -> None:
        self.options.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_list":
            return self.options.has_focus is False
        return True

    # ------------------------------------------------------------ events

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._load_form()
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.edit()

    @on(Input.Changed, ".record-field")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._field_changed(event.input, event.value)

    @on(TextArea.Changed, ".record-field")
    def _text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._field_changed(event.text_area, event.text_area.text)

    @on(Input.Submitted, ".record-field")
    @on(SentenceArea.Submitted, ".record-field")
    def _input_submitted(self, event: Input.Submitted | SentenceArea.Submitted) -> None:
        """Enter in a field goes to the next field, or back to the list after the last."""
        event.stop()
        names = [spec.name for spec in self.fields]
        current = self._field_name(event.control)
        position = names.index(current) if current in names else len(names) - 1
        if position + 1 < len(names):
            self.query_one(f"#{self.widget_id(names[position + 1])}").focus()
        else:
            self.options.focus()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions: dict[str, Callable[[], None]] = {
            f"{self.key}-add": self.add,
            f"{self.key}-delete": self.delete,
            f"{self.key}-up": lambda: self.move(-1),
            f"{self.key}-down": lambda: self.move(+1),
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def _field_name(self, widget: Widget) -> str:
        return (widget.id or "").removeprefix(f"{self.key}-")

    def _field_changed(self, widget: Widget, value: str) -> None:
        index = self.index
        if index is None or self.read_only:
            return
        name = self._field_name(widget)
        record = self.records[index]
        if getattr(record, name) == value:
            return
        setattr(record, name, value)
        self._prompt_due.add(id(record))
        if self._prompt_timer is not None:
            self._prompt_timer.stop()
        # The list line follows once typing pauses: redrawing it re-measures every line.
        self._prompt_timer = self.set_timer(PROMPT_DELAY, self._refresh_typed_prompts)
        self._changed(f"{self.key}[{index + 1}].{name}")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving a field is a pause too: the list line shows what was typed at once,
        not up to PROMPT_DELAY after the person is back in the list."""
        if self._prompt_timer is not None:
            self._prompt_timer.stop()
            self._refresh_typed_prompts()

    def _refresh_typed_prompts(self) -> None:
        self._prompt_timer = None
        due, self._prompt_due = self._prompt_due, set()
        for index, record in enumerate(self.records):
            if id(record) in due:
                self._refresh_prompt(index)

    def _changed(self, field: str) -> None:
        self.post_message(self.Changed(self, field))
