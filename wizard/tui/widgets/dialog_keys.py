"""The last line of a dialog: its keys, so that how to close it is always in sight.

A dialog has no footer of its own (the one below it belongs to the screen
underneath), so each dialog ends with this line, built from the dialog's own
bindings ("Esc Avbryt") after the keys its widgets handle ("Enter Välj").
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

# Keys as they are printed on a keyboard, for a line a person reads.
_NAMES = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Mellanslag",
          "delete": "Delete", "up": "↑", "down": "↓"}
_MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt"}


def key_name(key: str) -> str:
    """``escape`` → ``Esc``, ``ctrl+s`` → ``Ctrl+S``, ``f6`` → ``F6``, ``j`` → ``J``."""
    *modifiers, name = key.split("+")
    name = _NAMES.get(name, name.upper() if len(name) <= 3 else name.capitalize())
    return "+".join([*(_MODIFIERS.get(m, m.capitalize()) for m in modifiers), name])


class DialogKeys(Static):
    """``Enter Välj  Esc Avbryt``: the keys of the dialog it ends."""

    DEFAULT_CSS = """
    DialogKeys { height: auto; margin-top: 1; color: $text-muted; dock: bottom; }
    """

    def __init__(self, *before: tuple[str, str]) -> None:
        """``before``: (key, what it does) handled by the dialog's widgets, shown first."""
        super().__init__("", classes="dialog-keys")
        self.before = before

    def keys(self) -> list[tuple[str, str]]:
        """(key, what it does) in order: the widgets' keys, then the dialog's bindings."""
        shown = list(self.before)
        for binding in type(self.screen).BINDINGS:
            if isinstance(binding, Binding) and binding.show and binding.description:
                shown.append((key_name(binding.key.split(",")[0].strip()),
                              binding.description))
        return shown

    def on_mount(self) -> None:
        parts = [Content.assemble((key, "bold $text-accent"), f" {text}")
                 for key, text in self.keys()]
        self.update(Content("  ").join(parts))
