"""Plain ``wizard``: the drafts in the drafts folder, newest first, and "Nytt utkast".

Every action of the screen is one `StartAction` in `ACTIONS`: its key, its
footer word and its palette entry come from there, so that a new action is one
entry and one method. The file operations themselves are storage functions
(`wizard.storage.filing`): a deleted draft goes to ``.papperskorg/`` beside the
drafts, and a rename or a copy never replaces a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from wizard.errors import WizardError
from wizard.model.text import visible
from wizard.storage.catalog import DraftSummary, list_drafts
from wizard.storage.filing import (
    TRASH,
    FilingError,
    duplicate_draft,
    is_recovery_copy,
    rename_draft,
    target_name,
    trash_draft,
)
from wizard.storage.profile import Settings, load_settings
from wizard.tui.messages import OpenDraft
from wizard.tui.screens.dialogs import ChoiceDialog, NameDialog
from wizard.tui.widgets.footer import WizardFooter

NEW = "__new__"
RECOVERY_MARK = "↺ återställd"


@dataclass(frozen=True)
class StartAction:
    """One thing the start screen does: key(s), footer word, palette title and help."""

    keys: str
    action: str
    word: str
    title: str
    help: str
    on_draft: bool = False
    """Acts on the highlighted draft (not offered on "Nytt utkast")."""


ACTIONS: tuple[StartAction, ...] = (
    StartAction("enter", "open_selected", "Öppna", "Öppna utkastet",
                "Öppna det markerade utkastet (Enter)"),
    StartAction("ctrl+n", "new_draft", "Nytt utkast", "Nytt utkast",
                "Ange remissens uppgifter och skapa ett utkast (Ctrl+N)"),
    StartAction("ctrl+o", "import_statement", "Importera", "Importera ett tjänsteutlåtande",
                "Gör ett nytt utkast av ett tjänsteutlåtande (.docx) (Ctrl+O)"),
    StartAction("f2", "rename", "Byt namn", "Byt namn på utkastet",
                "Ge det markerade utkastets fil ett nytt namn (F2)", on_draft=True),
    StartAction("k", "duplicate", "Kopiera", "Kopiera utkastet",
                "Gör en kopia av det markerade utkastet (K)", on_draft=True),
    StartAction("delete", "delete", "Ta bort", "Ta bort utkastet",
                f"Flytta det markerade utkastet till {TRASH}/ (Delete)", on_draft=True),
    StartAction("f5", "refresh_list", "Uppdatera", "Uppdatera listan",
                "Läs mappen med utkast igen (F5)"),
    StartAction("f6", "edit_profile", "Profil", "Din profil",
                "Ditt namn, telefon, e-post och organisationsmapp (F6)"),
)


TITLE_ENOUGH = 60  # columns of title that show most titles whole


def column_widths(width: int) -> dict[str, int]:
    """Each column's width for a screen ``width`` columns wide: the title takes the rest.

    Every cell has one column of padding on each side, the table a margin and a
    scrollbar: at 80 columns all five columns show, "Klart" whole. Once the title
    has `TITLE_ENOUGH` columns, more room goes to the file name and the committee
    (at 160 columns a long file name and "Miljö- och hälsoskyddsnämnden" show whole).
    """
    file_width, committee = (18, 14) if width < 100 else (22, 16)
    date, done = 11, 5
    chrome = 2 * 5 + 2 + 2  # cell padding, the table's margin, its scrollbar
    title = max(12, width - chrome - file_width - committee - date - done)
    extra = max(0, title - TITLE_ENOUGH)
    more_file = min(extra // 2, 18)
    more_committee = min(extra - more_file, 14)
    return {"file": file_width + more_file, "title": title - more_file - more_committee,
            "committee": committee + more_committee, "date": date, "done": done}


COLUMNS: tuple[tuple[str, str], ...] = (
    ("file", "Fil"), ("title", "Rubrik"), ("committee", "Nämnd"),
    ("date", "Sammanträde"), ("done", "Klart"),
)


def row_cells(summary: DraftSummary, widths: dict[str, int]) -> list[str]:
    """The cells of one draft's row: every text from the file made safe and fitted."""
    def fit(text: str, column: str) -> str:
        return visible(text, limit=widths[column], one_line=True)

    name = fit(summary.path.name, "file")
    if not summary.readable:
        return [name, fit(f"kan inte läsas: {summary.error}", "title"), "", "", ""]
    title = summary.title or "(utan rubrik)"
    if is_recovery_copy(summary.path):
        title = f"{RECOVERY_MARK}: {title}"
    return [name, fit(title, "title"), fit(summary.committee, "committee"),
            fit(summary.meeting_date, "date"), f"{summary.filled}/{summary.required}"]


class StartScreen(Screen[None]):
    """Choose a draft to open, make a new one, or rename, copy or delete one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the table's own Enter (shown nowhere) would hide "Öppna" from the footer.
        Binding(action.keys, action.action, action.word, show=True, tooltip=action.help,
                priority=True)
        for action in ACTIONS
    ]

    def __init__(self, folder: Path, new_statement: dict[str, str] | None = None) -> None:
        """``new_statement``: `wizard new` in a terminal, whose facts open the dialog at once."""
        super().__init__()
        self.folder = folder
        self.new_statement = new_statement
        self.summaries: list[DraftSummary] = []
        self._width = 0
        self.settings: Settings = load_settings()

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Label(visible(f"Utkast i {self.folder}", one_line=True), id="start-title",
                    classes="step-title", markup=False)
        yield Static(visible(self.settings.describe()), id="start-settings", markup=False)
        yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
        yield Static("Välj ett utkast med piltangenterna och tryck Enter, eller välj "
                     f"”Nytt utkast”. {RECOVERY_MARK}: en återställningskopia, sparad när "
                     f"ett utkast inte kunde sparas. Borttagna utkast ligger i {TRASH}/.",
                     id="start-hint", markup=False)
        yield WizardFooter()

    def on_mount(self) -> None:
        self.sub_title = "Utkast"
        self.load()
        self.query_one(DataTable).focus()
        for problem in self.settings.problems:
            self.notify(visible(problem), title="Profil och organisation", severity="warning",
                        timeout=10, markup=False)
        if self.new_statement is not None:  # `wizard new` in a terminal: straight to the dialog
            initial, self.new_statement = self.new_statement, None
            self.call_later(self.action_new_draft, initial)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self.load(keep=self.selected_path())

    def load(self, keep: Path | None = None) -> None:
        """Read the drafts folder again; the cursor on ``keep`` when it is listed."""
        table = self.query_one(DataTable)
        self._width = self.size.width or self.app.size.width
        widths = column_widths(self._width)
        table.clear(columns=True)
        for key, label in COLUMNS:
            table.add_column(label, key=key, width=widths[key])
        try:
            self.summaries = list_drafts(self.folder)
        except WizardError as error:
            self.summaries = []
            self.notify(visible(str(error), limit=1000), severity="error", markup=False)
        table.add_row("", "＋ Nytt utkast", "", "", "", key=NEW)
        for row in self.summaries:
            table.add_row(*row_cells(row, widths), key=str(row.path))
        if keep is not None:
            for index, row in enumerate(self.summaries, 1):
                if row.path == keep:
                    table.move_cursor(row=index, animate=False)
                    break

    def commands(self) -> list[tuple[str, str, object]]:
        """Palette commands: every action of the screen."""
        return [(action.title, action.help, getattr(self, f"action_{action.action}"))
                for action in ACTIONS]

    def selected_path(self) -> Path | None:
        """The highlighted draft's file; None on "Nytt utkast" or an empty table."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return Path(key) if key and key != NEW else None

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

    def action_new_draft(self, initial: dict[str, str] | None = None) -> None:
        """The new-statement dialog; on first use the profile is asked for first."""
        from wizard.tui.screens.new_statement import NewStatementScreen
        from wizard.tui.screens.profile import ProfileScreen

        def made(path: Path | None) -> None:
            if path is None:
                return
            self.load(keep=path)
            self.notify(f"Nytt utkast: {visible(str(path), one_line=True)}", title="Skapat",
                        markup=False)
            self.post_message(OpenDraft(path, "case"))

        def ask() -> None:
            self.app.push_screen(NewStatementScreen(self.folder, self.settings, initial), made)

        if self.settings.profile is None and not self.settings.problems:
            def profiled(_: object) -> None:
                self._settings_changed()
                ask()

            self.app.push_screen(ProfileScreen(first=True), profiled)
        else:
            ask()

    def _settings_changed(self) -> None:
        self.settings = load_settings()
        self.query_one("#start-settings", Static).update(visible(self.settings.describe()))

    def action_edit_profile(self) -> None:
        from wizard.tui.screens.profile import ProfileScreen

        self.app.push_screen(ProfileScreen(), lambda _: self._settings_changed())

    def action_import_statement(self) -> None:
        from wizard.tui.screens.import_dialog import ImportDialog

        def imported(path: Path | None) -> None:
            self.load(keep=path)
            if path is not None:
                self.post_message(OpenDraft(path))

        self.app.push_screen(ImportDialog(self.folder), imported)

    def action_refresh_list(self) -> None:
        self.load(keep=self.selected_path())

    def _chosen_draft(self, doing: str) -> Path | None:
        path = self.selected_path()
        if path is None:
            self.notify(f"Välj först ett utkast att {doing}.", severity="warning")
        return path

    def action_delete(self) -> None:
        """Ask, then move the highlighted draft to the trash folder."""
        path = self._chosen_draft("ta bort")
        if path is None:
            return
        name = visible(path.name, one_line=True)

        def chosen(choice: str | None) -> None:
            if choice != "delete":
                return
            try:
                moved = trash_draft(path)
            except (FilingError, OSError) as error:
                self.notify(visible(str(error)), markup=False,
                            title="Togs inte bort", severity="error")
                return
            self.load()
            self.notify(f"{name} ligger nu i {TRASH}/ och kan hämtas tillbaka därifrån "
                        f"({visible(moved.name, one_line=True)}).", title="Borttaget",
                        markup=False)

        self.app.push_screen(ChoiceDialog(
            "Ta bort utkastet",
            f"Ta bort {name}? Filen flyttas till mappen {TRASH}/ bredvid utkasten, "
            "där den finns kvar tills någon tömmer mappen.",
            [("delete", "Ta bort"), ("cancel", "Avbryt")]), chosen)

    def action_rename(self) -> None:
        """Ask for a new file name and rename the highlighted draft (never over another)."""
        path = self._chosen_draft("byta namn på")
        if path is None:
            return

        def problem(text: str) -> str | None:
            try:
                target = target_name(path, text)
            except FilingError as error:
                return str(error)
            if target != path and target.exists():
                return f"{visible(target.name, one_line=True)} finns redan; välj ett annat namn."
            return None

        def chosen(text: str | None) -> None:
            if text is None:
                return
            try:
                renamed = rename_draft(path, text)
            except (FilingError, OSError) as error:
                self.notify(visible(str(error)), markup=False,
                            title="Bytte inte namn", severity="error")
                return
            self.load(keep=renamed)

        self.app.push_screen(NameDialog("Byt namn", "Nytt filnamn (Enter byter, Esc avbryter):",
                                        path.name, problem), chosen)

    def action_duplicate(self) -> None:
        """Copy the highlighted draft to ``NAME-kopia.toml`` and highlight the copy."""
        path = self._chosen_draft("kopiera")
        if path is None:
            return
        try:
            copy = duplicate_draft(path)
        except WizardError as error:
            self.notify(visible(str(error)), markup=False,
                            title="Kopierades inte", severity="error")
            return
        self.load(keep=copy)
        self.notify(f"Kopia: {visible(copy.name, one_line=True)}", title="Kopierat", markup=False)
