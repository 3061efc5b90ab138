"""The editor: the sidebar of steps, the current step's form, and saving.

The editor owns the draft. Views write into it and post `StepView.Edited`; the
editor then schedules an autosave (a thread worker given a copy, so typing
never waits for the disk) and refreshes the sidebar. It saves on every step
change and on quit, and tells the person at once when a save fails, keeping
every word in memory until it can be written somewhere.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Header, ListView, Static, TextArea

from wizard.errors import DraftChangedOnDiskError, DraftLockedError, WizardError
from wizard.model import STEPS, Draft, step_for_field, validate
from wizard.model.steps import STEP_IDS, step_by_id
from wizard.storage import DraftFile, DraftLock
from wizard.tui.saving import Saver
from wizard.tui.screens.dialogs import ChoiceDialog, SaveAsDialog, StepPicker
from wizard.tui.steps import STEP_VIEWS, StepView
from wizard.tui.steps.case import CaseView
from wizard.tui.widgets.sidebar import LEGEND, StepSidebar, step_states

if TYPE_CHECKING:
    from wizard.tui.app import WizardApp

# Scrolling containers take focus only to scroll; a step starts at its first real control.
PLAIN_CONTAINERS = (VerticalScroll, ScrollableContainer)


def unexpected(error: Exception) -> WizardError:
    """A save that failed for a reason nobody foresaw, said in Swedish."""
    return WizardError(f"oväntat fel när utkastet sparades ({type(error).__name__}: {error})")


class SaveOutcome(Message):
    """From a save thread to the screen: what to run on the event loop."""

    def __init__(self, callback: Callable[..., object], args: tuple[object, ...]) -> None:
        super().__init__()
        self.callback = callback
        self.args = args


class EditorScreen(Screen[None]):
    """One draft, open for editing (or read-only when someone else holds its lock)."""

    # Below 100 columns the sidebar and the labels narrow (see wizard.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Hjälp", priority=True),  # first, so the footer shows it
        Binding("ctrl+s", "save", "Spara", priority=True),
        Binding("ctrl+q", "app.quit", "Avsluta", priority=True),  # early: fits 80 columns
        Binding("ctrl+n", "next_step", "Nästa steg", priority=True),
        Binding("ctrl+f", "previous_step", "Förra steget", priority=True),
        Binding("f3", "next_step", "Nästa steg", show=False),
        Binding("f2", "previous_step", "Förra steget", show=False),
        Binding("ctrl+g", "pick_step", "Välj steg", priority=True,
                tooltip="Gå till ett steg: välj det med dess siffra"),
        Binding("f4", "save_as", "Spara som", tooltip="Spara utkastet under ett annat namn"),
        Binding("ctrl+r", "reload", "Läs om", tooltip="Läs om utkastet från disken"),
    ]

    def __init__(self, draft_file: DraftFile, *, step: str | None = None,
                 lock: DraftLock | None = None, locked_by: str | None = None) -> None:
        super().__init__()
        self.draft_file = draft_file
        self.draft: Draft = draft_file.draft
        self.read_only = locked_by is not None
        self.locked_by = locked_by
        self.saver = Saver(draft_file, lock)
        initial = step or self.draft.step
        self.current_step = initial if initial in STEP_IDS else STEP_IDS[0]
        self._generation = 0
        self._dirty = False
        self._blocked = False  # changed on disk: autosave waits for the person
        self._failing = False  # the last save failed (told once, not on every try)
        self._autosave: Timer | None = None
        self._building: dict[str, asyncio.Future[None]] = {}
        # No automatic first focus (it would go to the sidebar): `on_mount` focuses the
        # step's first field, and each focus change restyles and rebuilds the footer.
        self.AUTO_FOCUS = ""  # type: ignore[misc]
        self._status = ""
        self._status_kind = ""
        self._last_edit = 0.0

    @property
    def app_(self) -> WizardApp:
        from wizard.tui.app import WizardApp

        assert isinstance(self.app, WizardApp)
        return self.app

    @property
    def draft_path(self) -> Path:
        return self.saver.path

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def generation(self) -> int:
        """Counts the edits; a save of an older copy does not make the draft clean."""
        return self._generation

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # The breakpoint class up front: set on the first resize instead, it would
        # restyle every widget of the screen once more (~50 ms when a draft opens).
        width = self.app.size.width
        for threshold, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True):
            if width >= threshold:
                self.set_class(True, name, update=False)
                break
        yield Header(icon="")
        with Horizontal(id="editor-body"):
            with Vertical(id="sidebar-box"):
                issues = validate(self.draft, today=self.app_.today)
                yield StepSidebar(step_states(self.draft, issues), self.current_step)
                yield Static(LEGEND, id="legend")
            # Only the step shown is built now; the others on first show (`_ensure_view`):
            # building all eight at start tripled the time to the first paint.
            with ContentSwitcher(id="steps", initial=f"step-{self.current_step}"):
                yield STEP_VIEWS[self.current_step]()
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.draft_path.name + ("  (skrivskyddat)" if self.read_only else "")
        for view in self.query(StepView):
            view.show_draft(self.draft, read_only=self.read_only)
        self.query_one(StepSidebar).mark_current(self.current_step)
        self.refresh_states()
        if self.read_only:
            self.set_status(f"Skrivskyddat: utkastet är öppet hos {self.locked_by}.", "warning")
            self.notify(f"Utkastet är öppet hos {self.locked_by}. Du kan läsa men inte ändra.",
                        title="Skrivskyddat", severity="warning", timeout=8)
        else:
            self.set_status("Inga ändringar", "")
        # Focus the step's first field now, before the screen's own first focus: one
        # focus change (and footer rebuild) fewer when a draft opens.
        self._check_case()
        view = self.view(self.current_step)
        view.refresh_from_draft()
        # At once, not `focus()` (later): Textual's automatic focus would come first.
        # (As Textual's own first focus does it: the flag before the Focus event.)
        first = self._first_field(view) or self.query_one(StepSidebar)
        first.has_focus = True
        self.set_focus(first)
        self.AUTO_FOCUS = None  # type: ignore[misc]  # Textual's own from now on

    def _check_case(self) -> None:
        """Show the messages of step 1's fields, when that step is built."""
        for case_view in self.query(CaseView):
            case_view.check_all()

    def has_view(self, step_id: str) -> bool:
        """Whether the view of ``step_id`` is built and filled (views are built on first show)."""
        return step_id not in self._building and bool(
            self.query_one(ContentSwitcher).query_children(f"#step-{step_id}")
        )

    def _ensure_view(self, step_id: str) -> asyncio.Future[None] | None:
        """Build and fill the view of ``step_id`` unless it is; what to await, or None."""
        if step_id in self._building:
            return self._building[step_id]
        if self.has_view(step_id):
            return None
        view = STEP_VIEWS[step_id]()
        view.display = False  # the switcher shows it once it is filled
        mounting = self.query_one(ContentSwitcher).mount(view)

        async def build() -> None:
            try:
                await mounting
                self._fill_new_view(step_id)
            finally:
                self._building.pop(step_id, None)

        built = asyncio.ensure_future(build())
        self._building[step_id] = built
        return built

    def _fill_new_view(self, step_id: str) -> None:
        """Hand the draft to a view just built."""
        view = self.view(step_id)
        view.show_draft(self.draft, read_only=self.read_only)
        if isinstance(view, CaseView):
            view.check_all()

    # ------------------------------------------------------------ state

    def view(self, step_id: str) -> StepView:
        return self.query_one(f"#step-{step_id}", StepView)

    @property
    def current_view(self) -> StepView:
        return self.view(self.current_step)

    def refresh_states(self) -> None:
        issues = validate(self.draft, today=self.app_.today)
        self.query_one(StepSidebar).set_states(step_states(self.draft, issues))

    def set_status(self, text: str, kind: str) -> None:
        if (text, kind) == (self._status, self._status_kind):
            return  # the same words on every keystroke: no repaint
        self._status, self._status_kind = text, kind
        status = self.query_one("#status", Static)
        status.update(text)
        for name in ("error", "warning", "saved", "unsaved"):
            status.set_class(name == kind, f"-{name}")

    @property
    def status_text(self) -> str:
        return self._status

    # ------------------------------------------------------------ steps

    def go_to_step(self, step_id: str, *, focus: bool = True,
                   then: Callable[[], object] | None = None) -> None:
        """Show ``step_id``; the step is written to the draft and the draft saved.

        ``then`` runs once the step is shown (at once, or after a view shown for
        the first time is built).
        """
        if step_id not in STEP_IDS:
            return
        changed = step_id != self.current_step
        self.current_step = step_id
        self.query_one(StepSidebar).mark_current(step_id)
        if changed and not self.read_only and self.draft.step != step_id:
            self.draft.step = step_id
            self._mark_edited()
        if changed and self._dirty:
            self.request_save()
        pending = self._ensure_view(step_id)
        if pending is None:
            self._show_step(step_id, focus, then)
            return

        async def show_when_built() -> None:
            await pending
            if self.current_step == step_id:  # not left again meanwhile
                self._show_step(step_id, focus, then, at_once=True)

        # Waited for on the app's queue, not the screen's: keys typed meanwhile wait
        # there too, and reach the new step's field, not the one just left.
        self.app.call_later(show_when_built)

    def _show_step(self, step_id: str, focus: bool, then: Callable[[], object] | None, *,
                   at_once: bool = False) -> None:
        self.query_one(ContentSwitcher).current = f"step-{step_id}"
        self._enter_step(step_id, focus=focus, at_once=at_once)
        if then is not None:
            then()

    def _enter_step(self, step_id: str, *, focus: bool = True, at_once: bool = False) -> None:
        """Refresh the step's view and focus its first field.

        ``at_once`` focuses before any key already waiting is handled (`focus()`
        would queue the change after them).
        """
        view = self.view(step_id)
        view.refresh_from_draft()
        if focus and (first := self._first_field(view)) is not None:
            if at_once:
                self.set_focus(first)
            else:
                first.focus()

    @staticmethod
    def _first_field(view: StepView) -> Widget | None:
        """The first widget of ``view`` that takes focus (not a scrolling container)."""
        for widget in view.query("*"):
            if widget.focusable and type(widget) not in PLAIN_CONTAINERS:
                return widget
        return None

    def action_next_step(self) -> None:
        index = STEP_IDS.index(self.current_step)
        self.go_to_step(STEP_IDS[min(index + 1, len(STEP_IDS) - 1)])

    def action_previous_step(self) -> None:
        index = STEP_IDS.index(self.current_step)
        self.go_to_step(STEP_IDS[max(index - 1, 0)])

    def action_go_to_step(self, step_id: str) -> None:
        self.go_to_step(step_id)

    def action_pick_step(self) -> None:
        def picked(step_id: str | None) -> None:
            if step_id:
                self.go_to_step(step_id)

        self.app.push_screen(StepPicker(), picked)

    @on(ListView.Selected, "#sidebar")
    def _sidebar_selected(self, event: ListView.Selected) -> None:
        event.stop()
        step_id = getattr(event.item, "step_id", None)
        if step_id:
            self.go_to_step(step_id)

    def jump_to(self, path: str, line: int | None = None) -> None:
        """Show the step where ``path`` is edited and focus it (at ``line`` of a text area)."""
        step_id = step_for_field(path) if path not in STEP_IDS else path

        def focus_field() -> None:
            if not self.view(step_id).focus_field(path):
                self._enter_step(step_id)
            elif line is not None:
                self.call_after_refresh(self._cursor_to_line, line)

        self.go_to_step(step_id, focus=False, then=focus_field)

    def _cursor_to_line(self, line: int) -> None:
        """Put the focused text area's cursor at the start of ``line`` (1-based)."""
        area = self.focused
        if isinstance(area, TextArea):
            row = max(0, min(line - 1, area.document.line_count - 1))
            area.move_cursor((row, 0), center=True)

    @on(StepView.JumpTo)
    def _jump(self, event: StepView.JumpTo) -> None:
        event.stop()
        self.jump_to(event.field, event.line)

    # ------------------------------------------------------------ edits and saving

    @on(StepView.Edited)
    def _edited(self, event: StepView.Edited) -> None:
        event.stop()
        self._mark_edited()

    def _mark_edited(self) -> None:
        self._generation += 1
        self._dirty = True
        if not self._failing:
            self.set_status("Ej sparat", "unsaved")
        # One timer per pause in typing, not one per keystroke: when it fires early
        # (the person typed meanwhile) it waits for the rest of the delay.
        self._last_edit = monotonic()
        if self._autosave is None:
            self._autosave = self.set_timer(self.app_.autosave_delay, self._autosave_due)
        self.refresh_states()

    def _autosave_due(self) -> None:
        self._autosave = None
        remaining = self._last_edit + self.app_.autosave_delay - monotonic()
        if remaining > 0.005:
            self._autosave = self.set_timer(remaining, self._autosave_due)
            return
        if self._dirty and not self._blocked:
            self.request_save()

    def request_save(self, *, explicit: bool = False) -> None:
        """Save a copy of the draft off the event loop (safe to call from any handler).

        ``explicit`` (Ctrl+S) asks what to do when saving fails; an autosave only
        says so, because a dialog that pops up while the person types would
        take their keystrokes.
        """
        if self.read_only:
            return
        self._save_worker(self.draft.copy(), self._generation, explicit)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save_worker(self, draft: Draft, generation: int, explicit: bool = False) -> None:
        try:
            written = self.saver.save(draft, generation)
        except (WizardError, OSError, TimeoutError) as error:
            self._from_thread(self._save_failed, error, explicit)
        except Exception as error:  # a bug must not pass silently: the text is unsaved
            self._from_thread(self._save_failed, unexpected(error), explicit)
        else:
            self._from_thread(self._saved, generation, written)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        """Have ``callback`` run on the event loop, without waiting for it.

        A message, not `App.call_from_thread`, which waits for the result and
        would hang a save thread whose app closed meanwhile.
        """
        self.post_message(SaveOutcome(callback, args))

    @on(SaveOutcome)
    def _save_outcome(self, message: SaveOutcome) -> None:
        message.callback(*message.args)

    def _saved(self, generation: int, written: bool) -> None:
        if generation >= self._generation:
            self._dirty = False
        if self._dirty:
            return
        self._blocked = self._failing = False
        if written:
            self.set_status(f"Sparat {self.app_.now().strftime('%H:%M:%S')}", "saved")
        elif self._status in ("Ej sparat", ""):
            self.set_status("Sparat", "saved")

    def _save_failed(self, error: BaseException, explicit: bool = True) -> None:
        first = not self._failing
        self._failing = True
        self._blocked = isinstance(error, DraftChangedOnDiskError)
        message = str(error)
        self.set_status(f"Kunde inte spara: {message}", "error")
        if explicit:
            self.offer_rescue(error)
        elif first:
            keys = "F4 sparar under ett annat namn"
            if isinstance(error, DraftChangedOnDiskError):
                keys += ", Ctrl+R läser om filen"
            self.notify(f"{message}\n\nDet du skrivit finns kvar. {keys}; Ctrl+S försöker igen.",
                        title="Utkastet sparades inte", severity="error", timeout=15)

    def offer_rescue(self, error: BaseException) -> None:
        """Ask what to do with the unsaved text: save as, reload, overwrite, or keep editing."""
        changed = isinstance(error, DraftChangedOnDiskError)
        choices = [("save_as", "Spara som…")]
        if changed:
            choices += [("reload", "Läs om"), ("overwrite", "Skriv över")]
        choices.append(("cancel", "Fortsätt skriva"))
        waits = ("Autosparandet väntar tills du väljer." if changed
                 else "Autosparandet försöker igen när du skriver.")
        text = (f"{error}\n\nInget av det du skrivit har försvunnit: det finns kvar här tills "
                f"det kan sparas. {waits}")

        def chosen(choice: str | None) -> None:
            if choice == "save_as":
                self.action_save_as()
            elif choice == "reload":
                self.reload()
            elif choice == "overwrite":
                self._overwrite(self.draft.copy(), self._generation)

        self.app.push_screen(ChoiceDialog("Utkastet sparades inte", text, choices, error=True),
                             chosen)

    def action_save(self) -> None:
        if self.read_only:
            self.notify("Utkastet är skrivskyddat; använd Spara som (F4) för en egen kopia.",
                        severity="warning")
            return
        self._blocked = self._failing = False
        self._dirty = True
        self.request_save(explicit=True)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _overwrite(self, draft: Draft, generation: int) -> None:
        try:
            written = self.saver.save(draft, generation, force=True)
        except (WizardError, OSError, TimeoutError) as error:
            self._from_thread(self._save_failed, error)
        except Exception as error:
            self._from_thread(self._save_failed, unexpected(error))
        else:
            self._from_thread(self._unblocked_saved, generation, written)

    def _unblocked_saved(self, generation: int, written: bool) -> None:
        self._blocked = self._failing = False
        self._saved(generation, written)

    def action_save_as(self) -> None:
        def chosen(target: Path | None) -> None:
            if target is not None:
                self._save_as(target, self.draft.copy(), self._generation)

        self.app.push_screen(SaveAsDialog(self.draft_path), chosen)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save_as(self, target: Path, draft: Draft, generation: int) -> None:
        new_lock = DraftLock(target)
        try:
            new_lock.acquire()
        except DraftLockedError as error:
            self._from_thread(self._save_failed, error)
            return
        try:
            self.saver.save(draft, generation, path=target, force=True)
        except Exception as error:
            new_lock.release()
            known = isinstance(error, (WizardError, OSError, TimeoutError))
            self._from_thread(self._save_failed, error if known else unexpected(error))
            return
        self.saver.release_lock()
        self.saver.lock = new_lock
        self._from_thread(self._saved_as, generation, target)

    def _saved_as(self, generation: int, target: Path) -> None:
        self.read_only = False
        self.locked_by = None
        self._blocked = self._failing = False
        self.sub_title = target.name
        for view in self.query(StepView):
            view.show_draft(self.draft, read_only=False)
        self._saved(generation, True)
        self.notify(f"Sparat som {target}", title="Sparat")

    def action_reload(self) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "reload":
                self.reload()

        self.app.push_screen(ChoiceDialog(
            "Läs om från disken",
            "Läsa om utkastet från filen? Det du skrivit sedan senaste sparningen försvinner.",
            [("reload", "Läs om"), ("cancel", "Avbryt")]), chosen)

    def reload(self) -> None:
        """Read the file again and show it (what was not saved is dropped: the person chose it)."""
        try:
            fresh = DraftFile.load(self.draft_path)
        except WizardError as error:
            self.notify(str(error), title="Kunde inte läsa om", severity="error")
            return
        self.saver.draft_file = fresh
        self.draft = fresh.draft
        self._generation += 1
        self._dirty = False
        self._blocked = self._failing = False
        for view in self.query(StepView):
            view.show_draft(self.draft, read_only=self.read_only)
        self.refresh_states()
        self._check_case()
        if self.has_view(self.current_step):
            self._enter_step(self.current_step)
        self.set_status("Utkastet lästes om från disken", "saved")

    def flush(self, draft: Draft | None = None, generation: int | None = None) -> Exception | None:
        """Save now, in the calling thread (quit, signals); the error when it failed.

        A caller in another thread passes the copy it took on the event loop.
        """
        if self.read_only or not self._dirty:
            return None
        if draft is None:
            draft, generation = self.draft.copy(), self._generation
        try:
            self.saver.save(draft, generation or 0, timeout=10)
        except (WizardError, OSError, TimeoutError) as error:
            return error
        except Exception as error:
            return unexpected(error)
        if generation == self._generation:
            self._dirty = False
        return None

    def close_draft(self) -> None:
        """Give the lock up (on exit)."""
        if self._autosave is not None:
            self._autosave.stop()
        self.saver.release_lock()

    def on_unmount(self) -> None:
        self.saver.release_lock()

    # ------------------------------------------------------------ commands

    def commands(self) -> list[tuple[str, str, object]]:
        """Palette commands of the editor and the current step."""
        items: list[tuple[str, str, object]] = [
            ("Spara", "Spara utkastet nu (Ctrl+S)", self.action_save),
            ("Spara som…", "Spara utkastet under ett annat namn (F4)", self.action_save_as),
            ("Läs om från disken", "Läs utkastet från filen igen (Ctrl+R)", self.action_reload),
            ("Nästa steg", "Gå till nästa steg (Ctrl+N eller F3)", self.action_next_step),
            ("Förra steget", "Gå till förra steget (Ctrl+F eller F2)",
             self.action_previous_step),
        ]
        for number, step in enumerate(STEPS, 1):
            items.append((f"Gå till steg {number}: {step.title}", "Ctrl+G väljer steg",
                          lambda s=step.id: self.go_to_step(s)))
        items.extend(self.current_view.commands())
        return items

    def step_title(self) -> str:
        return step_by_id(self.current_step).title
