"""Labelled form controls that write straight into the draft.

Each control knows its field path (``meeting.date``) and converts between what
the person types and what the model holds: a date that is a real date becomes a
`datetime.date`, anything else stays the string typed, so that validation can
name it. A control only writes when the value really differs from the draft's:
filling the widgets from a draft must never change the file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from wizard.model import phone as phone_numbers
from wizard.model.draft import DateValue, format_date, parse_date
from wizard.model.validation import LABELS, REQUIRED_FIELDS, Issue, label_for
from wizard.tui.spelling import SpellInput, SpellTextArea

Kind = Literal["text", "date", "phone", "dnr", "email"]

MARKUP_HINT = (
    "Ny rad = nytt stycke · ”- ” punktlista · ”1. ” numrerad lista · *kursiv* · **fet**"
)

NOT_SPELLED = frozenset({"officer.name"})  # a person's name is not in any dictionary

COUNT_INTERVAL = 0.4  # seconds: how often the word count follows typing

PLACEHOLDERS: dict[Kind, str] = {
    "date": "ÅÅÅÅ-MM-DD",
    "phone": "08-508 12 345",
    "dnr": "t.ex. 171-482/2016",
    "email": "namn@stad.se",
    "text": "",
}


def field_id(path: str) -> str:
    """A widget id for a field path (ids cannot hold dots or brackets)."""
    return "f-" + path.replace(".", "-").replace("[", "-").replace("]", "")


def model_value(kind: Kind, text: str) -> Any:
    """What the draft holds for ``text`` typed into a field of ``kind``."""
    if kind == "date":
        if not text.strip():
            return None
        parsed = parse_date(text)
        return parsed if parsed is not None else text
    return text


def same_value(old: Any, new: Any) -> bool:
    """Equal and of the same type (a date is not its ISO string)."""
    return type(old) is type(new) and old == new


def shown_issues(issues: list[Issue], path: str) -> list[Issue]:
    """The issues to show under a field: everything but "X saknas" (the sidebar says that)."""
    return [
        issue
        for issue in issues
        if issue.field == path
        and not (path in REQUIRED_FIELDS and issue.message == f"{label_for(path)} saknas.")
    ]


class FormField(Vertical):
    """A label, a one-line input and the Swedish message about its value."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "accept_suggestion", "Använd förslaget"),
    ]

    DEFAULT_CSS = """
    FormField { height: auto; }
    """

    class Committed(Message):
        """The person changed the field's value (posted once per change)."""

        def __init__(self, form_field: FormField, value: Any) -> None:
            super().__init__()
            self.form_field = form_field
            self.value = value

        @property
        def control(self) -> FormField:
            return self.form_field

    class Left(Message):
        """The person left the field: time to validate it."""

        def __init__(self, form_field: FormField) -> None:
            super().__init__()
            self.form_field = form_field

        @property
        def control(self) -> FormField:
            return self.form_field

    def __init__(self, path: str, kind: Kind = "text") -> None:
        super().__init__(id=field_id(path), classes="form-field")
        self.path = path
        self.kind = kind
        self.suggestion: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(LABELS.get(self.path, self.path), classes="field-label")
            # select_on_focus off: typing into a field reached by Tab or after a dialog
            # must not replace what it holds.
            # Text fields are spell-checked, except names (see `NOT_SPELLED`).
            spelled = self.kind == "text" and self.path not in NOT_SPELLED
            input_cls = SpellInput if spelled else Input
            yield input_cls(placeholder=PLACEHOLDERS[self.kind], compact=True,
                            select_on_focus=False, classes="field-input")
        with Horizontal(classes="field-note"):
            yield Static("", classes="field-message")
            yield Button("", classes="field-suggestion", compact=True)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def load(self, value: DateValue, *, read_only: bool) -> None:
        """Show the draft's value without reporting a change."""
        text = format_date(value) if self.kind == "date" else str(value or "")
        self.input.value = text
        self.input.call_after_refresh(self._show_start)
        self.input.disabled = read_only
        self.show_issues([])

    def _show_start(self) -> None:
        """Show the start of a long value, not its end, until the person edits it.

        The focused field shows its end instead, with the cursor after the text.
        Focused before the first layout, the input scrolled to the cursor while it
        had no width yet: moving the cursor now scrolls it again.
        """
        if not self.input.has_focus:
            self.input.cursor_position = 0
        elif self.input.value:
            self.input.action_home()
            self.input.action_end()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Entering a field puts the cursor after its text, ready to go on writing."""
        if event.widget is self.input:
            self.input.cursor_position = len(self.input.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Committed(self, model_value(self.kind, event.value)))

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        self.post_message(self.Left(self))

    def show_issues(self, issues: list[Issue]) -> None:
        """Show the messages about this field's value, and a better phone number if any."""
        message = self.query_one(".field-message", Static)
        button = self.query_one(".field-suggestion", Button)
        mine = shown_issues(issues, self.path)
        message.update("\n".join(issue.message for issue in mine))
        if self.has_class("-has-message") != bool(mine):
            self.set_class(bool(mine), "-has-message")
        error = any(issue.is_error for issue in mine)
        if self.has_class("-error") != error:
            self.set_class(error, "-error")
        self.suggestion = None
        if self.kind == "phone" and mine:
            usual = phone_numbers.normalise(self.input.value)
            if usual and usual != self.input.value:
                self.suggestion = usual
        if self.suggestion is not None or button.display:
            button.label = f"Använd {self.suggestion} (Ctrl+T)" if self.suggestion else ""
            button.display = self.suggestion is not None
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept_suggestion":
            return self.suggestion is not None
        return True

    def action_accept_suggestion(self) -> None:
        """Replace the typed value with the suggested usual form."""
        if self.suggestion is not None:
            self.input.value = self.suggestion
            self.input.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_accept_suggestion()


class FormCheckbox(Checkbox):
    """A yes/no field of the draft (omedelbar justering)."""

    def __init__(self, path: str) -> None:
        super().__init__(LABELS.get(path, path), id=field_id(path), classes="form-checkbox")
        self.path = path


class TextField(Vertical):
    """A long text in markdown-lite: soft-wrapped, with a word count."""

    DEFAULT_CSS = """
    TextField { height: 1fr; min-height: 5; }
    TextField TextArea { height: 1fr; }
    """

    def __init__(self, path: str, title: str | None = None) -> None:
        super().__init__(id=field_id(path), classes="text-field")
        self.path = path
        self.title = title or LABELS.get(path, path)
        self._count_shown = ""
        self._count_due = False
        self._count_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="text-head"):
            yield Label(self.title, classes="field-label")
            yield Static("", classes="word-count")
        yield SpellTextArea(soft_wrap=True, tab_behavior="focus", classes="text-input")

    @property
    def text_area(self) -> TextArea:
        return self.query_one(TextArea)

    def load(self, text: str, *, read_only: bool) -> None:
        """Show the draft's text without reporting a change."""
        self.text_area.load_text(text)
        self.text_area.read_only = read_only
        self.update_count(text)

    def update_count(self, text: str) -> None:
        """Count the words of ``text`` now (on load; typing goes through `text_changed`)."""
        self._count_due = False
        words = len(text.split())
        shown = f"{words} ord" if words != 1 else "1 ord"
        count = self.query_one(".word-count", Static)
        if shown != self._count_shown:
            # A new layout only when the width changes: a reflow per keystroke costs more
            # than the keystroke itself.
            count.update(shown, layout=len(shown) != len(self._count_shown))
            self._count_shown = shown

    def text_changed(self) -> None:
        """The person typed: count the words at once, then at most every COUNT_INTERVAL.

        Counting splits the whole text (200 KB: ~0.5 ms plus a repaint); per
        keystroke that adds up, and nobody reads the count mid-word.
        """
        if self._count_timer is not None:
            self._count_due = True
            return
        self.update_count(self.text_area.text)
        self._count_timer = self.set_timer(COUNT_INTERVAL, self._count_later)

    def _count_later(self) -> None:
        self._count_timer = None
        if self._count_due:
            self.text_changed()


def today_or(value: dt.date | None) -> dt.date:
    """The injected "today" of the app, or the real one."""
    return value or dt.date.today()
