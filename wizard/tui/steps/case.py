"""Step 1 "Ärendet": the referral, the meeting, the statement and the officer."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Label

from wizard.model import Draft, validate
from wizard.tui.steps.base import StepView
from wizard.tui.widgets.fields import (
    REQUIRED_LEGEND,
    FormCheckbox,
    FormField,
    Kind,
    field_id,
    same_value,
)

# (heading, [(path, kind)]) in the order a person fills them in.
SECTIONS: tuple[tuple[str, tuple[tuple[str, Kind], ...]], ...] = (
    ("Remissen", (
        ("referral.title", "text"),
        ("referral.referred_by", "text"),
        ("referral.dnr", "dnr"),
        ("referral.deadline", "date"),
    )),
    ("Sammanträdet", (
        ("meeting.committee", "text"),
        ("meeting.date", "date"),
        ("meeting.item", "item"),
    )),
    ("Tjänsteutlåtandet", (
        ("statement.organisation", "text"),
        ("statement.dnr", "dnr"),
        ("statement.date", "date"),
    )),
    ("Kontaktuppgifter", (
        ("officer.name", "text"),
        ("officer.phone", "phone"),
        ("officer.email", "email"),
    )),
)
CHECKBOX_AFTER = "meeting.item"
CHECKBOX = "meeting.immediate"


class FormScroll(VerticalScroll, can_focus=False):
    """The scrolling form; Tab goes from field to field, not to the container."""


class CaseView(StepView):
    """The facts of the case, one input per field, checked when the person leaves it."""

    step_id = "case"
    HELP_WIDGETS: ClassVar[tuple[type[Widget], ...]] = (FormField,)

    def compose(self) -> ComposeResult:
        with FormScroll(classes="step-scroll"):
            yield Label("Ärendet", classes="step-title")
            yield Label(REQUIRED_LEGEND, classes="step-intro required-legend")
            for heading, fields in SECTIONS:
                yield Label(heading, classes="section-title")
                for path, kind in fields:
                    yield FormField(path, kind)
                    if path == CHECKBOX_AFTER:
                        yield FormCheckbox(CHECKBOX)

    def show_draft(self, draft: Draft, *, read_only: bool) -> None:
        super().show_draft(draft, read_only=read_only)
        for form_field in self.query(FormField):
            form_field.load(draft.get(form_field.path), read_only=read_only)
        checkbox = self.query_one(FormCheckbox)
        with checkbox.prevent(Checkbox.Changed):
            checkbox.value = bool(draft.get(CHECKBOX))
        checkbox.disabled = read_only

    def on_form_field_committed(self, event: FormField.Committed) -> None:
        event.stop()
        form_field = event.form_field
        if self.draft is None or self.read_only:
            return
        if same_value(self.draft.get(form_field.path), event.value):
            return
        self.draft.set(form_field.path, event.value)
        if form_field.has_class("-has-message"):
            self._check(form_field)
        self.edited(form_field.path)

    def on_form_field_left(self, event: FormField.Left) -> None:
        event.stop()
        self._check(event.form_field, missing=True)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self.draft is None or self.read_only or self.draft.meeting.immediate == event.value:
            return
        self.draft.meeting.immediate = event.value
        self.edited(CHECKBOX)

    def _check(self, form_field: FormField, *, missing: bool = False) -> None:
        if self.draft is None:
            return
        issues = validate(self.draft, today=getattr(self.app, "today", None))
        form_field.show_issues(issues, missing=missing)

    def check_all(self) -> None:
        """Show the messages of every field (after loading a draft with problems)."""
        if self.draft is None:
            return
        issues = validate(self.draft, today=getattr(self.app, "today", None))
        for form_field in self.query(FormField):
            if form_field.input.value:
                form_field.show_issues(issues)

    def focus_field(self, path: str) -> bool:
        if path == CHECKBOX:
            self.query_one(FormCheckbox).focus()
            return True
        matches = self.query(f"#{field_id(path)}")
        for match in matches:
            if isinstance(match, FormField):
                match.input.focus()
                return True
        return False
