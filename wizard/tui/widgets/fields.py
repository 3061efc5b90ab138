"""Labelled form controls that write straight into the draft.

Each control knows its field path (``meeting.date``) and converts between what
the person types and what the model holds: a date that is a real date becomes a
`datetime.date`, anything else stays the string typed, so that validation can
name it. A control only writes when the value really differs from the draft's:
filling the widgets from a draft must never change the file.
"""

from __future__ import annotations

import datetime as dt
from time import monotonic
from typing import Any, ClassVar, Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from wizard.model.draft import DateValue, format_date, parse_date
from wizard.model.validation import (
    LABELS,
    REQUIRED_FIELDS,
    Issue,
    hint_for,
    label_for,
    usual_item,
)
from wizard.tui.spelling import SpellInput, SpellTextArea
from wizard.tui.widgets.text_area import WizardInput

Kind = Literal["text", "date", "phone", "dnr", "email", "item"]

REQUIRED_MARK = " *"
REQUIRED_LEGEND = "Fält märkta * behövs för ett färdigt dokument."

MARKUP_HINT = (
    "Ny rad = nytt stycke · ”- ” punktlista · ”1. ” numrerad lista · *kursiv* · **fet**"
)

COUNT_INTERVAL = 0.3  # seconds of pause in typing before the word count follows
NOT_SPELLED = frozenset({"officer.name"})  # a person's name is not in any dictionary

def field_label(path: str) -> str:
    """The label a form shows: the Swedish name, with ``*`` when the field is required.

    Every form of a draft field (step 1, the new-statement dialog) labels it so, and
    shows the model's hint (`hint_for`), so that the two cannot name a field apart.
    """
    return LABELS.get(path, path) + (REQUIRED_MARK if path in REQUIRED_FIELDS else "")


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


def shown_issues(issues: list[Issue], path: str, *, missing: bool = False) -> list[Issue]:
    """The issues to show under a field.

    "X saknas" only with ``missing`` (the person has just left the field empty):
    on a new draft every required field is empty, and the sidebar already says so.
    """
    return [
        issue
        for issue in issues
        if issue.field == path
        and (missing or not (path in REQUIRED_FIELDS
                             and issue.message == f"{label_for(path)} saknas."))
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
            yield Label(field_label(self.path), classes="field-label")
            # select_on_focus off: typing into a field reached by Tab or after a dialog
            # must not replace what it holds. Text fields are spell-checked, except
            # names (see `NOT_SPELLED`).
            spelled = self.kind == "text" and self.path not in NOT_SPELLED
            input_cls = SpellInput if spelled else WizardInput
            yield input_cls(placeholder=hint_for(self.path), compact=True,
                            select_on_focus=False, classes="field-input")
        # Stacked, not side by side: a message beside a long button was squeezed into a
        # column one or two words wide. Both take the input's whole width.
        with Vertical(classes="field-note"):
            yield Static("", classes="field-message", markup=False)
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

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Committed(self, model_value(self.kind, event.value)))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Bring the whole field into view, its message and suggestion too, not only the
        input (reached by Tab at 100×30, the phone's message was cut at the bottom)."""
        self.call_after_refresh(self.scroll_visible, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        """The suggestion's button shows once the field has focus: in view with it."""
        if self.has_focus_within:
            self.call_after_refresh(self.scroll_visible, animate=False)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        if self.kind == "item" and (usual := usual_item(self.input.value)) is not None:
            self.input.value = usual  # "12" is printed "p. 12": say it the way it will read
        # Left, a long value shows its start again (the title, not its last words);
        # not when the person is already back in the field (this message comes later).
        if not self.input.has_focus:
            self.input.cursor_position = 0
            self.input.scroll_to(x=0, animate=False, immediate=True)
        self.post_message(self.Left(self))

    def show_issues(self, issues: list[Issue], *, missing: bool = False) -> None:
        """Show the messages about this field's value, and the obvious fix if there is one.

        ``missing`` also says "X saknas" for an empty required field (when it was left).
        """
        message = self.query_one(".field-message", Static)
        button = self.query_one(".field-suggestion", Button)
        mine = shown_issues(issues, self.path, missing=missing)
        message.update("\n".join(issue.message for issue in mine))
        if self.has_class("-has-message") != bool(mine):
            self.set_class(bool(mine), "-has-message")
        error = any(issue.is_error for issue in mine)
        if self.has_class("-error") != error:
            self.set_class(error, "-error")
        self.suggestion = None
        for issue in mine:
            if issue.suggestion and issue.suggestion != self.input.value:
                self.suggestion = issue.suggestion
                break
        if self.suggestion is not None or button.display:
            button.label = f"Använd {self.suggestion} (Ctrl+T)" if self.suggestion else ""
            button.display = self.suggestion is not None
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept_suggestion":
            return self.suggestion is not None
        return True

    def action_accept_suggestion(self) -> None:
        """Replace the typed value with the suggested form (phone, e-mail, item)."""
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
        self._count_text: str | None = None  # the text to count once typing pauses
        self._count_timer: Timer | None = None
        self._last_key = 0.0

    def compose(self) -> ComposeResult:
        with Horizontal(classes="text-head"):
            yield Label(self.title, classes="field-label")
            yield Static("", classes="word-count")
        yield SpellTextArea(soft_wrap=True, tab_behavior="focus", classes="text-input")

    @property
    def text_area(self) -> TextArea:
        return self.query_one(TextArea)

    def on_resize(self, event: events.Resize) -> None:
        """Keep the cursor in view when the width changes (the text wraps anew).

        The first layout of a step, and a narrower terminal, re-wrap the text after
        the cursor was placed: without this the area showed the middle of the text,
        its cursor out of view.
        """
        area = self.text_area
        area.call_after_refresh(area.scroll_cursor_visible, animate=False)

    def load(self, text: str, *, read_only: bool) -> None:
        """Show the draft's text without reporting a change."""
        self.text_area.load_text(text)
        self.text_area.read_only = read_only
        self.update_count(text)

    def update_count(self, text: str) -> None:
        """Count the words of ``text`` now (on load; typing goes through `text_changed`)."""
        self._count_text = None
        words = len(text.split())
        shown = f"{words} ord" if words != 1 else "1 ord"
        count = self.query_one(".word-count", Static)
        if shown != self._count_shown:
            # A new layout only when the width changes: a reflow per keystroke costs more
            # than the keystroke itself.
            count.update(shown, layout=len(shown) != len(self._count_shown))
            self._count_shown = shown

    def text_changed(self, text: str) -> None:
        """The person typed ``text`` (read once by the caller): count it after a pause.

        Counting splits the whole text (200 KB: ~1 ms plus a repaint); per
        keystroke that adds up, and nobody reads the count mid-word. One timer
        per pause: when it fires early it waits for the rest of the pause.
        """
        self._count_text = text
        self._last_key = monotonic()
        if self._count_timer is None:
            self._count_timer = self.set_timer(COUNT_INTERVAL, self._count_later)

    def _count_later(self) -> None:
        self._count_timer = None
        remaining = self._last_key + COUNT_INTERVAL - monotonic()
        if remaining > 0.005:
            self._count_timer = self.set_timer(remaining, self._count_later)
        elif self._count_text is not None:
            self.update_count(self._count_text)


def today_or(value: dt.date | None) -> dt.date:
    """The injected "today" of the app, or the real one."""
    return value or dt.date.today()
