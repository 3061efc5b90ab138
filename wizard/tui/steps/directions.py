"""Step "Inriktningar" (placeholder until its real view lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from wizard.tui.steps.base import StepView


class DirectionsView(StepView):
    """Placeholder so that navigation already includes this step."""

    step_id = "directions"

    def compose(self) -> ComposeResult:
        yield Label("Inriktningar", classes="step-title")
        yield Label("Kommer i nästa version.")
