"""The editor: the sidebar of steps, the current step's form, and saving.

The draft's life belongs to its `DraftSession` (wizard.tui.session): views write
into `session.draft` and post `StepView.Edited`; the editor tells the session,
schedules an autosave after a pause in typing (the session saves a copy on its
worker thread, so typing never waits for the disk) and refreshes the sidebar
after a shorter pause. The session tells the outcome of each save through a
message; the editor shows it, and asks the person only when a choice is theirs
(a real conflict with a hand edit, a save that failed on Ctrl+S).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Header, ListView, Static

from wizard.errors import WizardError
from wizard.model import STEPS, Draft, step_for_field, validate
from wizard.model.steps import STEP_IDS, step_by_id
from wizard.model.text import visible
from wizard.model.validation import label_for
from wizard.storage import draft_filename, unique_path
from wizard.tui import heap
from wizard.tui.messages import DraftUneditable
from wizard.tui.session import DraftSession, Outcome, Settings, rescue_folders
from wizard.tui.steps import STEP_VIEWS, StepView
from wizard.tui.steps.base import load_stylesheet
from wizard.tui.steps.texts import TextStepView
from wizard.tui.widgets.footer import WizardFooter
from wizard.tui.widgets.sidebar import LEGEND, StepSidebar, step_states
from wizard.tui.widgets.toasts import dismiss_errors

# Scrolling containers take focus only to scroll; a step starts at its first real control.
PLAIN_CONTAINERS = (VerticalScroll, ScrollableContainer)

STATES_DELAY = 0.3  # seconds after the last keystroke: the sidebar's states are checked

READ_ONLY_HINT = "Skrivskyddat: ändringar sparas inte. F4 sparar en egen kopia (Spara som…)."


def str_value(value: object) -> str:
    """A draft value as the conflict dialog shows it (records one per line)."""
    if isinstance(value, list):
        return "\n".join(visible(str(getattr(item, "text", "") or getattr(item, "name", "")
                                       or getattr(item, "title", "")), limit=80, one_line=True)
                         for item in value) or "(tom lista)"
    if value is None or value == "":
        return "(tomt)"
    return visible(str(value), limit=400)


class SessionOutcome(Message):
    """From the session's save worker to the screen: what a save came to."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome


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
        # A read-only window: the footer says so, and offers "Spara som…" instead of "Spara".
        Binding("f4", "save_copy", "Skrivskyddat: Spara som…",
                tooltip="Utkastet är öppet hos någon annan: spara en egen kopia"),
        Binding("ctrl+r", "reload", "Läs om", tooltip="Läs om utkastet från disken"),
        # Tab moves the focus at once, before the next key is routed: as an ordinary
        # binding it travels through the focused widget's queue first, and a key typed
        # right after it (while a save kept the loop busy) went to the field just left.
        Binding("tab", "focus_next_now", show=False, priority=True),
        Binding("shift+tab", "focus_previous_now", show=False, priority=True),
    ]

    def __init__(self, session: DraftSession, *, step: str | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__()
        self.session = session
        self.settings = settings or Settings()
        session.tell = self._tell
        session.prepare = self._prepare_copy
        initial = step or self.draft.step
        self.current_step = initial if initial in STEP_IDS else STEP_IDS[0]
        self._autosave: Timer | None = None
        self._states_timer: Timer | None = None
        self._shown_read_only = session.read_only
        self._building: dict[str, asyncio.Future[None]] = {}
        # No automatic first focus (it would go to the sidebar): `on_mount` focuses the
        # step's first field, and each focus change restyles and rebuilds the footer.
        self.AUTO_FOCUS = ""  # type: ignore[misc]
        self._status = ""
        self._status_kind = ""
        self._last_edit = 0.0

    @property
    def draft(self) -> Draft:
        return self.session.draft

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    @property
    def locked_by(self) -> str | None:
        return self.session.locked_by

    @property
    def draft_path(self) -> Path:
        return self.session.path

    @property
    def dirty(self) -> bool:
        return self.session.dirty

    def _tell(self, outcome: Outcome) -> None:
        """From the save worker: the outcome as a message, handled on the event loop.

        A message, not `App.call_from_thread`, which waits for the result and
        would hang the worker when the app closed meanwhile.
        """
        self.post_message(SessionOutcome(outcome))

    def _prepare_copy(self, draft: Draft) -> None:
        """Each saved copy holds the step shown and the cursor in each long text, so a
        draft reopens where it was left (the first save after a change stores them)."""
        if self.read_only:
            return
        draft.step = self.current_step
        for view in self.query(TextStepView):
            draft.cursors.update(view.cursors())

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
                issues = validate(self.draft, today=self.settings.today)
                yield StepSidebar(step_states(self.draft, issues), self.current_step)
                yield Static(LEGEND, id="legend")
            # Only the step shown is built now; the others on first show (`_ensure_view`):
            # building all eight at start tripled the time to the first paint.
            with ContentSwitcher(id="steps", initial=f"step-{self.current_step}"):
                yield self._new_view(self.current_step)
        yield Static("", id="status")
        yield WizardFooter()

    def on_mount(self) -> None:
        self._show_title()
        self.screen_layout_refresh_signal.subscribe(self, self._place_toasts)
        for view in self.query(StepView):
            view.show_draft(self.draft, read_only=self.read_only)
        self.query_one(StepSidebar).mark_current(self.current_step)
        # (The steps' states were computed in `compose`: not a second time here.)
        if self.read_only:
            self.set_status(f"Skrivskyddat: utkastet är öppet hos {self.locked_by}. "
                            "F4 sparar en egen kopia.", "warning")
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
        # The comment-keeping document is parsed once the draft is shown, ahead of saves.
        self.call_after_refresh(self.session.prepare_document)

    def _check_case(self) -> None:
        """Show the messages of step 1's fields, when that step is built."""
        for view in self.query(StepView):
            view.check_all()

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
        view = self._new_view(step_id)
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

    def _new_view(self, step_id: str) -> StepView:
        """A new view of ``step_id``, with its stylesheet loaded before it is styled."""
        view_cls = STEP_VIEWS[step_id]
        if view_cls.STYLESHEET is not None:
            load_stylesheet(self.app, view_cls.STYLESHEET)
        return view_cls()

    def _fill_new_view(self, step_id: str) -> None:
        """Hand the draft to a view just built."""
        view = self.view(step_id)
        view.show_draft(self.draft, read_only=self.read_only)
        view.check_all()

    # ------------------------------------------------------------ state

    def view(self, step_id: str) -> StepView:
        return self.query_one(f"#step-{step_id}", StepView)

    @property
    def current_view(self) -> StepView:
        return self.view(self.current_step)

    def refresh_states(self) -> None:
        """Check the draft and show each step's state (after a pause in typing, not per key)."""
        if self._states_timer is not None:
            self._states_timer.stop()
            self._states_timer = None
        issues = validate(self.draft, today=self.settings.today)
        self.query_one(StepSidebar).set_states(step_states(self.draft, issues))

    def _show_title(self) -> None:
        """The file's name; a read-only window says so in the title as well as the footer."""
        self.title = "wizard – skrivskyddat" if self.read_only else "wizard"
        self.sub_title = visible(self.draft_path.name, limit=80)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only window offers "Spara som…", not "Spara"."""
        if action in ("save", "save_as"):
            # Hidden from the footer when read-only; Ctrl+S reaches `on_key`, which says why.
            return not self.read_only
        if action == "save_copy":
            return self.read_only
        return True

    def action_save_copy(self) -> None:
        self.action_save_as()

    # ------------------------------------------------------------ keys

    def action_focus_next_now(self) -> None:
        self.focus_next()

    def action_focus_previous_now(self) -> None:
        self.focus_previous()

    def on_key(self, event: events.Key) -> None:
        """In a read-only window, a typed character (or Ctrl+S) says why nothing changes."""
        if self.read_only and (event.is_printable or event.key == "ctrl+s"):
            self.notify(READ_ONLY_HINT, title="Skrivskyddat", severity="warning", timeout=4)

    def _place_toasts(self, _screen: object = None) -> None:
        """Keep the toasts just above the status line and the footer, whose heights change
        (a two-row footer below 120 columns, a long status wrapped onto two lines)."""
        bottom = (self.query_one("#status").outer_size.height
                  + self.query_one(WizardFooter).outer_size.height)
        for rack in self.query_children("#textual-toastrack"):  # none without notifications
            if rack.styles.margin.bottom != bottom:
                rack.styles.margin = (0, 0, bottom, 0)

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
        left = self.current_step
        self.current_step = step_id
        self.query_one(StepSidebar).mark_current(step_id)
        seen = changed and not self.read_only and self.draft.mark_seen(left)  # looked at
        if changed and not self.read_only and (self.draft.step != step_id or seen):
            self.draft.step = step_id
            self._mark_edited()
        if changed and self.dirty:
            self.request_save()
        pending = self._ensure_view(step_id)
        if pending is None:
            self._show_step(step_id, focus, then)
            return

        async def show_when_built() -> None:
            await pending
            if self.current_step == step_id:  # not left again meanwhile
                self._show_step(step_id, focus, then)

        # Waited for on the app's queue, not the screen's: keys typed meanwhile wait
        # there too, and reach the new step's field, not the one just left.
        self.app.call_later(show_when_built)

    def _show_step(self, step_id: str, focus: bool, then: Callable[[], object] | None) -> None:
        self.query_one(ContentSwitcher).current = f"step-{step_id}"
        self._enter_step(step_id, focus=focus)
        if then is not None:
            then()

    def _enter_step(self, step_id: str, *, focus: bool = True) -> None:
        """Refresh the step's view and focus its first field.

        The focus moves at once, before any key already waiting is routed
        (`focus()` would queue the change after them, and they would land in
        the field just left).
        """
        view = self.view(step_id)
        view.refresh_from_draft()
        if focus and (first := self._first_field(view)) is not None:
            self.set_focus(first)

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

        from wizard.tui.screens.dialogs import StepPicker  # see `offer_rescue`

        self.app.push_screen(StepPicker(), picked)

    @on(ListView.Selected, "#sidebar")
    def _sidebar_selected(self, event: ListView.Selected) -> None:
        event.stop()
        step_id = getattr(event.item, "step_id", None)
        if step_id:
            self.go_to_step(step_id)

    def jump_to(self, path: str, line: int | None = None) -> None:
        """Show the step where ``path`` is edited and focus it (at ``line`` of its text)."""
        step_id = step_for_field(path) if path not in STEP_IDS else path

        def focus_field() -> None:
            if not self.view(step_id).focus_field(path):
                self._enter_step(step_id)
            elif line is not None:
                self.view(step_id).focus_line(line)

        self.go_to_step(step_id, focus=False, then=focus_field)

    @on(StepView.JumpTo)
    def _jump(self, event: StepView.JumpTo) -> None:
        event.stop()
        self.jump_to(event.field, event.line)

    # ------------------------------------------------------------ edits and saving

    @on(StepView.Edited)
    def _edited(self, event: StepView.Edited) -> None:
        event.stop()
        self.draft.mark_seen(self.current_step)  # the person's own work now: no "förifyllt"
        self._mark_edited()

    def _mark_edited(self) -> None:
        """Per keystroke: only counters and timers; checking waits for a pause."""
        self.session.edited()
        if not self.session.failing:
            self.set_status("Ej sparat", "unsaved")
        # One timer per pause in typing, not one per keystroke: when it fires early
        # (the person typed meanwhile) it waits for the rest of the delay.
        self._last_edit = monotonic()
        if self._autosave is None:
            self._autosave = self.set_timer(self.settings.autosave_delay, self._autosave_due)
        if self._states_timer is None:
            self._states_timer = self.set_timer(STATES_DELAY, self._states_due)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving a field is a pause too: a field that now shows an error has its step
        marked at once, not up to STATES_DELAY later (only when something was typed)."""
        if self._states_timer is not None:
            self.refresh_states()

    def _states_due(self) -> None:
        self._states_timer = None
        remaining = self._last_edit + STATES_DELAY - monotonic()
        if remaining > 0.005:
            self._states_timer = self.set_timer(remaining, self._states_due)
            return
        self.refresh_states()

    def _autosave_due(self) -> None:
        self._autosave = None
        remaining = self._last_edit + self.settings.autosave_delay - monotonic()
        if remaining > 0.005:
            self._autosave = self.set_timer(remaining, self._autosave_due)
            return
        if self.session.dirty and not self.session.blocked:
            self.request_save()

    def request_save(self, *, explicit: bool = False) -> None:
        """Have the session save a copy of the draft off the event loop.

        ``explicit`` (Ctrl+S) asks what to do when saving fails; an autosave only
        says so, because a dialog that pops up while the person types would
        take their keystrokes.
        """
        self.session.request_save(explicit=explicit)

    @on(SessionOutcome)
    def _session_outcome(self, message: SessionOutcome) -> None:
        message.stop()
        outcome = message.outcome
        if outcome.kind == "saved":
            self._saved(outcome)
        elif outcome.kind == "merged":
            self._merged(outcome)
        elif outcome.kind == "saved_as":
            self._saved_as(outcome)
        elif outcome.kind == "conflict":
            self._conflict(outcome)
        elif outcome.kind == "uneditable":
            self._uneditable(outcome)
        elif outcome.kind == "ready":  # the draft is loaded in full
            heap.settle()
        else:
            assert outcome.error is not None
            self._save_failed(outcome)

    def _saved(self, outcome: Outcome) -> None:
        if self.session.dirty:
            return  # typed meanwhile: the next autosave follows
        if self.session.failing:
            dismiss_errors(self.app)  # "not saved" is no longer true
        self.session.blocked = self.session.failing = False
        if outcome.written:
            self.set_status(f"Sparat {self.settings.clock().strftime('%H:%M:%S')}", "saved")
        elif self._status in ("Ej sparat", ""):
            self.set_status("Sparat", "saved")

    def _uneditable(self, outcome: Outcome) -> None:
        """tomlkit cannot edit the file: as before the deferred parse, it cannot be opened.

        Nothing is saved into it; what was typed meanwhile goes to a recovery file.
        """
        text = str(outcome.error)
        if self.session.dirty:
            recovered = self.session.recover()
            if recovered is not None:
                text += f"\n\nDet du hann skriva finns i {recovered}."
        self.close_draft()
        self.post_message(DraftUneditable(self, text))

    def _merged(self, outcome: Outcome) -> None:
        """A hand edit of other keys was merged: show its values and say so."""
        assert outcome.merge is not None
        self.session.take_merged(outcome.merge)
        self._show_draft_again()
        self._saved(outcome)
        names = ", ".join(label_for(key) for key in outcome.merge.taken) or "inga fält"
        self.notify(f"Filen hade ändrats utanför wizard. Ändringarna ({names}) har slagits "
                    "ihop med det du skrivit och sparats.", title="Ändringar ihopslagna",
                    timeout=8)

    def _conflict(self, outcome: Outcome) -> None:
        """A hand edit changed a key the person changed too: they choose."""
        self.session.blocked = True
        first = not self.session.failing
        self.session.failing = True
        self.set_status("Filen har ändrats på disken: välj vad som ska gälla", "error")
        merge = outcome.merge
        assert merge is not None
        if not outcome.explicit:
            # An autosave does not pop a dialog up while the person types: it says so once.
            if first:
                names = ", ".join(label_for(c.path) for c in merge.conflicts)
                self.notify(f"{self.draft_path.name} har ändrats utanför wizard i samma fält "
                            f"som du ändrat ({names}). Ctrl+S visar båda och låter dig välja; "
                            "inget av det du skrivit har försvunnit.",
                            title="Utkastet sparades inte", severity="error", timeout=15)
            return

        def chosen(choice: str | None) -> None:
            if choice in ("mine", "theirs"):
                self.session.resolve(merge, mine=choice == "mine")
                self._show_draft_again()
            elif choice == "save_as":
                self.action_save_as()

        rows = [(label_for(c.path), str_value(c.ours), str_value(c.theirs))
                for c in merge.conflicts]
        from wizard.tui.screens.conflict import ConflictDialog  # see `offer_rescue`

        self.app.push_screen(ConflictDialog(self.draft_path, rows), chosen)

    def _save_failed(self, outcome: Outcome) -> None:
        error = outcome.error
        assert error is not None
        first = not self.session.failing
        self.session.failing = True
        deleted = outcome.kind == "deleted"
        self.session.blocked = outcome.kind in ("changed", "deleted")
        message = str(error)
        if deleted:
            message = f"{self.draft_path}: filen har tagits bort från disken"
        self.set_status(f"Kunde inte spara: {message}", "error")
        where = self._where_text(outcome)
        if outcome.explicit:
            self.offer_rescue(outcome, message, where)
        elif first:
            keys = "F4 sparar under ett annat namn"
            if deleted:
                keys += ", Ctrl+S sparar filen på nytt"
            elif outcome.kind == "changed":
                keys += ", Ctrl+R läser om filen"
            self.notify(f"{message}\n\n{where} {keys}; Ctrl+S försöker igen.",
                        title="Utkastet sparades inte", severity="error", timeout=15)

    def _where_text(self, outcome: Outcome) -> str:
        """Where the unsaved text is, and where it can still go."""
        if outcome.recovered is not None:
            return f"Det du skrivit finns kvar här och i {outcome.recovered}."
        if outcome.kind in ("changed", "deleted"):
            return "Det du skrivit finns kvar."
        folders = " eller ".join(str(folder) for folder in rescue_folders(self.draft_path))
        place = f"en annan mapp ({folders})" if folders else "en annan mapp"
        return (f"Det du skrivit finns bara här: spara det i {place} med F4, "
                "eller kopiera det till urklipp (Ctrl+P, ”Kopiera utkastet”).")

    def offer_rescue(self, outcome: Outcome, message: str | None = None,
                     where: str | None = None) -> None:
        """Ask what to do with the unsaved text: save as, reload, overwrite, copy, keep editing."""
        message = message or str(outcome.error)
        where = where or self._where_text(outcome)
        changed = outcome.kind in ("changed", "deleted")
        choices = [("save_as", "Spara som…")]
        if outcome.kind == "changed":
            choices += [("reload", "Läs om"), ("overwrite", "Skriv över")]
        elif outcome.kind == "deleted":
            choices += [("overwrite", "Spara på nytt")]
        else:
            choices += [("copy", "Kopiera till urklipp")]
        choices.append(("cancel", "Fortsätt skriva"))
        waits = ("Autosparandet väntar tills du väljer." if changed
                 else "Autosparandet försöker igen när du skriver.")
        text = f"{message}\n\n{where} {waits}"

        def chosen(choice: str | None) -> None:
            if choice == "save_as":
                self.action_save_as()
            elif choice == "reload":
                self.reload()
            elif choice == "overwrite":
                self.session.overwrite()
            elif choice == "copy":
                self.action_copy_draft()

        # The dialogs' modules are imported when a dialog is first shown: ~4 ms less
        # before a draft's first frame.
        from wizard.tui.screens.dialogs import ChoiceDialog

        self.app.push_screen(ChoiceDialog("Utkastet sparades inte", text, choices, error=True),
                             chosen)

    def action_save(self) -> None:
        if self.read_only:
            self.notify("Utkastet är skrivskyddat; använd Spara som (F4) för en egen kopia.",
                        severity="warning")
            return
        self.session.blocked = self.session.failing = False
        self.session.request_save(explicit=True)

    def action_save_as(self) -> None:
        def chosen(target: Path | None) -> None:
            if target is not None:
                self.session.request_save_as(target)

        note = ""
        if self.session.failing:
            folders = ", ".join(str(folder) for folder in rescue_folders(self.draft_path))
            note = f"Välj en annan mapp om den här är full eller skrivskyddad ({folders})."
        from wizard.tui.screens.dialogs import SaveAsDialog  # see `offer_rescue`

        self.app.push_screen(
            SaveAsDialog(self.draft_path, note, suggestion=self.proposed_path()), chosen)

    def proposed_path(self) -> Path | None:
        """A file name from the current title (F4), when it is not the draft's own name."""
        title = self.draft.referral.title.strip()
        if not title:
            return None
        name = draft_filename(title)
        if name == self.draft_path.name:
            return None
        return unique_path(self.draft_path.parent, name)

    def action_copy_draft(self) -> None:
        """The whole draft, as its TOML file, to the clipboard (when no file can be written)."""
        self.app.copy_to_clipboard(self.session.as_text())
        self.notify("Hela utkastet finns nu i urklipp, som TOML-text. Klistra in det i en "
                    "textfil och spara den som NAMN.toml.", title="Kopierat")

    def _saved_as(self, outcome: Outcome) -> None:
        assert outcome.path is not None
        was_read_only = self._shown_read_only
        self._show_title()
        if was_read_only:
            self._show_draft_again()
        self._saved(outcome)
        self.notify(f"Sparat som {visible(str(outcome.path))}", title="Sparat", markup=False)

    def _show_draft_again(self) -> None:
        """Give the views the draft again (reload, merge, a copy saved from a read-only window)."""
        focused = self.focused
        self._prepare_copy(self.draft)  # the cursors as they are now, not as last saved
        for view in self.query(StepView):
            view.show_draft(self.draft, read_only=self.read_only)
        self._shown_read_only = self.read_only
        self.refresh_states()
        self._check_case()
        if focused is not None and focused.is_attached and self.focused is not focused:
            self.set_focus(focused)

    def action_reload(self) -> None:
        from wizard.tui.screens.dialogs import ChoiceDialog  # see `offer_rescue`

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
            self.session.reload()
        except WizardError as error:
            self.notify(str(error), title="Kunde inte läsa om", severity="error")
            return
        self._show_draft_again()
        if self.has_view(self.current_step):
            self._enter_step(self.current_step)
        dismiss_errors(self.app)  # what they said was about the text just replaced
        self.set_status("Utkastet lästes om från disken", "saved")

    def flush(self) -> Exception | None:
        """Save now, in the calling thread (signals); the error when it failed."""
        return self.session.flush()

    def close_draft(self) -> None:
        """Finish the saves asked for, then give the lock up (on exit)."""
        if self._autosave is not None:
            self._autosave.stop()
        self.session.stop()
        self.session.release()

    def on_unmount(self) -> None:
        # However the app ends (not only by Ctrl+Q): the saves already asked for finish
        # before the lock is given up, and the save worker does not outlive the screen.
        self.session.stop()
        self.session.release()
        heap.release()

    # ------------------------------------------------------------ commands

    def commands(self) -> list[tuple[str, str, object]]:
        """Palette commands of the editor and the current step."""
        items: list[tuple[str, str, object]] = [
            ("Spara", "Spara utkastet nu (Ctrl+S)", self.action_save),
            ("Spara som…", "Spara utkastet under ett annat namn (F4)", self.action_save_as),
            ("Kopiera utkastet till urklipp", "Hela utkastet som TOML-text, när inget kan sparas",
             self.action_copy_draft),
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
