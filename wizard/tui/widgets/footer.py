"""The footer: the most important keys first, only as many as fit, never one over another.

Textual's footer lays every key in one row and docks the command-palette key
on the right, over whatever the row holds there: at 100 columns it cut
"f4 Spara som" and left pieces of the keys under it ("Kommandonä") when the
row changed. This footer orders the keys (moving between steps and saving
first, then the step's and the focused widget's keys, then the rest), measures
them and shows those that fit, in one row, or in two below 120 columns (at
100 a list step's keys did not fit in one); every key it
leaves out is in the help screen (F1) and the command palette (Ctrl+P).

The screen announces its bindings again on every focus change and title
update; the footer is rebuilt (a dozen widgets mounted and styled) only when
the keys it would show differ from those it shows. Opening a 200 KB draft
rebuilt it five times after the first frame, and a focus change between two
fields with the same keys rebuilt it once each time.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# The keys a person needs everywhere in a draft, in the order they are shown.
FIRST_ACTIONS: tuple[str, ...] = (
    "help", "save", "quit", "next_step", "previous_step", "pick_step",
)
NARROW = 120  # below this many columns the footer may take two rows
KEY_GAP = 1  # FooterKey's right margin in the compact footer


def _action_name(action: str) -> str:
    """``app.help`` → ``help``: the action without its namespace."""
    return action.rpartition(".")[2]


def key_width(key_display: str, description: str) -> int:
    """Columns a compact FooterKey takes, its margin included."""
    return cell_len(key_display) + (1 + cell_len(description) if description else 0) + KEY_GAP


class FooterRow(HorizontalGroup):
    """One row of keys."""


class WizardFooter(Footer):
    """Keys by importance, as many as fit in the footer's width (two rows below 120)."""

    DEFAULT_CSS = """
    WizardFooter {
        layout: vertical;
        height: auto;
        max-height: 2;
        overflow: hidden hidden;
    }
    WizardFooter FooterRow { height: 1; width: 100%; overflow: hidden hidden; }
    """

    def __init__(self, *, compact: bool = True, id: str | None = None) -> None:
        super().__init__(compact=compact, id=id)
        self._laid_out_for = 0
        self.shown: list[str] = []  # the actions shown, in order (for tests and help)
        self._shown_keys: list[list[tuple[str, str, str, str, bool, str]]] | None = None
        self._rebuild_due = False

    def ordered(self) -> list[tuple[Binding, bool, str]]:
        """The screen's shown bindings, one per action, most important first.

        First the keys of `FIRST_ACTIONS`; then the step's own keys (the phrase
        library, "Skapa dokument"); then those of the focused widget and its
        containers (a list's "Ny", "Redigera"); then the rest of the screen's and
        the app's; the command palette last.
        """
        from wizard.tui.steps.base import StepView

        active = self.screen.active_bindings
        ranked: dict[str, tuple[int, int, tuple[Binding, bool, str]]] = {}
        for position, (namespace, binding, enabled, tooltip) in enumerate(active.values()):
            if not binding.show or binding.action in ranked:
                continue
            name = _action_name(binding.action)
            if name in FIRST_ACTIONS:
                rank, position = 0, FIRST_ACTIONS.index(name)
            elif isinstance(namespace, StepView):
                rank = 1
            elif namespace is self.screen or namespace is self.app:
                rank = 3
            else:
                rank = 2
            ranked[binding.action] = (rank, position, (binding, enabled, tooltip))
        ordered = [item for _rank, _position, item in sorted(ranked.values(),
                                                             key=lambda entry: entry[:2])]
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if (palette is not None and self.app.ENABLE_COMMAND_PALETTE
                and self.show_command_palette and palette.binding.action not in ranked):
            ordered.append((palette.binding, palette.enabled, palette.tooltip))
        return ordered

    def _rows(self, width: int) -> Iterator[list[tuple[Binding, bool, str]]]:
        """The keys that fit, row by row, in order (a key that does not fit is left out)."""
        rows = 2 if width < NARROW else 1
        pending = self.ordered()
        for _ in range(rows):
            row: list[tuple[Binding, bool, str]] = []
            used = 0
            left: list[tuple[Binding, bool, str]] = []
            for item in pending:
                size = key_width(self.app.get_key_display(item[0]), item[0].description)
                if used + size <= width + KEY_GAP and not left:
                    row.append(item)
                    used += size
                else:
                    left.append(item)
            if row:
                yield row
            pending = left
            if not pending:
                return

    def _key(self, item: tuple[Binding, bool, str]) -> tuple[str, str, str, str, bool, str]:
        """A key as it is drawn: key, its display, description, action, enabled, tooltip."""
        binding, enabled, tooltip = item
        return (binding.key, self.app.get_key_display(binding), binding.description,
                binding.action, enabled, tooltip or binding.tooltip or binding.description)

    def compose(self) -> ComposeResult:
        width = self.size.width or self.app.size.width
        if not self._bindings_ready:
            # Empty rows, as many as the keys known now take: the text above then keeps
            # its height when the keys come (a 200 KB text area rewrapped otherwise).
            for _ in self._rows(width):
                yield FooterRow()
            return
        self._laid_out_for = width
        self.shown = []
        self._shown_keys = []
        for row in self._rows(width):
            self._shown_keys.append([self._key(item) for item in row])
            with FooterRow():
                for item in row:
                    key, display, description, action, enabled, tooltip = self._key(item)
                    self.shown.append(_action_name(action))
                    yield FooterKey(key, display, description, action,
                                    disabled=not enabled, tooltip=tooltip,
                                    ).data_bind(compact=Footer.compact)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """The screen's keys may have changed: rebuild once, after the refresh, if they did."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_due = False
        width = self.size.width or self.app.size.width
        keys = [[self._key(item) for item in row] for row in self._rows(width)]
        if width != self._laid_out_for or keys != self._shown_keys:
            await self.recompose()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
