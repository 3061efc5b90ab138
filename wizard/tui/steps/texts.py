"""The long-text steps: Sammanfattning, Bakgrund and Synpunkter och förslag."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from wizard.tui.steps.base import StepView


class SummaryView(StepView):
    """Sammanfattning."""

    step_id = "summary"

    def compose(self) -> ComposeResult:
        yield Label("Sammanfattning", classes="step-title")


class BackgroundView(StepView):
    """Bakgrund, before and after the list of inriktningar."""

    step_id = "background"

    def compose(self) -> ComposeResult:
        yield Label("Bakgrund", classes="step-title")


class ViewsView(StepView):
    """Förvaltningens synpunkter och förslag."""

    step_id = "views"

    def compose(self) -> ComposeResult:
        yield Label("Synpunkter och förslag", classes="step-title")
