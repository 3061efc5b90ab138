"""Plain ``wizard``: the drafts in the drafts folder, newest first, and "Nytt utkast"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from wizard.errors import WizardError
from wizard.model.text import visible
from wizard.storage.catalog import DraftSummary, list_drafts
from wizard.storage.profile import Settings, load_settings

if TYPE_CHECKING:
    from wizard.tui.app import WizardApp

NEW = "__new__"
CELL_LIMIT = 200  # characters of a title or committee in a row (the column cuts it anyway)


def cell(text: str, limit: int = CELL_LIMIT) -> str:
    """A draft's text as a table cell: control characters drawn, one line, shortened."""
    return visible(text, limit=limit, one_line=True)


class StartScreen(Screen[None]):
    """Choose a draft to open, or make a new one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_selected", "Öppna", show=True),
        Binding("ctrl+n", "new_draft", "Nytt utkast", priority=True),
        Binding("f5", "refresh_list", "Uppdatera", tooltip="Läs mappen med utkast igen"),
        Binding("f6", "edit_profile", "Profil", tooltip="Ditt namn, telefon, e-post och "
                                                        "organisationsmapp"),
        Binding("ctrl+o", "import_statement", "Importera",
                tooltip="Gör ett nytt utkast av ett tjänsteutlåtande (.docx)"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.summaries: list[DraftSummary] = []
        self.settings: Settings = load_settings()

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Label(f"Utkast i {cell(str(self.folder))}", id="start-title", classes="step-title",
                    markup=False)
        yield Static(visible(self.settings.describe()), id="start-settings", markup=False)
        yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
        yield Static("Välj ett utkast med piltangenterna och tryck Enter, eller välj "
                     "”Nytt utkast” för att börja från en remiss. F6: din profil.", id="start-hint")
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
        for problem in self.settings.problems:
            self.notify(visible(problem), title="Profil och organisation", severity="warning",
                        timeout=10, markup=False)
        app = self.wizard_app
        if app.new_statement is not None:  # `wizard new` in a terminal: straight to the dialog
            initial, app.new_statement = app.new_statement, None
            app.call_later(self.action_new_draft, initial)

    def load(self) -> None:
        """Read the drafts folder again."""
        table = self.query_one(DataTable)
        table.clear()
        try:
            self.summaries = list_drafts(self.folder)
        except WizardError as error:
            self.summaries = []
            self.notify(visible(str(error), limit=1000), severity="error", markup=False)
        table.add_row("＋ Nytt utkast", "", "", "", key=NEW)
        for row in self.summaries:
            if not row.readable:
                table.add_row(Text(f"{cell(row.path.name)}: kan inte läsas"),
                              Text(cell(row.error, 40)), "", "", key=str(row.path))
                continue
            title = cell(row.title) or f"(utan rubrik) {cell(row.path.name)}"
            table.add_row(Text(title), Text(cell(row.committee)), Text(cell(row.meeting_date)),
                          f"{row.filled}/{row.required}", key=str(row.path))

    @property
    def wizard_app(self) -> WizardApp:
        from wizard.tui.app import WizardApp

        assert isinstance(self.app, WizardApp)
        return self.app

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
            self.wizard_app.open_draft(Path(key))

    def action_new_draft(self, initial: dict[str, str] | None = None) -> None:
        """The new-statement dialog; on first use the profile is asked for first."""
        from wizard.tui.screens.new_statement import NewStatementScreen
        from wizard.tui.screens.profile import ProfileScreen

        def made(path: Path | None) -> None:
            if path is None:
                return
            self.load()
            self.notify(f"Nytt utkast: {visible(str(path))}", title="Skapat", markup=False)
            self.wizard_app.open_draft(path, "case")

        def ask() -> None:
            self.app.push_screen(NewStatementScreen(self.folder, self.settings, initial), made)

        if self.settings.profile is None and not self.settings.problems:
            def profiled(_: object) -> None:
                self.settings = load_settings()
                self.query_one("#start-settings", Static).update(visible(self.settings.describe()))
                ask()

            self.app.push_screen(ProfileScreen(first=True), profiled)
        else:
            ask()

    def action_edit_profile(self) -> None:
        from wizard.tui.screens.profile import ProfileScreen

        def saved(_: object) -> None:
            self.settings = load_settings()
            self.query_one("#start-settings", Static).update(visible(self.settings.describe()))

        self.app.push_screen(ProfileScreen(), saved)

    def action_refresh_list(self) -> None:
        self.load()

    def action_import_statement(self) -> None:
        from wizard.tui.screens.import_dialog import ImportDialog

        def imported(path: Path | None) -> None:
            self.load()
            if path is not None:
                self.wizard_app.open_draft(path)

        self.app.push_screen(ImportDialog(self.folder), imported)
