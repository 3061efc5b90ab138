"""F1: every key of the wizard, grouped by where it works, built from the bindings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from wizard.model import STEPS

# Editing keys of Textual's text fields, in Swedish (they have no descriptions of ours).
EDITING_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "Nästa / föregående fält"),
    ("Ctrl+Z / Ctrl+Y", "Ångra / gör om (i textrutor)"),
    ("Ctrl+X / Ctrl+C / Ctrl+V", "Klipp ut / kopiera / klistra in"),
    ("Ctrl+A / Ctrl+E", "Början / slutet av raden"),
    ("Ctrl+Home / Ctrl+End", "Början / slutet av hela texten (i textrutor)"),
    ("F7", "Markera allt (hela fältet eller texten)"),
    ("Ctrl+K / Ctrl+U", "Radera till radens slut / början"),
    ("Ctrl+W", "Radera ordet före markören"),
    ("Enter (i textruta)", "Nytt stycke"),
    ("F8", "Stavning: förslag till det understrukna ordet, lägg till i min ordlista, ignorera"),
)


def _bindings(items: Iterable[BindingType]) -> list[Binding]:
    out = []
    for item in items:
        if isinstance(item, Binding):
            out.append(item)
        else:
            out.append(Binding(*item))
    return [binding for binding in out if binding.description]


class HelpScreen(ModalScreen[None]):
    """The keys, app-wide first and then step by step."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Stäng hjälpen"),
    ]

    def __init__(self, groups: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__(classes="dialog-screen")
        self.groups = groups
        self.rows: list[tuple[str, str, str]] = []  # (group, keys, description), as shown

    def key_name(self, binding: Binding) -> str:
        names = []
        for key in binding.key.split(","):
            shown = self.app.get_key_display(Binding(key.strip(), binding.action))
            names.append(shown)
        return " / ".join(dict.fromkeys(names))

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label("Tangenter (Esc eller F1 stänger)", classes="dialog-title")
            seen: set[tuple[str, str]] = set()  # a key listed once, where it first applies
            for title, items in self.groups:
                merged: dict[str, list[str]] = {}
                explained: dict[str, str] = {}
                for binding in _bindings(items):
                    name = self.key_name(binding)
                    if (name, binding.description) in seen:
                        continue
                    seen.add((name, binding.description))
                    merged.setdefault(binding.description, [])
                    if binding.tooltip:
                        explained[binding.description] = binding.tooltip
                    if name not in merged[binding.description]:
                        merged[binding.description].append(name)
                if not merged:
                    continue
                yield Label(title, classes="section-title")
                table = Table.grid(padding=(0, 2))
                table.add_column(width=22)
                table.add_column()
                for description, names in merged.items():
                    shown = explained.get(description, description)
                    table.add_row(" / ".join(names), shown)
                    self.rows.append((title, " / ".join(names), description))
                yield Static(table)
            yield Label("Redigera text", classes="section-title")
            table = Table.grid(padding=(0, 2))
            table.add_column(width=22)
            table.add_column()
            for keys, description in EDITING_KEYS:
                table.add_row(keys, description)
                self.rows.append(("Redigera text", keys, description))
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)


def help_groups(app_bindings: list[BindingType], editor_bindings: list[BindingType],
                start_bindings: list[BindingType]) -> list[tuple[str, list[BindingType]]]:
    """The help screen's groups: everywhere, the editor, the start screen, each step."""
    from wizard.tui.steps import STEP_VIEWS

    groups: list[tuple[str, list[BindingType]]] = [
        ("Överallt", app_bindings),
        ("I utkastet", editor_bindings),
        ("Startskärmen", start_bindings),
    ]
    for number, step in enumerate(STEPS, 1):
        view_cls = STEP_VIEWS.get(step.id)
        if view_cls is not None:
            groups.append((f"Steg {number}: {step.title}", view_cls.help_bindings()))
    return groups
