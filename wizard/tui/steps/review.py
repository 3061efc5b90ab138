"""Step "Granska och skapa": the statement as it will read, what it lacks, and the document.

The preview is Markdown made by `wizard.render.preview.preview_chunks` from
the same content the Word document is made from, re-rendered when the step is
shown (never per keystroke). It takes focus (Tab), scrolls with the page keys,
and its arrow keys move a marked paragraph: Enter (or a click) goes to the
field, and the line of its text, that wrote that paragraph. The list of issues
is `validate()` followed by the genre checks, then the klarspråk advice
(`wizard.model.language`: LIX per section, long sentences, repeated words,
officialese), marked "~ Språk" and never counted as a fault; choosing one posts
`StepView.JumpTo`, and the editor goes to the field (and, for advice, to its
line). "Skapa dokument" calls the same function as ``wizard render``, in a
thread worker, and says where the file
was written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Label, OptionList, Static
from textual.widgets.option_list import Option

from wizard.errors import WizardError
from wizard.model import Draft
from wizard.model.language import OfficialeseList
from wizard.model.review import review_issues
from wizard.model.text import visible
from wizard.model.validation import Issue
from wizard.render.preview import PreviewChunk, line_of_paragraph
from wizard.tui.steps.base import Command, StepView
from wizard.tui.widgets.confirm_render import ConfirmDraftRender
from wizard.tui.widgets.toasts import dismiss_errors


def issue_prompt(issue: Issue) -> Content:
    """One line of the issue list: a mark for errors and warnings, then the message."""
    if issue.is_error:
        return Content.from_markup("[$text-error]✗ Fel[/] $message", message=issue.message)
    return Content.from_markup("[$text-warning]! Varning[/] $message", message=issue.message)


def advice_prompt(issue: Issue) -> Content:
    """One line of klarspråk advice: marked as language advice, not as a fault."""
    return Content.from_markup("[$text-accent]~ Språk[/] $message", message=issue.message)


@dataclass(frozen=True)
class DocumentRequest:
    """What to make: from which draft, to where, with or without PDF."""

    draft: Draft
    output: Path
    pdf: bool
    allow_incomplete: bool
    today: dt.date | None


def make_document(request: DocumentRequest) -> tuple[list[Path], list[str]]:
    """Make the .docx (and PDF) with the same function as ``wizard render``.

    Returns the files written and the renderer's warnings (characters left out,
    a word list that cannot be read). The words of the spell checker's word lists
    and the draft's ignored words are left unproofed in Word, as ``wizard render``
    leaves them.
    """
    from wizard.render import convert_to_pdf, render_statement
    from wizard.render.pdf import missing_glyphs
    from wizard.storage.language import proofing_words
    from wizard.storage.targets import check_output_target

    # The rule `wizard render` follows: only a document of its kind is replaced.
    output = check_output_target(request.output, "docx").path
    if request.pdf:
        check_output_target(output.with_suffix(".pdf"), "pdf")
    words, word_list_problems = proofing_words()
    result = render_statement(
        request.draft,
        output,
        allow_incomplete=request.allow_incomplete,
        today=request.today,
        accepted_words=words,
    )
    written = [result.path]
    warnings = [removed.message for removed in result.removed] + word_list_problems
    if request.pdf:
        try:
            written.append(convert_to_pdf(result.path))
            warnings.extend(missing_glyphs(request.draft))
        except WizardError as error:  # the .docx is made all the same: say so, and why not PDF
            warnings.append(f"Ingen PDF: {error}")
    return written, warnings


def libreoffice_available() -> bool:
    """Whether a PDF can be made here (LibreOffice found the way the renderer finds it)."""
    from wizard.render.pdf import find_soffice

    return find_soffice() is not None


# The Markdown widget's blocks that are one chunk each (list items hold paragraphs).
LEAF_BLOCKS = "MarkdownParagraph, MarkdownHeader"


class PreviewPane(VerticalScroll, can_focus=True):
    """The statement as it will read; a marked paragraph leads to where it was written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go_to_source", "Gå till texten", show=True,
                tooltip="Gå till fältet och raden som skrev det markerade stycket"),
        Binding("down", "move(1)", "Nästa stycke", show=False),
        Binding("up", "move(-1)", "Förra stycket", show=False),
        Binding("pagedown", "page(1)", "Bläddra ner", show=False),
        Binding("pageup", "page(-1)", "Bläddra upp", show=False),
        Binding("home", "edge(0)", "Början", show=False),
        Binding("end", "edge(-1)", "Slutet", show=False),
    ]

    class SourceChosen(Message):
        """The person chose a paragraph: go to ``field``, at ``line`` of its text."""

        def __init__(self, field: str, line: int | None) -> None:
            super().__init__()
            self.field = field
            self.line = line

    def __init__(self, *children: Widget, id: str | None = None) -> None:
        super().__init__(*children, id=id)
        self.chunks: list[PreviewChunk] = []  # the chunks that show, in order
        self.draft: Draft | None = None
        self.current = 0
        self._blocks: list[Widget] | None = None

    def show(self, chunks: list[PreviewChunk], markdown: str, draft: Draft) -> None:
        """Show ``markdown``, made of ``chunks``; the mark is set once its blocks are built."""
        from textual.widgets import Markdown

        self.chunks = [chunk for chunk in chunks if chunk.shows]
        self.draft = draft
        self._blocks = None
        self.current = min(self.current, max(len(self.chunks) - 1, 0))
        self.app.call_later(self._when_built, self.query_one(Markdown).update(markdown))

    async def _when_built(self, update: Awaitable[object]) -> None:
        await update
        self._mark(self.current, scroll=False)

    def blocks(self) -> list[Widget]:
        """The preview's paragraph and heading widgets, one per chunk; [] when they disagree.

        Each chunk is one paragraph, heading or list item, so that the n-th block is
        the n-th chunk; should the Markdown ever make another number of blocks, no
        paragraph leads anywhere rather than to the wrong field.
        """
        if self._blocks is None or any(not block.is_attached for block in self._blocks):
            found = list(self.query(LEAF_BLOCKS))
            if len(found) != len(self.chunks):  # not built yet (or never agreeing)
                return []
            self._blocks = found
        return self._blocks

    def _mark(self, index: int, *, scroll: bool = True) -> None:
        blocks = self.blocks()
        if not blocks:
            return
        index = min(max(index, 0), len(blocks) - 1)
        blocks[self.current if self.current < len(blocks) else 0].remove_class("-current")
        self.current = index
        blocks[index].add_class("-current")
        if scroll:
            self.scroll_to_widget(blocks[index], animate=False)

    def on_focus(self) -> None:
        self._mark(self.current, scroll=False)

    def action_move(self, step: int) -> None:
        if not self.blocks():
            self.scroll_relative(y=step, animate=False)
            return
        self._mark(self.current + step)

    def action_page(self, direction: int) -> None:
        """Scroll a page and mark the first paragraph whose top shows."""
        blocks = self.blocks()
        # Where each block starts in the whole preview, taken before the scroll moves them.
        top, offset = self.content_region.y, self.scroll_y
        starts = [block.region.y - top + offset for block in blocks]
        page = self.scrollable_content_region.height
        target = min(max(offset + direction * page, 0), self.max_scroll_y)
        self.scroll_to(y=target, animate=False)
        if blocks:
            first = next((n for n, start in enumerate(starts) if start >= target),
                         len(blocks) - 1)
            self._mark(first, scroll=False)

    def action_edge(self, index: int) -> None:
        if index < 0:
            self.scroll_end(animate=False)
            self._mark(len(self.chunks) - 1, scroll=False)
        else:
            self.scroll_home(animate=False)
            self._mark(0, scroll=False)

    def action_go_to_source(self) -> None:
        self.choose(self.current)

    def choose(self, index: int) -> None:
        """Go to the field (and line) that wrote chunk ``index``."""
        if not self.blocks() or not 0 <= index < len(self.chunks):
            return
        chunk = self.chunks[index]
        if chunk.field is None:
            self.notify("Det här stycket står i mallen och ändras inte i utkastet.",
                        title="Inget fält")
            return
        line = None
        if self.draft is not None and chunk.field.startswith(("texts.", "directions[")):
            text = self.draft.get(chunk.field)
            if isinstance(text, str):
                line = line_of_paragraph(text, chunk.paragraph)
        self.post_message(self.SourceChosen(chunk.field, line))

    def on_click(self, event: events.Click) -> None:
        """A click on a paragraph marks it and goes to where it was written."""
        blocks = self.blocks()
        widget: Widget | None = event.widget
        while widget is not None and widget is not self:
            if widget in blocks:
                event.stop()
                index = blocks.index(widget)
                self.focus()
                self._mark(index, scroll=False)
                self.choose(index)
                return
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None


class IssueList(OptionList):
    """The draft's errors and warnings; Enter or a click goes to the field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Gå till fältet", show=True),
    ]


class ReviewView(StepView):
    """The whole statement, its issues, and the button that makes the document."""

    step_id = "review"
    HELP_WIDGETS = (PreviewPane, IssueList)
    STYLESHEET = "lists.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "make_document", "Skapa dokument", show=True),
        Binding("p", "toggle_pdf", "Även PDF", show=True),
    ]

    class DocumentMade(Message):
        """The worker wrote the document (``paths``) or failed (``error``)."""

        def __init__(self, paths: list[Path], warnings: list[str] | None = None,
                     error: str | None = None) -> None:
            super().__init__()
            self.paths = paths
            self.warnings = warnings or []
            self.error = error

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.issues: list[Issue] = []
        self.advice: list[Issue] = []  # klarspråk: shown after the issues, never blocking
        self.making = False
        self._shown_preview: str | None = None
        self._officialese: OfficialeseList | None = None
        self._officialese_problem = ""

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # Imported here: the Markdown widget loads markdown-it (~35 ms), which only this
        # step needs, and only once it is shown.
        from textual.widgets import Markdown

        yield Label("Granska och skapa", classes="step-title")
        with PreviewPane(id="review-preview"):
            yield Markdown("", id="review-markdown")
        yield Static("", id="review-summary")
        yield IssueList(id="review-issues")
        with Horizontal(id="review-actions"):
            yield Button("Skapa dokument", id="review-make", variant="primary", compact=True)
            yield Checkbox("Även PDF", id="review-pdf", compact=True)
        yield Static("", id="review-status")

    def on_mount(self) -> None:
        pdf = self.query_one("#review-pdf", Checkbox)
        if not libreoffice_available():
            pdf.disabled = True
            pdf.label = "Även PDF (LibreOffice saknas)"
            pdf.tooltip = "PDF görs med LibreOffice (soffice), som inte finns på den här datorn."
        self._show_pdf_choice()
        self._refresh()
        if not self.read_only:
            self._warm_template()

    @work(thread=True, exclusive=True, group="warm-template", exit_on_error=False)
    def _warm_template(self) -> None:
        """Read and compile the Word template while the person reads the preview.

        "Skapa dokument" then only renders: the first document of a session would
        otherwise also pay for reading the template (about 300 ms against 60 ms in
        the bench's "Skapa dokument" rows). A template that cannot be used is said
        when the document is made, not here.
        """
        from wizard.render.api import get_template

        with contextlib.suppress(WizardError):
            get_template()

    # ------------------------------------------------------------ the model in

    def today(self) -> dt.date | None:
        """The day checks and the default statement date use; the app's clock when it has one."""
        clock = getattr(self.app, "today", None)
        if callable(clock):
            value = clock()
            return value if isinstance(value, dt.date) else None
        return clock if isinstance(clock, dt.date) else None

    def show_draft(self, draft: Draft, *, read_only: bool) -> None:
        super().show_draft(draft, read_only=read_only)
        if self.is_mounted:
            self._show_pdf_choice()
        if self.is_mounted and self.display:
            self.refresh_from_draft()

    def _show_pdf_choice(self) -> None:
        """Tick "Även PDF" as the draft remembers it (without reporting a change)."""
        if self.draft is None:
            return
        pdf = self.query_one("#review-pdf", Checkbox)
        wanted = self.draft.pdf and not pdf.disabled
        if pdf.value != wanted:
            with pdf.prevent(Checkbox.Changed):
                pdf.value = wanted

    @on(Checkbox.Changed, "#review-pdf")
    def _pdf_changed(self, event: Checkbox.Changed) -> None:
        """The person's choice is the draft's: saved in ``[wizard]``, there on reopening."""
        event.stop()
        if self.draft is None or self.read_only or self.draft.pdf == event.value:
            return
        self.draft.pdf = event.value
        self.edited("wizard.pdf")

    def refresh_from_draft(self) -> None:
        """Re-render the preview and the issue list from the draft as it is now."""
        if self.is_mounted:
            self._refresh()

    def _refresh(self) -> None:
        if self.draft is None:
            return
        from wizard.render.preview import chunks_markdown, preview_chunks

        today = self.today()
        try:
            chunks = preview_chunks(self.draft, today=today)
            preview = chunks_markdown(chunks)
        except Exception as error:  # the preview must never take the editor down
            chunks = []
            preview = f"*Förhandsgranskningen kunde inte visas ({type(error).__name__}).*"
        pane = self.query_one(PreviewPane)
        if preview != self._shown_preview:  # rebuilding Markdown costs ~0.1 s: only on change
            self._shown_preview = preview
            pane.show(chunks, preview, self.draft)
        else:
            pane.draft = self.draft
        self.issues = review_issues(self.draft, today)
        self.advice = self._language_advice()
        issue_list = self.query_one(IssueList)
        issue_list.clear_options()
        issue_list.add_options(
            [Option(issue_prompt(issue), id=f"issue-{n}") for n, issue in enumerate(self.issues)]
            + [Option(advice_prompt(issue), id=f"advice-{n}")
               for n, issue in enumerate(self.advice)]
        )
        if self.issues or self.advice:
            issue_list.highlighted = 0
        # no empty box when there is nothing to fix
        issue_list.display = bool(self.issues or self.advice)
        errors = sum(issue.is_error for issue in self.issues)
        warnings = len(self.issues) - errors
        summary = self.query_one("#review-summary", Static)
        summary.set_class(errors > 0, "-errors")
        advice = f" {len(self.advice)} språkråd." if self.advice else ""
        if not self.issues:
            summary.update("Inga fel eller varningar: dokumentet kan skapas." + advice)
        else:
            counts = [
                f"{errors} fel" if errors else "",
                f"{warnings} varning{'ar' if warnings != 1 else ''}" if warnings else "",
            ]
            draft_note = " Skapas som UTKAST tills felen är rättade." if errors else ""
            summary.update(
                f"{' och '.join(c for c in counts if c)}. Välj en rad (Enter) för att gå "
                f"till fältet.{draft_note}{advice}"
            )
        self.query_one("#review-make", Button).disabled = self.read_only

    def focus_field(self, path: str) -> bool:
        if path in ("review", ""):
            self.query_one(IssueList).focus()
            return True
        return False

    # ------------------------------------------------------------ choosing an issue

    @on(PreviewPane.SourceChosen)
    def _source_chosen(self, event: PreviewPane.SourceChosen) -> None:
        event.stop()
        self.post_message(self.JumpTo(event.field, event.line))

    @on(OptionList.OptionSelected, "#review-issues")
    def _issue_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if index < len(self.issues):
            self.post_message(self.JumpTo(self.issues[index].field))
            return
        advice = self.advice[index - len(self.issues)]
        line = getattr(advice, "line", None)  # 1-based; JumpTo counts from 0
        self.post_message(self.JumpTo(advice.field, line - 1 if line else None))

    # ------------------------------------------------------------ klarspråk

    def _language_advice(self) -> list[Issue]:
        """Klarspråk advice (warnings, after the others) and the LIX line; never an error."""
        from wizard.model.language import language_findings, lix_findings
        from wizard.storage.language import WordListError, load_officialese

        assert self.draft is not None
        problem: list[Issue] = []
        if self._officialese is None:
            try:
                self._officialese = load_officialese()
            except WordListError as error:
                from wizard.model.language import OfficialeseList

                self._officialese = OfficialeseList(())
                self._officialese_problem = (
                    f"Listan med myndighetsord används inte: {error}")
        if self._officialese_problem:
            problem.append(Issue("warning", "review", self._officialese_problem))
        return [*problem, *lix_findings(self.draft),
                *language_findings(self.draft, self._officialese)]

    # ------------------------------------------------------------ making the document

    def action_toggle_pdf(self) -> None:
        pdf = self.query_one("#review-pdf", Checkbox)
        if not pdf.disabled:
            pdf.toggle()

    @on(Button.Pressed, "#review-make")
    async def _make_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_make_document()

    def output_path(self) -> Path | None:
        """Where the document goes: the draft's own path with ``.docx``."""
        path = getattr(self.screen, "draft_path", None) or getattr(self.app, "path", None)
        return Path(path).resolve().with_suffix(".docx") if path else None

    async def action_make_document(self) -> None:
        """Save, ask when the draft has errors, then make the document in a worker."""
        if self.draft is None or self.read_only or self.making:
            return
        output = self.output_path()
        if output is None:
            self._status("Utkastet har ingen fil än; spara det först.", failed=True)
            return
        save = getattr(self.screen, "request_save", None)
        if callable(save):
            result = save()
            if inspect.isawaitable(result):
                await result
        self.refresh_from_draft()
        errors = sum(issue.is_error for issue in self.issues)
        pdf = self.query_one("#review-pdf", Checkbox).value
        if errors == 0:
            self._start(output, pdf, allow_incomplete=False)
            return

        def answered(answer: bool | None) -> None:
            if answer:
                self._start(output, pdf, allow_incomplete=True)

        self.app.push_screen(ConfirmDraftRender(errors), answered)

    def _start(self, output: Path, pdf: bool, *, allow_incomplete: bool) -> None:
        assert self.draft is not None
        self.making = True
        self.query_one("#review-make", Button).disabled = True
        self._status("Skapar dokumentet …")
        request = DocumentRequest(self.draft.copy(), output, pdf, allow_incomplete, self.today())
        self._render_document(request)

    @work(thread=True, exclusive=True, group="make-document")
    def _render_document(self, request: DocumentRequest) -> None:
        try:
            paths, warnings = make_document(request)
        except WizardError as error:
            self.post_message(self.DocumentMade([], error=str(error)))
        except Exception as error:  # a bug must not end the app with the draft open
            message = f"Dokumentet kunde inte skapas: {error}"
            self.post_message(self.DocumentMade([], error=message))
        else:
            self.post_message(self.DocumentMade(paths, warnings))

    @on(DocumentMade)
    def _made(self, event: DocumentMade) -> None:
        self.making = False
        self.query_one("#review-make", Button).disabled = self.read_only
        if event.error:
            self._status(event.error, failed=True)
            self.notify(visible(event.error, limit=1000), title="Dokumentet skapades inte",
                        severity="error", markup=False)
            return
        dismiss_errors(self.app)  # an earlier "not made" is no longer true
        where = " och ".join(str(path) for path in event.paths)
        self._status(" ".join([f"Dokumentet är skrivet till {where}.", *event.warnings]))
        self.notify(visible(f"Skrivet till {where}"), title="Dokumentet är klart", markup=False)

    def _status(self, text: str, *, failed: bool = False) -> None:
        status = self.query_one("#review-status", Static)
        status.set_class(failed, "-failed")
        status.update(Content(text))

    def commands(self) -> Iterable[Command]:
        yield ("Skapa dokument", "Gör .docx av utkastet (och PDF om valt)",
               lambda: self.call_later(self.action_make_document))
        yield ("Även PDF", "Välj om en PDF också ska göras", self.action_toggle_pdf)
