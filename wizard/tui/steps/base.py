"""The contract between the editor screen and the step views.

The editor owns one `Draft` and hands it to every view with `show_draft`. A view
writes each edit straight into that draft and posts `StepView.Edited`; the
editor then schedules an autosave and refreshes the sidebar. Views never save
or touch files themselves, so saving stays in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual.binding import BindingType
from textual.message import Message
from textual.widget import Widget

from wizard.model import Draft

# A palette command a view offers: (title, help text, callback).
Command = tuple[str, str, Callable[[], object]]


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

    class Edited(Message):
        """The view wrote a change into the draft (``field`` is its path)."""

        def __init__(self, field: str) -> None:
            super().__init__()
            self.field = field

    class JumpTo(Message):
        """The view asks the editor to show the step of ``field`` and focus it.

        ``line`` (1-based) puts a text area's cursor on that line of the field.
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

    def refresh_from_draft(self) -> None:
        """Called when the step becomes visible (not on every keystroke)."""

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
