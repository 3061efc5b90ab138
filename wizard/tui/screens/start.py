"""Plain ``wizard``: the drafts in the drafts folder, newest first, and "Nytt utkast"."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from wizard.errors import WizardError
from wizard.storage.catalog import DraftSummary, list_drafts
from wizard.storage.presets import create_draft
from wizard.tui.messages import OpenDraft

NEW = "__new__"


class StartScreen(Screen[None]):
    """Choose a draft to open, or make a new one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_selected", "Öppna", show=True),
        Binding("ctrl+n", "new_draft", "Nytt utkast", priority=True),
        Binding("f5", "refresh_list", "Uppdatera", tooltip="Läs mappen med utkast igen"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.summaries: list[DraftSummary] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Label(f"Utkast i {self.folder}", id="start-title", classes="step-title")
        yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
        yield Static("Välj ett utkast med piltangenterna och tryck Enter, eller välj "
                     "”Nytt utkast” för att börja från remissmallen.", id="start-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Utkast"
        table = self.query_one(DataTable)
        # The title takes what the other columns leave, so "Klart" shows at 80 columns.
        table.add_column("Rubrik", key="title", width=max(20, self.app.size.width - 48))
        table.add_column("Nämnd", key="committee")
        table.add_column("Sammanträde", key="date")
        table.add_column("Klart", key="done")
        self.load()
        table.focus()

    def load(self) -> None:
        """Read the drafts folder again."""
        table = self.query_one(DataTable)
        table.clear()
        try:
            self.summaries = list_drafts(self.folder)
        except WizardError as error:
            self.summaries = []
            self.notify(str(error), severity="error")
        table.add_row("＋ Nytt utkast", "", "", "", key=NEW)
        for row in self.summaries:
            if not row.readable:
                table.add_row(f"{row.path.name}: kan inte läsas", row.error[:40], "", "",
                              key=str(row.path))
                continue
            title = row.title or f"(utan rubrik) {row.path.name}"
            table.add_row(title, row.committee, row.meeting_date,
                          f"{row.filled}/{row.required}", key=str(row.path))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(event.row_key.value)

    def action_open_selected(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self._open(key)

    def _open(self, key: str | None) -> None:
        if key == NEW:
            self.action_new_draft()
        elif key:
            self.post_message(OpenDraft(Path(key)))

    def action_new_draft(self) -> None:
        try:
            path = create_draft(self.folder)
        except WizardError as error:
            self.notify(str(error), title="Kunde inte skapa utkastet", severity="error")
            return
        self.load()
        self.notify(f"Nytt utkast: {path}", title="Skapat")
        self.post_message(OpenDraft(path))

    def action_refresh_list(self) -> None:
        self.load()
