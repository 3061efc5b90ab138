"""The contract between the editor screen and the step views.

The editor owns one `Draft` and hands it to every view with `show_draft`. A view
writes each edit straight into that draft and posts `StepView.Edited`; the
editor then schedules an autosave and refreshes the sidebar. Views never save
or touch files themselves, so saving stays in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import TextArea

from wizard.model import Draft

# A palette command a view offers: (title, help text, callback).
Command = tuple[str, str, Callable[[], object]]

STYLESHEETS = Path(__file__).resolve().parent.parent  # the app's .tcss files


def load_stylesheet(app: App[Any], name: str) -> None:
    """Add the stylesheet ``name`` (beside the app's) to ``app``, once.

    A step's own stylesheet is added when the step is first built, not at the
    start: a stylesheet is parsed and each rule weighed for every widget styled,
    and the list steps' rules (lists.tcss) cost a text step's first frame ~13 ms
    (1.7 % of the start's instructions). Its rules style only the widgets of the
    steps that load it, so nothing already shown needs restyling. (`add_source`,
    not `Stylesheet.read`: it also drops the stylesheet's cached map of rules by
    selector.)
    """
    path = STYLESHEETS / name
    if not app.stylesheet.has_source(str(path)):
        app.stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))


class StepView(Widget):
    """One step of the wizard: the form for some of the draft's fields."""

    DEFAULT_CSS = """
    StepView {
        width: 1fr;
        height: 1fr;
    }
    """

    step_id: ClassVar[str] = ""
    """The step's id in `wizard.model.steps.STEPS`."""

    HELP_WIDGETS: ClassVar[tuple[type[Widget], ...]] = ()
    """Widget classes whose BINDINGS the help screen (F1) lists under this step."""

    STYLESHEET: ClassVar[str | None] = None
    """The stylesheet this step's widgets need beyond the app's (`load_stylesheet`)."""

    class Edited(Message):
        """The view wrote a change into the draft (``field`` is its path)."""

        def __init__(self, field: str) -> None:
            super().__init__()
            self.field = field

    class JumpTo(Message):
        """The view asks the editor to show the step of ``field`` and focus it.

        ``line`` (0-based), when given, is the line of the field's text to put the
        cursor on (the review's preview knows which line wrote a paragraph).
        """

        def __init__(self, field: str, line: int | None = None) -> None:
            super().__init__()
            self.field = field
            self.line = line

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id or f"step-{self.step_id}", classes=classes)
        self.draft: Draft | None = None
        self.read_only = False

    def show_draft(self, draft: Draft, *, read_only: bool) -> None:
        """Fill the widgets from ``draft``; called on load and reload. Must not post Edited."""
        self.draft = draft
        self.read_only = read_only

    def focus_field(self, path: str) -> bool:
        """Focus the widget for the field ``path``; False when this view has none."""
        return False

    def focus_line(self, line: int) -> None:
        """Put the cursor at the start of ``line`` of the text area `focus_field` focused.

        Called after `focus_field`, whose focus takes effect on the next turn of the
        event loop: the cursor moves then too.
        """

        def move() -> None:
            focused = self.screen.focused
            if isinstance(focused, TextArea):
                row = min(max(line, 0), focused.document.line_count - 1)
                focused.move_cursor((row, 0), center=True)

        self.app.call_later(move)

    def refresh_from_draft(self) -> None:
        """Called when the step becomes visible (not on every keystroke)."""

    def check_all(self) -> None:
        """Show every field's message at once (step 1 does, after a draft is loaded)."""

    def commands(self) -> Iterable[Command]:
        """Palette commands this view offers while it is the current step."""
        return ()

    @classmethod
    def help_bindings(cls) -> list[BindingType]:
        """The bindings the help screen lists for this step."""
        bindings: list[BindingType] = list(cls.BINDINGS)
        for widget_cls in cls.HELP_WIDGETS:
            bindings.extend(widget_cls.BINDINGS)
        return bindings

    def edited(self, field: str) -> None:
        """Tell the editor that ``field`` changed (post `Edited`)."""
        self.post_message(self.Edited(field))
