"""The step views, one per step of `wizard.model.steps.STEPS`, by step id."""

from __future__ import annotations

from wizard.tui.steps.base import StepView
from wizard.tui.steps.case import CaseView
from wizard.tui.steps.decisions import DecisionsView
from wizard.tui.steps.directions import DirectionsView
from wizard.tui.steps.review import ReviewView
from wizard.tui.steps.signatures import SignaturesView
from wizard.tui.steps.texts import BackgroundView, SummaryView, ViewsView

STEP_VIEWS: dict[str, type[StepView]] = {
    view.step_id: view
    for view in (
        CaseView,
        SummaryView,
        BackgroundView,
        DirectionsView,
        ViewsView,
        DecisionsView,
        SignaturesView,
        ReviewView,
    )
}

__all__ = ["STEP_VIEWS", "StepView"]
