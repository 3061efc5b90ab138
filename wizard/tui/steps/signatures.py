"""Step "Underskrifter och bilagor" (placeholder until its real view lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from wizard.tui.steps.base import StepView


class SignaturesView(StepView):
    """Placeholder so that navigation already includes this step."""

    step_id = "signatures"

    def compose(self) -> ComposeResult:
        yield Label("Underskrifter och bilagor", classes="step-title")
        yield Label("Kommer i nästa version.")
