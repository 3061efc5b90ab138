"""The footer: the most important keys first, only as many as fit, never one over another.

Textual's footer lays every key in one row and docks the command-palette key
on the right, over whatever the row holds there: at 100 columns it cut
"f4 Spara som" and left pieces of the keys under it ("Kommandonä") when the
row changed. This footer orders the keys (moving between steps and saving
first, then the step's and the focused widget's keys, then the rest), measures
them and shows those that fit, in one row, or in two below 120 columns (at
100 a list step's keys did not fit in one); every key it
leaves out is in the help screen (F1) and the command palette (Ctrl+P).
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
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

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        self.shown = []
        for row in self._rows(width):
            with FooterRow():
                for binding, enabled, tooltip in row:
                    self.shown.append(_action_name(binding.action))
                    yield FooterKey(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        disabled=not enabled,
                        tooltip=tooltip or binding.tooltip or binding.description,
                    ).data_bind(compact=Footer.compact)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
