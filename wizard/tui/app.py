"""The Textual app and `make_app`, the one factory the command line and tests share.

The app opens the start screen (no path) or an editor screen, saves before it
quits, and does what Textual does not: it saves on SIGTERM and SIGHUP (a closed
terminal) and writes a recovery file when an unexpected error ends it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from wizard.errors import WizardError
from wizard.model.text import visible
from wizard.paths import drafts_dir as default_drafts_dir
from wizard.tui import heap, terminal_guard
from wizard.tui.messages import DraftUneditable, OpenDraft
from wizard.tui.screens.editor import EditorScreen
from wizard.tui.session import DraftSession, Settings, rescue_folders

# What importing the TUI made lives as long as the process: out of the collector's view.
heap.settle()

AUTOSAVE_DELAY = 2.0  # seconds after the last keystroke
HANDLED_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class WizardApp(App[int]):
    """The wizard: a start screen of drafts, and an editor screen per draft."""

    # lists.tcss is loaded by the steps that need it, when first built (`StepView.STYLESHEET`).
    CSS_PATH: ClassVar[list[str | PurePath]] = ["wizard.tcss"]
    TITLE = "wizard"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Avsluta", priority=True),
        Binding("f1", "help", "Hjälp", priority=True),
        Binding("ctrl+p", "command_palette", "Kommandon", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, path: Path | None = None, step: str | None = None, *,
                 drafts_dir: Path | None = None, autosave_delay: float = AUTOSAVE_DELAY,
                 today: dt.date | None = None,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__()
        terminal_guard.install()  # no control character from a draft reaches the terminal
        self.path = path
        self.start_step = step
        self.drafts_dir = drafts_dir or default_drafts_dir()
        self.autosave_delay = autosave_delay
        self.today = today
        self.clock = clock or dt.datetime.now
        self.recovered: list[Path] = []
        self.lost: list[Path] = []  # drafts whose unsaved text could be written nowhere
        self._signals_installed: list[int] = []
        self._quitting = False
        self._open_problem: str | None = None
        # `wizard new` in a terminal: the start screen opens the new-statement dialog at
        # once, with these values (title, referred_by, dnr, deadline, referral, preset).
        self.new_statement: dict[str, str] | None = None

    def now(self) -> dt.datetime:
        return self.clock()

    # ------------------------------------------------------------ opening

    def get_default_screen(self) -> Screen:
        """The editor of the draft given on the command line, as the app's first screen.

        Pushed over Textual's empty default screen instead, it would be restyled
        and laid out once more on being shown (~60 ms of the start with a large draft).
        """
        if self.path is not None:
            opened = self._editor_for(self.path, self.start_step)
            if isinstance(opened, EditorScreen):
                return opened
            self._open_problem = opened
        return super().get_default_screen()

    def on_mount(self) -> None:
        self._install_signal_handlers()
        if self._open_problem is not None:
            self.notify(visible(self._open_problem, limit=1000), title="Kunde inte öppna utkastet",
                        severity="error", timeout=10, markup=False)
            self.exit(2, return_code=2, message=visible(self._open_problem, limit=1000))
        elif self.path is None:
            from wizard.tui.screens.start import StartScreen

            self.push_screen(StartScreen(self.drafts_dir, self.new_statement))

    def open_draft(self, path: Path, step: str | None = None) -> str | None:
        """Open ``path`` in an editor (read-only when someone else holds its lock).

        Returns None, or why the draft could not be opened (also shown as a message).
        """
        opened = self._editor_for(path, step)
        if isinstance(opened, str):
            self.notify(visible(opened, limit=1000), title="Kunde inte öppna utkastet",
                        severity="error", timeout=10, markup=False)
            return opened
        self.push_screen(opened)
        return None

    def on_open_draft(self, message: OpenDraft) -> None:
        message.stop()
        self.open_draft(message.path, message.step)

    def on_draft_uneditable(self, message: DraftUneditable) -> None:
        """A draft found uneditable after it was shown: as a draft that could not be opened."""
        message.stop()
        if self.screen_stack and self.screen_stack[0] is message.screen:  # `wizard open FILE`
            self.exit(2, return_code=2, message=visible(message.text, limit=1000))
            return
        self.notify(visible(message.text, limit=1000), title="Kunde inte öppna utkastet",
                    severity="error", timeout=10, markup=False)
        if self.screen is message.screen:
            self.pop_screen()

    def _editor_for(self, path: Path, step: str | None) -> EditorScreen | str:
        """An editor of ``path``, or why it cannot be opened."""
        try:
            session = DraftSession.open(path)
        except WizardError as error:
            return str(error)
        settings = Settings(self.autosave_delay, self.today, self.clock)
        return EditorScreen(session, step=step, settings=settings)

    @property
    def editors(self) -> list[EditorScreen]:
        return [screen for screen in self.screen_stack if isinstance(screen, EditorScreen)]

    @property
    def editor(self) -> EditorScreen | None:
        editors = self.editors
        return editors[-1] if editors else None

    # ------------------------------------------------------------ keys and commands

    def action_help(self) -> None:
        # The help and the dialogs are imported when first shown: the modules that
        # define screens and widgets took ~5 ms before a draft's first frame.
        from wizard.tui.screens.help import HelpScreen, help_groups
        from wizard.tui.screens.start import StartScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return

        # The read-only window's own F4 label is the footer's; the help lists F4 once.
        editor_keys = [binding for binding in EditorScreen.BINDINGS
                       if not (isinstance(binding, Binding) and binding.action == "save_copy")]
        groups = help_groups(self.BINDINGS, editor_keys, StartScreen.BINDINGS)
        self.push_screen(HelpScreen(groups))

    def action_command_palette(self) -> None:
        """The command palette, with a Swedish prompt."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder="Sök kommando…", id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from wizard.tui.screens.start import StartScreen

        editor = self.editor
        if editor is not None:
            for title, help_text, callback in editor.commands():
                yield SystemCommand(title, help_text, callback)  # type: ignore[arg-type]
        if isinstance(screen, StartScreen):
            for title, help_text, callback in screen.commands():
                yield SystemCommand(title, help_text, callback)  # type: ignore[arg-type]
        yield SystemCommand("Hjälp", "Visa alla tangenter (F1)", self.action_help)
        yield SystemCommand("Byt tema", "Välj ljust eller mörkt tema", self.action_change_theme)
        yield SystemCommand("Avsluta", "Spara och avsluta (Ctrl+Q)", self.action_quit)

    # ------------------------------------------------------------ quitting

    def action_help_quit(self) -> None:
        """Ctrl+C copies in a field; say in Swedish how to quit instead."""
        self.notify("Avsluta med [b]Ctrl+Q[/b] (utkastet sparas först). "
                    "Ctrl+C kopierar markerad text.", title="Vill du avsluta?")

    async def action_quit(self) -> None:
        """Save every open draft, then exit; ask when a save fails."""
        if self._quitting:
            return
        for editor in self.editors:
            session = editor.session
            if not session.dirty:
                continue
            error = await asyncio.to_thread(session.flush, session.snapshot())
            if error is not None:
                self._ask_before_quit(editor, error)
                return
        self._leave()

    def _leave(self, message: str | None = None) -> None:
        self._quitting = True
        self._release_drafts()
        self.exit(0, message=message)

    def _ask_before_quit(self, editor: EditorScreen, error: BaseException) -> None:
        """A draft could not be saved: where its text can still go, before anything is lost."""
        from wizard.tui.screens.dialogs import ChoiceDialog  # see `action_help`

        session = editor.session

        def chosen(choice: str | None) -> None:
            if choice == "save_as":
                self._save_as_then_quit(editor, str(error))
            elif choice == "copy":
                editor.action_copy_draft()
            elif choice == "quit":
                recovered = session.recover()
                if recovered is None:
                    self._ask_before_losing(editor, error)
                    return
                self.recovered.append(recovered)
                self._leave(self._recovery_message())

        folders = " eller ".join(str(folder) for folder in rescue_folders(editor.draft_path))
        self.push_screen(ChoiceDialog(
            "Utkastet kunde inte sparas",
            f"{error}\n\nSpara som… sparar det i en annan mapp ({folders}). "
            "Kopiera lägger hela utkastet i urklipp. Avsluta ändå sparar texten i en "
            "återställningsfil bredvid utkastet eller, om det inte går, i din egen mapp "
            f"för wizard ({_state_folder_text()}).",
            [("save_as", "Spara som…"), ("copy", "Kopiera till urklipp"),
             ("quit", "Avsluta ändå"), ("cancel", "Avbryt")],
            error=True), chosen)

    def _ask_before_losing(self, editor: EditorScreen, error: BaseException) -> None:
        """Not even a recovery file could be written: quitting now loses the text, said plainly."""
        from wizard.tui.screens.dialogs import ChoiceDialog  # see `action_help`

        def chosen(choice: str | None) -> None:
            if choice == "save_as":
                self._save_as_then_quit(editor, str(error))
            elif choice == "copy":
                editor.action_copy_draft()
            elif choice == "lose":
                self._leave("Utkastet avslutades utan att det osparade sparades.")

        self.push_screen(ChoiceDialog(
            "Texten kan inte sparas någonstans",
            f"{error}\n\nÅterställningsfilen kunde inte heller skrivas, varken bredvid "
            "utkastet eller i din egen mapp. Avslutar du nu försvinner det du skrivit sedan "
            "senaste sparningen. Spara som… i en annan mapp, eller kopiera till urklipp först.",
            [("save_as", "Spara som…"), ("copy", "Kopiera till urklipp"),
             ("lose", "Avsluta och förlora texten"), ("cancel", "Avbryt")],
            error=True), chosen)

    def _save_as_then_quit(self, editor: EditorScreen, note: str) -> None:
        """Ask for a name (another folder offered); quit once the copy is written."""
        from wizard.tui.screens.dialogs import SaveAsDialog  # see `action_help`

        session = editor.session
        folders = ", ".join(str(folder) for folder in rescue_folders(editor.draft_path))
        note = f"{note}\n\nVälj en annan mapp, t.ex. {folders}." if folders else note

        async def chosen(target: Path | None) -> None:
            if target is None:
                return
            copy, generation = session.snapshot()
            try:
                await asyncio.to_thread(session.save_copy_as, target, copy, generation)
            except (WizardError, OSError, TimeoutError) as failure:
                self.notify(str(failure), title="Kunde inte spara", severity="error")
                return
            self._leave(f"Utkastet sparades som {target}")

        self.push_screen(SaveAsDialog(editor.draft_path, note), chosen)

    def _release_drafts(self) -> None:
        for editor in self.editors:
            editor.close_draft()

    def _recovery_message(self) -> str | None:
        if not self.recovered:
            return None
        names = ", ".join(str(path) for path in self.recovered)
        return f"Det som inte kunde sparas finns i {names}"

    # ------------------------------------------------------------ signals and crashes

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for signum in HANDLED_SIGNALS:
            try:
                loop.add_signal_handler(signum, self._on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                continue
            self._signals_installed.append(signum)

    def _remove_signal_handlers(self) -> None:
        with contextlib.suppress(Exception):
            loop = asyncio.get_running_loop()
            for signum in self._signals_installed:
                loop.remove_signal_handler(signum)
        self._signals_installed.clear()

    def _on_signal(self, signum: int) -> None:
        """SIGTERM/SIGHUP: save now (or to a recovery file), free the locks, exit."""
        self.flush_all()
        self._quitting = True
        self._release_drafts()
        # The terminal may be gone (SIGHUP): if a clean exit hangs on it, leave anyway.
        timer = threading.Timer(3.0, os._exit, (128 + signum,))
        timer.daemon = True
        timer.start()
        self.exit(128 + signum, return_code=128 + signum)

    def flush_all(self) -> None:
        """Save every open draft synchronously; what cannot be saved goes to a recovery file."""
        for editor in self.editors:
            error = editor.session.flush()
            if error is not None:
                self._recover(editor)

    def _recover(self, editor: EditorScreen) -> None:
        """Write the draft's recovery file; remember where it went, or that it could not."""
        recovered = editor.session.recover()
        if recovered is not None:
            self.recovered.append(recovered)
        else:
            self.lost.append(editor.draft_path)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: keep the text in a recovery file before Textual exits."""
        for editor in self.editors:
            if not editor.session.dirty:
                continue  # the file on disk already holds everything
            self._recover(editor)
            editor.close_draft()
        super()._handle_exception(error)

    def on_unmount(self) -> None:
        self._remove_signal_handlers()
        self._release_drafts()

    def run(self, **kwargs: Any) -> int | None:
        result = super().run(**kwargs)
        if self.recovered:
            print(self._recovery_message(), file=sys.stderr)
        for path in self.lost:
            print(f"{path}: det som inte hann sparas kunde inte skrivas någonstans "
                  "(varken i utkastet eller i en återställningsfil)", file=sys.stderr)
        return result


def _state_folder_text() -> str:
    from wizard.tui.session import state_folder

    try:
        return str(state_folder())
    except Exception:
        return "mappen för programdata"


def make_app(path: Path | None = None, step: str | None = None, *,
             drafts_dir: Path | None = None) -> WizardApp:
    """Build the app for ``path`` (None: the start screen), opening at ``step``.

    ``WIZARD_AUTOSAVE_DELAY`` (seconds) changes the autosave delay, so that a
    test of the real program can tell a save on a signal from an autosave.
    """
    delay = AUTOSAVE_DELAY
    with contextlib.suppress(ValueError):
        delay = max(0.0, float(os.environ.get("WIZARD_AUTOSAVE_DELAY", AUTOSAVE_DELAY)))
    return WizardApp(path, step, drafts_dir=drafts_dir, autosave_delay=delay)
