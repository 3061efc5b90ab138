"""Step 1 "Ärendet": the referral, the meeting, the statement and the officer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from wizard.tui.steps.base import StepView


class CaseView(StepView):
    """The facts of the case, one input per field."""

    step_id = "case"

    def compose(self) -> ComposeResult:
        yield Label("Ärendet", classes="step-title")
