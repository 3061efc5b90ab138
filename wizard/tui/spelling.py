"""Spell marks while typing: the checker process, the text widgets that show its marks, F8.

(F8's dialog is `wizard.tui.screens.spelling_dialog`, imported when first shown.)

The dictionary lives in a process of its own (`SpellService`, started when the
first text widget mounts): loading it takes seconds of pure Python, and each
check runs there too, so the event loop never waits for it and typing feels the
same with spelling on. A widget asks for a check `CHECK_DELAY` after the last
keystroke; the answer comes back as a message, and the misspelt words are
underlined in red (`MARK_STYLE`: the underline also reads in monochrome).

Words the person adds (F8, "Lägg till i min ordlista") go to their word list
in the config folder; words ignored in this draft go to its ``[wizard]
ignored_words``. Both are applied here, so they take effect without asking the
checker process again. ``WIZARD_SPELLING=0`` turns spelling off (the test suite
does, except in the tests of spelling).
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import subprocess
import sys
import threading
import weakref
from abc import abstractmethod
from collections.abc import Callable
from time import monotonic
from typing import Any, ClassVar

from rich.highlighter import Highlighter
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from wizard.errors import WizardError
from wizard.model.text import visible
from wizard.tui.widgets.text_area import WizardInput, WizardTextArea

CHECK_DELAY = 0.4  # seconds after the last keystroke
START_DELAY = 0.5  # seconds after a text widget is first drawn: the checker process starts
MARK = "wizard.misspelt"
MARK_STYLE = Style(color="red", underline=True)
SPELL_KEY = "f8"

INSTALL_MESSAGE = (
    "Stavningskontrollen är avstängd: den kunde inte starta. Installera ordlistan och "
    "stavningsmotorn med: .venv/bin/pip install hunspell-sv spylls (eller kör make run igen)."
)

ADD = "__add__"
IGNORE = "__ignore__"


def spelling_enabled() -> bool:
    return os.environ.get("WIZARD_SPELLING", "1").strip() not in ("0", "nej", "no", "off")


class SpellService:
    """The checker process and the person's own words; one per wizard process."""

    def __init__(self) -> None:
        self.state = "off"  # off → loading → ready | missing
        self.message = ""
        self.told = False  # the missing dictionary or a broken list has been said once
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._next_id = 0
        self._replies: dict[int, Callable[[Any], None]] = {}
        self._outbox: queue.Queue[str | None] = queue.Queue()
        self._widgets: weakref.WeakSet[Widget] = weakref.WeakSet()
        self.personal: Any = None
        self.personal_error = ""

    # -------------------------------------------------------- life

    def start(self) -> None:
        """Start the checker process (once); it loads the dictionary meanwhile."""
        with self._lock:
            if self._process is not None or self.state != "off":
                return
            self.state = "loading"
        self.load_personal()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "wizard.storage.speller"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                encoding="utf-8", errors="surrogateescape",
            )
        except OSError as error:  # no process can be made here: spelling off, said once
            self._arrived(["missing", f"Stavningskontrollen kunde inte startas ({error})."])
            return
        atexit.register(self.close)
        threading.Thread(target=self._write, name="spelling-write", daemon=True).start()
        threading.Thread(target=self._read, name="spelling-read", daemon=True).start()
        self._ask("status", None, self._arrived)

    def _ask(self, op: str, arg: object, reply: Callable[[Any], None]) -> None:
        """Queue a request; ``reply`` gets the answer, from the reading thread."""
        with self._lock:
            self._next_id += 1
            self._replies[self._next_id] = reply
            self._outbox.put(json.dumps({"id": self._next_id, "op": op, "arg": arg}) + "\n")

    def _write(self) -> None:
        """Send requests (in a thread: a long text would fill the pipe while the process loads)."""
        process = self._process
        while process is not None and process.stdin is not None:
            line = self._outbox.get()
            if line is None:
                return
            try:
                process.stdin.write(line)
                process.stdin.flush()
            except (OSError, ValueError):
                return

    def _read(self) -> None:
        process = self._process
        if process is None or process.stdout is None:
            return
        for line in process.stdout:
            try:
                answer = json.loads(line)
            except ValueError:
                continue
            with self._lock:
                reply = self._replies.pop(answer.get("id"), None)
            if reply is not None:
                reply(answer.get("result"))
        if self.state == "loading":  # the process ended before it was ready
            self._arrived(["missing", INSTALL_MESSAGE])

    def _arrived(self, status: list[str] | None) -> None:
        state, message = status or ("missing", INSTALL_MESSAGE)
        self.state, self.message = state, message
        for widget in list(self._widgets):
            widget.post_message(SpellStatus(self.state))

    def close(self) -> None:
        process, self._process = self._process, None
        self._outbox.put(None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def attach(self, widget: Widget) -> None:
        """``widget`` hears when the checker is ready (or missing)."""
        self._widgets.add(widget)

    # -------------------------------------------------------- words

    def load_personal(self) -> None:
        """Read the person's word list; a broken one is named once and left out."""
        from wizard.storage.language import WordListError, personal_word_list, read_word_list
        from wizard.storage.speller import WordSet

        try:
            self.personal = WordSet(read_word_list(personal_word_list()))
            self.personal_error = ""
        except WordListError as error:
            self.personal = WordSet()
            self.personal_error = f"Din ordlista används inte: {error}"

    def add_personal(self, word: str) -> str | None:
        """Add ``word`` to the person's list; None, or why it could not be written."""
        from wizard.storage.language import add_word, personal_word_list

        try:
            add_word(personal_word_list(), word)
        except (WizardError, OSError) as error:
            return str(error)
        if self.personal is not None:
            self.personal.add(word)
        return None

    def accepted(self, word: str, ignored: list[str]) -> bool:
        """The person accepts ``word``: in their list or ignored in this draft."""
        if self.personal is not None and word in self.personal:
            return True
        return word in ignored

    # -------------------------------------------------------- questions

    def check(self, text: str, reply: Callable[[list[tuple[int, int, str]] | None], None]) -> None:
        """Check ``text`` in the checker process; ``reply`` is called from another thread."""
        if self._process is None or self.state != "ready":
            return
        self._ask("check", text, reply)

    def suggest(self, word: str, reply: Callable[[list[str]], None]) -> None:
        if self._process is None or self.state != "ready":
            reply([])
            return
        self._ask("suggest", word, lambda words: reply(words or []))


_service: SpellService | None = None


def spelling_service() -> SpellService:
    """The process's checker (made on first use)."""
    global _service
    if _service is None:
        _service = SpellService()
    return _service


def set_spelling_service(service: SpellService | None) -> None:
    """Use ``service`` from now on (tests: a checker with another dictionary)."""
    global _service
    _service = service


class SpellStatus(Message):
    """The checker process is ready, or has no dictionary."""

    def __init__(self, state: str) -> None:
        super().__init__()
        self.state = state


class SpellChecked(Message):
    """The checker's answer for the text of edit ``generation``."""

    def __init__(self, generation: int, spans: list[tuple[int, int, str]] | None) -> None:
        super().__init__()
        self.generation = generation
        self.spans = spans


# ---------------------------------------------------------------- the shared behaviour


class SpellMarked:
    """What a spell-marked widget does; mixed into `SpellTextArea` and `SpellInput`."""

    spell_generation: int
    _spell_timer: Timer | None
    _spell_last_edit: float

    def _spell_init(self) -> None:
        self.spell_generation = 0
        self._spell_timer = None
        self._spell_last_edit = 0.0
        self.spell_checked = False  # an answer arrived (tests wait for this)

    # The hooks each widget implements (`SpellTextArea` and `SpellInput` both do): the
    # mixin's shared logic reads and marks text only through them. `abstractmethod`
    # lets mypy hold every widget to all five; an ABC metaclass would clash with
    # Textual's widget classes, so nothing is checked at run time.
    @abstractmethod
    def spell_text(self) -> str: ...

    @abstractmethod
    def spell_apply(self, spans: list[tuple[int, int, str]]) -> None: ...

    @abstractmethod
    def spell_marks(self) -> list[tuple[int, int, str]]:
        """The marked words as (start, end, word) offsets in the text."""

    @abstractmethod
    def spell_replace(self, start: int, end: int, text: str) -> None: ...

    @abstractmethod
    def spell_cursor(self) -> int: ...

    def _spell_mount(self) -> None:
        widget: Any = self
        if not spelling_enabled():
            return
        service = spelling_service()
        service.attach(widget)
        # A moment after the first paint, not after the mount (on a busy machine the
        # first frame can come later than that): starting a process is not free.
        widget.call_after_refresh(widget.set_timer, START_DELAY, service.start)
        if service.state in ("ready", "missing"):
            self._spell_tell(service)
        if service.state == "ready":
            self.spell_schedule()

    def _spell_tell(self, service: SpellService) -> None:
        """Say once per wizard run that spelling is off, or that a word list is broken."""
        widget: Any = self
        notes = [note for note in (service.message, service.personal_error) if note]
        if notes and not service.told:
            service.told = True
            widget.notify(visible("\n\n".join(notes)), title="Stavning", severity="warning",
                          timeout=12)

    # Textual finds these handlers by name along the class's MRO, the mixin's too.
    def on_spell_status(self, event: SpellStatus) -> None:
        event.stop()
        service = spelling_service()
        self._spell_tell(service)
        if event.state == "ready":
            self.spell_schedule(at_once=True)

    def spell_schedule(self, *, at_once: bool = False) -> None:
        """Check `CHECK_DELAY` after the last edit (one timer per pause, not per key)."""
        widget: Any = self
        if not widget.is_mounted or not spelling_enabled():
            return
        self.spell_generation += 1
        self._spell_last_edit = monotonic() - (CHECK_DELAY if at_once else 0)
        if self._spell_timer is None:
            self._spell_timer = widget.set_timer(0.01 if at_once else CHECK_DELAY, self._spell_due)

    def _spell_due(self) -> None:
        widget: Any = self
        self._spell_timer = None
        remaining = self._spell_last_edit + CHECK_DELAY - monotonic()
        if remaining > 0.005:
            self._spell_timer = widget.set_timer(remaining, self._spell_due)
            return
        generation = self.spell_generation
        spelling_service().check(
            self.spell_text(),
            lambda spans: widget.post_message(SpellChecked(generation, spans)),
        )

    def on_spell_checked(self, event: SpellChecked) -> None:
        event.stop()
        if event.generation != self.spell_generation or event.spans is None:
            return  # typed meanwhile: the next answer comes after the next pause
        service = spelling_service()
        ignored = self.ignored_words()
        spans = [(int(start), int(end), str(word)) for start, end, word in event.spans]
        self.spell_apply([span for span in spans if not service.accepted(span[2], ignored)])
        self.spell_checked = True

    def ignored_words(self) -> list[str]:
        widget: Any = self
        draft = getattr(widget.screen, "draft", None)
        return list(getattr(draft, "ignored_words", []) or [])

    def refilter(self) -> None:
        """Drop the marks of words the person now accepts."""
        service = spelling_service()
        ignored = self.ignored_words()
        self.spell_apply([m for m in self.spell_marks() if not service.accepted(m[2], ignored)])

    # -------------------------------------------------------- F8

    def action_spelling(self) -> None:
        """Offer corrections for the marked word at the cursor (or the next one)."""
        widget: Any = self
        service = spelling_service()
        if not spelling_enabled() or service.state in ("off", "missing"):
            widget.notify(service.message or "Stavningskontrollen är avstängd.",
                          title="Stavning", severity="warning")
            return
        if service.state == "loading":
            widget.notify("Ordlistan läses in; försök igen om några sekunder.", title="Stavning")
            return
        marks = self.spell_marks()
        if not marks:
            widget.notify("Inga felstavade ord i fältet.", title="Stavning")
            return
        cursor = self.spell_cursor()
        mark = next((m for m in marks if m[0] <= cursor <= m[1]), None)
        if mark is None:
            mark = next((m for m in marks if m[0] > cursor), marks[0])
        start, end, word = mark

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            if choice == ADD:
                problem = service.add_personal(word)
                if problem:
                    widget.notify(visible(problem), title="Ordet lades inte till",
                                  severity="error")
                    return
                for other in widget.screen.query("*"):
                    if isinstance(other, SpellMarked):
                        other.refilter()
                widget.notify(f"”{visible(word, limit=40)}” finns nu i din ordlista.",
                              title="Stavning")
            elif choice == IGNORE:
                self._ignore(word)
            elif getattr(widget, "read_only", False) or widget.disabled:
                widget.notify("Utkastet är skrivskyddat.", severity="warning")
            elif self.spell_text()[start:end] == word:
                self.spell_replace(start, end, choice)
            widget.focus()

        # F8's dialog is imported when first asked for: ~1 ms less before the first frame.
        from wizard.tui.screens.spelling_dialog import SpellDialog, word_in_context

        widget.app.push_screen(
            SpellDialog(word, context=word_in_context(self.spell_text(), start, end)), chosen)

    def _ignore(self, word: str) -> None:
        widget: Any = self
        draft = getattr(widget.screen, "draft", None)
        if draft is None or getattr(widget.screen, "read_only", False):
            widget.notify("Utkastet är skrivskyddat.", severity="warning")
            return
        if word not in draft.ignored_words:
            draft.ignored_words.append(word)
            from wizard.tui.steps.base import StepView

            widget.post_message(StepView.Edited("wizard.ignored_words"))
        for other in widget.screen.query("*"):
            if isinstance(other, SpellMarked):
                other.refilter()


# ---------------------------------------------------------------- the widgets


class SpellTextArea(SpellMarked, WizardTextArea):
    """A TextArea whose misspelt words are underlined; F8 offers corrections.

    The marks are TextArea highlights (the mechanism its syntax highlighting
    uses), kept per line. After an edit a mark stays while its word is still
    where it was and the cursor is not in it, so marks do not blink while typing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(SPELL_KEY, "spelling", "Stavning",
                tooltip="Stavning: förslag till det understrukna ordet, lägg till, ignorera"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._spell_init()
        self._marks: list[tuple[int, int, int, str]] = []  # (row, start column, end column, word)
        self._marked_lines = self.document.line_count

    def on_mount(self) -> None:
        self._spell_mount()

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        import dataclasses

        styles = {**self._theme.syntax_styles, MARK: MARK_STYLE}
        self._theme = dataclasses.replace(self._theme, syntax_styles=styles)

    def load_text(self, text: str) -> None:
        self._marks = []
        self._marked_lines = -1
        super().load_text(text)

    def _build_highlight_map(self) -> None:
        """Textual's hook after every edit: keep the marks still valid, then check later.

        Without a syntax language Textual only clears the highlights here; doing
        that ourselves keeps the marks of every line but the cursor's, so a
        keystroke costs the same with many marks as with none. An edit that adds
        or removes lines drops the marks until the next check (rows moved).
        """
        if not hasattr(self, "_marks") or self.language is not None:
            super()._build_highlight_map()
            if hasattr(self, "_marks"):
                self._highlight_marks()
            return
        self._line_cache.clear()
        lines = self.document.line_count
        if lines != self._marked_lines:
            self._marks = []
            self._highlights.clear()
            self._marked_lines = lines
        elif self._marks:
            row, column = self.cursor_location
            before = len(self._marks)
            line = self.document.get_line(row)
            self._marks = [
                mark for mark in self._marks
                if mark[0] != row or (line[mark[1]:mark[2]] == mark[3]
                                      and not mark[1] <= column <= mark[2])
            ]
            if len(self._marks) != before:
                self._highlight_marks()
        if self.is_mounted:
            self.spell_schedule()

    def _highlight_marks(self) -> None:
        highlights = self._highlights
        if self.language is None:
            highlights.clear()  # only marks live here
        else:
            for row in list(highlights):
                highlights[row] = [h for h in highlights[row] if h[2] != MARK]
        for row, start, _end, word in self._marks:
            line = self.document.get_line(row)
            byte_start = len(line[:start].encode())
            highlights[row].append((byte_start, byte_start + len(word.encode()), MARK))
        self._marked_lines = self.document.line_count
        self._line_cache.clear()

    def spell_text(self) -> str:
        return self.text

    def _offsets(self) -> list[int]:
        starts, offset = [], 0
        for line in self.document.lines:
            starts.append(offset)
            offset += len(line) + 1
        return starts

    def spell_apply(self, spans: list[tuple[int, int, str]]) -> None:
        starts = self._offsets()
        marks = []
        row = 0
        for start, end, word in sorted(spans):
            while row + 1 < len(starts) and starts[row + 1] <= start:
                row += 1
            column = start - starts[row]
            marks.append((row, column, column + (end - start), word))
        self._marks = marks
        self._highlight_marks()
        self.refresh()

    def spell_marks(self) -> list[tuple[int, int, str]]:
        starts = self._offsets()
        return [(starts[row] + start, starts[row] + end, word)
                for row, start, end, word in self._marks]

    def spell_cursor(self) -> int:
        row, column = self.cursor_location
        return self._offsets()[row] + column

    def spell_replace(self, start: int, end: int, text: str) -> None:
        starts = self._offsets()

        def locate(offset: int) -> tuple[int, int]:
            row = max(n for n, line_start in enumerate(starts) if line_start <= offset)
            return row, offset - starts[row]

        self.replace(text, locate(start), locate(end))


class _MarkHighlighter(Highlighter):
    """Underlines an Input's marked words (Input draws its text through a highlighter)."""

    def __init__(self) -> None:
        self.marks: list[tuple[int, int, str]] = []

    def highlight(self, text: Text) -> None:
        plain = text.plain
        for start, end, word in self.marks:
            if plain[start:end] == word:
                text.stylize(MARK_STYLE, start, end)


class SpellInput(SpellMarked, WizardInput):
    """A one-line Input whose misspelt words are underlined; F8 offers corrections."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(SPELL_KEY, "spelling", "Stavning",
                tooltip="Stavning: förslag till det understrukna ordet, lägg till, ignorera"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._spell_init()
        self._marker = _MarkHighlighter()
        kwargs["highlighter"] = self._marker
        super().__init__(*args, **kwargs)

    def on_mount(self) -> None:
        self._spell_mount()

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            self.spell_schedule()

    def spell_text(self) -> str:
        return self.value

    def spell_apply(self, spans: list[tuple[int, int, str]]) -> None:
        self._marker.marks = list(spans)
        self.refresh()

    def spell_marks(self) -> list[tuple[int, int, str]]:
        value = self.value
        return [m for m in self._marker.marks if value[m[0]:m[1]] == m[2]]

    def spell_cursor(self) -> int:
        return self.cursor_position

    def spell_replace(self, start: int, end: int, text: str) -> None:
        self.value = self.value[:start] + text + self.value[end:]
        self.cursor_position = start + len(text)
