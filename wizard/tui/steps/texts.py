"""The long-text steps: Sammanfattning, Bakgrund and Synpunkter och förslag."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Label, Static, TextArea

from wizard.model import Draft
from wizard.tui.steps.base import StepView
from wizard.tui.widgets.fields import MARKUP_HINT, TextField


def cursor_at(area: TextArea, place: tuple[int, int] | None) -> tuple[int, int]:
    """``place`` within the text of ``area`` (a hand edit may have shortened it), or the end.

    Without a stored place the cursor goes to the end: typing into a text just
    opened goes on after what is there, never before it.
    """
    document = area.document
    if place is None:
        return document.end
    row = min(place[0], document.line_count - 1)
    column = min(place[1], len(document.get_line(row)))
    return (row, column)


class TextStepView(StepView):
    """A step of one or more long texts, each soft-wrapped with a word count."""

    TITLE: ClassVar[str] = ""
    INTRO: ClassVar[str] = ""
    FIELDS: ClassVar[tuple[tuple[str, str | None], ...]] = ()

    def compose(self) -> ComposeResult:
        yield Label(self.TITLE, classes="step-title")
        if self.INTRO:
            yield Static(self.INTRO, classes="step-intro")
        for path, title in self.FIELDS:
            yield TextField(path, title)
        yield Static(MARKUP_HINT, classes="markup-hint")

    def show_draft(self, draft: Draft, *, read_only: bool) -> None:
        """Fill the text areas, each with its cursor where it was left (or at the end).

        A text area that already holds the draft's text (a merge of other keys)
        is left as it is, with its cursor and undo history.
        """
        super().show_draft(draft, read_only=read_only)
        for text_field in self.query(TextField):
            area = text_field.text_area
            text = draft.get(text_field.path)
            if area.document.text == text and text:
                area.read_only = read_only
                continue
            text_field.load(text, read_only=read_only)
            area.move_cursor(cursor_at(area, draft.cursors.get(text_field.path)))
            # Scrolled to the cursor again once laid out: before, the text had no width.
            area.call_after_refresh(area.scroll_cursor_visible, animate=False)

    def cursors(self) -> dict[str, tuple[int, int]]:
        """Where the cursor is in each text area (stored with each save)."""
        return {text_field.path: text_field.text_area.cursor_location
                for text_field in self.query(TextField)}

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text_field = next(
            (node for node in event.text_area.ancestors if isinstance(node, TextField)), None
        )
        if text_field is None or self.draft is None:
            return
        text = event.text_area.text  # read once per key: it joins the whole text
        text_field.text_changed(text)
        if self.read_only or self.draft.get(text_field.path) == text:
            return
        self.draft.set(text_field.path, text)
        self.edited(text_field.path)

    def focus_field(self, path: str) -> bool:
        for text_field in self.query(TextField):
            if text_field.path == path:
                text_field.text_area.focus()
                return True
        return False


class SummaryView(TextStepView):
    """Sammanfattning: what the referral is about and what the administration thinks."""

    step_id = "summary"
    TITLE = "Sammanfattning"
    INTRO = "Några meningar om vad remissen gäller och vad förvaltningen tycker."
    FIELDS = (("texts.summary", None),)


class BackgroundView(TextStepView):
    """Bakgrund, before and after the list of inriktningar."""

    step_id = "background"
    TITLE = "Bakgrund"
    FIELDS = (
        ("texts.background", "Före inriktningarna"),
        ("texts.background_after", "Efter inriktningarna"),
    )


class ViewsView(TextStepView):
    """Förvaltningens synpunkter och förslag."""

    step_id = "views"
    TITLE = "Synpunkter och förslag"
    INTRO = "Förvaltningens synpunkter på remissen och förslag till ändringar."
    FIELDS = (("texts.views", None),)
