""""Importera" on the start screen: a .docx path in, a new draft and the import report out.

The same functions as ``wizard import`` do the work, in a thread so the screen
stays responsive. The new draft is written in the drafts folder under a name
made from its title (never over an existing file); the report is shown before
the draft is opened, so the person sees what was guessed and what was left out.
The dialog is dismissed with the new draft's path (Enter on "Öppna utkastet")
or None (Esc).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Checkbox, Input, Label, Static

from wizard.errors import WizardError
from wizard.model.text import visible


class DocxPathSuggester(Suggester):
    """Completes a path as it is typed: folders and .docx files in the folder typed so far."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(entry.name + ("/" if entry.is_dir() else "")
                           for entry in folder.iterdir()
                           if entry.name.startswith(stem) and not entry.name.startswith(".")
                           and (entry.is_dir() or entry.suffix.lower() == ".docx"))
        except OSError:
            return None
        if not names or (not stem and not value.endswith("/")):
            return None
        return value[: len(value) - len(stem)] + names[0]


def _pasted_path(text: str) -> str:
    """A path as typed or pasted: quotes and a file manager's ``file://`` taken off."""
    text = text.strip().strip("'\"")
    if text.startswith("file://"):
        from urllib.parse import unquote

        text = unquote(text[len("file://"):])
    return text


class ImportDialog(ModalScreen[Path | None]):
    """Ask for a statement (.docx), import it into ``folder`` and show the report."""

    DEFAULT_CSS = """
    ImportDialog #import-report { height: 1fr; margin-bottom: 1; }
    ImportDialog #import-report-text { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, folder: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.folder = folder
        self.target: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Label("Importera ett tjänsteutlåtande", classes="dialog-title")
            yield Label("Sökväg till .docx-filen (Enter importerar, Esc avbryter):",
                        id="import-prompt")
            yield Input(placeholder="t.ex. ~/Dokument/remissvar-2016.docx", id="import-path",
                        suggester=DocxPathSuggester())
            yield Checkbox("Som nytt ärende: töm remissens fakta, datum, dnr och sammanträde",
                           id="import-as-new", compact=True)
            yield Static("", id="import-error", classes="field-message", markup=False)
            with VerticalScroll(id="import-report"):
                yield Static("", id="import-report-text", markup=False)
            with Horizontal(classes="dialog-buttons", id="import-buttons"):
                yield Button("Öppna utkastet", id="import-open", variant="primary",
                             compact=True)
                yield Button("Stäng", id="import-close", compact=True)

    def on_mount(self) -> None:
        # Wider than the other dialogs (the app's .dialog rule would win over DEFAULT_CSS).
        self.query_one("#import-dialog").styles.width = 96
        self.query_one("#import-report").display = False
        self.query_one("#import-buttons").display = False
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = _pasted_path(event.value)
        error = self.query_one("#import-error", Static)
        if not text:
            error.update("Skriv sökvägen till ett tjänsteutlåtande (.docx).")
            return
        error.update("Importerar …")
        self.query_one("#import-path", Input).disabled = True
        self._import(Path(text).expanduser(), self.query_one("#import-as-new", Checkbox).value)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, source: Path, as_new: bool) -> None:
        from wizard.importing import default_target, import_statement, save_imported

        try:
            result = import_statement(source, as_new=as_new)
            target = default_target(result.draft, self.folder, source)
            save_imported(result, target)
        except WizardError as failure:
            self.app.call_from_thread(self._failed, str(failure))
            return
        lines = [f"Nytt utkast: {visible(str(target))}", result.report.summary(), "",
                 *result.report.text_lines()]
        self.app.call_from_thread(self._done, target, "\n".join(lines))

    def _failed(self, message: str) -> None:
        if not self.is_attached:  # closed with Esc while the import ran
            return
        self.query_one("#import-error", Static).update(visible(message))
        path = self.query_one("#import-path", Input)
        path.disabled = False
        path.focus()

    def _done(self, target: Path, report: str) -> None:
        self.target = target
        if not self.is_attached:
            return
        for hidden in ("#import-prompt", "#import-path", "#import-as-new", "#import-error"):
            self.query_one(hidden).display = False
        self.query_one("#import-report-text", Static).update(report)
        # The report scrolls between the title and the buttons, which always show.
        self.query_one("#import-dialog").styles.height = "90%"
        self.query_one("#import-report").display = True
        self.query_one("#import-buttons").display = True
        self.query_one("#import-open", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.target if event.button.id == "import-open" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
