"""The footer: the most important keys first, only as many as fit, never one over another.

Textual's footer lays every key in one row and docks the command-palette key
on the right, over whatever the row holds there: at 100 columns it cut
"f4 Spara som" and left pieces of the keys under it ("Kommandonä") when the
row changed. This footer orders the keys, measures them and shows those that
fit, in one row when all fit in one and in two otherwise.

The order, for a person who lives in the wizard: help, saving, quitting and
moving between steps come first, in the same place on every step, so the eye
learns where they are; then what can be done here (the step's keys, then the
focused list's or field's); then what is seldom needed (Spara som, Läs om, the
command palette). When the keys do not fit as written, paired keys share one
description ("^n ^f Nästa/förra steg", "⇧↑ ⇧↓ Flytta upp/ner") and Shift is
drawn ⇧: at 80×24 every key of every step then fits in the two rows. A key
that still does not fit is the least important one, and it is in the help
screen (F1) and the command palette (Ctrl+P).

The screen announces its bindings again on every focus change and title
update; the footer is rebuilt (a dozen widgets mounted and styled) only when
the keys it would show differ from those it shows. Opening a 200 KB draft
rebuilt it five times after the first frame, and a focus change between two
fields with the same keys rebuilt it once each time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
# A read-only window's "Spara som…" takes the place of "Spara", which it hides.
_FIRST_ORDER: tuple[str, ...] = (
    "help", "save", "save_copy", "quit", "next_step", "previous_step", "pick_step",
)
# Keys shown side by side under one description when the footer is short of room
# (the help screen lists each with its own).
PAIRS: dict[str, tuple[str, str]] = {
    "next_step": ("previous_step", "Nästa/förra steg"),
    "move_up": ("move_down", "Flytta upp/ner"),
}
MAX_ROWS = 2
# From this width every step's keys fit in one row (measured; a test holds it).
# Before the keys are known (the first frame) the footer holds two rows below it,
# as every step then takes; from 120 to 159 columns a step whose keys fit in one
# row gives its text the freed row once the keys come.
ONE_ROW_WIDTH = 160
KEY_GAP = 1  # FooterKey's right margin in the compact footer

Item = tuple[Binding, bool, str]  # a binding, whether it is enabled, its tooltip
# A key as it is drawn: key, its display, description, action, enabled, tooltip.
DrawnKey = tuple[str, str, str, str, bool, str]


@dataclass(frozen=True)
class Entry:
    """One place in the footer: a key and its description, or a pair sharing one."""

    items: tuple[Item, ...]
    description: str


def _action_name(action: str) -> str:
    """``app.help`` → ``help``: the action without its namespace."""
    return action.rpartition(".")[2]


def key_width(key_display: str, description: str) -> int:
    """Columns a compact FooterKey takes, its margin included."""
    return cell_len(key_display) + (1 + cell_len(description) if description else 0) + KEY_GAP


class FooterRow(HorizontalGroup):
    """One row of keys."""


class WizardFooter(Footer):
    """Keys by importance, as many as fit in the footer's width, in one row or two."""

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
        self._shown_keys: list[list[DrawnKey]] | None = None
        self._rebuild_due = False
        self.left_out: list[str] = []  # the actions that did not fit (in help and palette)

    def ordered(self) -> list[Item]:
        """The screen's shown bindings, one per action, most important first.

        First the keys everyone needs everywhere (`FIRST_ACTIONS`); then the
        step's own keys (the phrase library, "Skapa dokument"); then those of the
        focused widget and its containers (a list's "Ny", "Redigera"); then the
        rest of the screen's and the app's; the command palette last.
        """
        from wizard.tui.steps.base import StepView

        active = self.screen.active_bindings
        ranked: dict[str, tuple[int, int, Item]] = {}
        for position, (namespace, binding, enabled, tooltip) in enumerate(active.values()):
            if not binding.show or binding.action in ranked:
                continue
            name = _action_name(binding.action)
            if name in _FIRST_ORDER:
                rank, position = 0, _FIRST_ORDER.index(name)
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

    def entries(self, *, paired: bool) -> list[Entry]:
        """The ordered keys as footer entries; ``paired`` joins the keys of `PAIRS`."""
        items = self.ordered()
        by_name = {_action_name(item[0].action): item for item in items}
        taken: set[str] = set()  # the actions already in an entry
        out: list[Entry] = []
        for item in items:
            name = _action_name(item[0].action)
            if name in taken:
                continue
            taken.add(name)
            partner = PAIRS.get(name)
            if paired and partner is not None and partner[0] in by_name \
                    and partner[0] not in taken:
                taken.add(partner[0])
                out.append(Entry((item, by_name[partner[0]]), partner[1]))
            else:
                out.append(Entry((item,), item[0].description))
        return out

    def key_display(self, binding: Binding, *, short: bool) -> str:
        """How a key is written; ``short`` draws Shift as ⇧ (``⇧↑`` for ``shift+↑``)."""
        shown = self.app.get_key_display(binding)
        return shown.replace("shift+", "⇧") if short else shown

    def entry_width(self, entry: Entry, *, short: bool) -> int:
        keys = [self.key_display(item[0], short=short) for item in entry.items]
        return sum(key_width(key, "") for key in keys[:-1]) + key_width(keys[-1],
                                                                         entry.description)

    def _fill(self, entries: list[Entry], width: int, rows: int,
              *, short: bool) -> tuple[list[list[Entry]], list[Entry]]:
        """The entries row by row in order, and those left out (the least important)."""
        laid: list[list[Entry]] = []
        pending = entries
        for _ in range(rows):
            row: list[Entry] = []
            used = 0
            for index, entry in enumerate(pending):
                size = self.entry_width(entry, short=short)
                # A pair written out ("shift+↑ Flytta upp", "shift+↓ Flytta ner") stays
                # on one row: the second is only read as the first's partner.
                needed = size
                partner = PAIRS.get(_action_name(entry.items[0][0].action))
                following = pending[index + 1] if index + 1 < len(pending) else None
                if (partner is not None and following is not None
                        and _action_name(following.items[0][0].action) == partner[0]):
                    needed += self.entry_width(following, short=short)
                if used + (needed if row else size) > width + KEY_GAP:
                    pending = pending[index:]
                    break
                row.append(entry)
                used += size
            else:
                pending = []
            if row:
                laid.append(row)
            if not pending:
                break
        return laid, pending

    def layout_for(self, width: int) -> tuple[list[list[Entry]], list[Entry], bool]:
        """The rows for ``width``, what is left out, and whether the short forms are used.

        The fewest rows first, then the keys as written before the short forms;
        when nothing fits whole, the short forms in two rows, cutting from the end.
        """
        attempts = [(1, False), (1, True), (MAX_ROWS, False), (MAX_ROWS, True)]
        for rows, short in attempts:
            laid, left = self._fill(self.entries(paired=short), width, rows, short=short)
            if not left:
                return laid, left, short
        return laid, left, True

    def _rows(self, width: int) -> Iterator[tuple[list[Entry], bool]]:
        laid, left, short = self.layout_for(width)
        self.left_out = [_action_name(item[0].action) for entry in left for item in entry.items]
        for row in laid:
            yield row, short

    def _drawn(self, width: int) -> list[list[DrawnKey]]:
        """The keys as they are drawn at ``width``, row by row (compared before a rebuild)."""
        drawn: list[list[DrawnKey]] = []
        for row, short in self._rows(width):
            keys: list[DrawnKey] = []
            for entry in row:
                last = len(entry.items) - 1
                for index, (binding, enabled, tooltip) in enumerate(entry.items):
                    keys.append((binding.key, self.key_display(binding, short=short),
                                 entry.description if index == last else "",
                                 binding.action, enabled,
                                 tooltip or binding.tooltip or binding.description))
            drawn.append(keys)
        return drawn

    def compose(self) -> ComposeResult:
        width = self.size.width or self.app.size.width
        if not self._bindings_ready:
            # Empty rows, as many as the keys will take: the text above then keeps
            # its height when the keys come (a 200 KB text area rewrapped otherwise).
            for _ in range(1 if width >= ONE_ROW_WIDTH else MAX_ROWS):
                yield FooterRow()
            return
        self._laid_out_for = width
        self.shown = []
        self._shown_keys = self._drawn(width)
        for row in self._shown_keys:
            with FooterRow():
                for key, display, description, action, enabled, tooltip in row:
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
        keys = self._drawn(width)
        if width != self._laid_out_for or keys != self._shown_keys:
            await self.recompose()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
