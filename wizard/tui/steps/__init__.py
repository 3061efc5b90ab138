"""The step views, one per step of `wizard.model.steps.STEPS`, by step id.

`STEP_VIEWS` imports a view's module when the view is first asked for: the
editor builds only the step it shows, so opening a draft at "Synpunkter" does
not load the review step's Markdown parser or the lists' phrase library.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from wizard.tui.steps.base import StepView

# step id → (module, class), in the order of the steps.
_WHERE: dict[str, tuple[str, str]] = {
    "case": ("wizard.tui.steps.case", "CaseView"),
    "summary": ("wizard.tui.steps.texts", "SummaryView"),
    "background": ("wizard.tui.steps.texts", "BackgroundView"),
    "directions": ("wizard.tui.steps.directions", "DirectionsView"),
    "views": ("wizard.tui.steps.texts", "ViewsView"),
    "decisions": ("wizard.tui.steps.decisions", "DecisionsView"),
    "signatures": ("wizard.tui.steps.signatures", "SignaturesView"),
    "review": ("wizard.tui.steps.review", "ReviewView"),
}


class _StepViews(Mapping[str, type[StepView]]):
    """Step id → view class, imported on first use."""

    def __getitem__(self, step_id: str) -> type[StepView]:
        module, name = _WHERE[step_id]
        view: type[StepView] = getattr(importlib.import_module(module), name)
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


STEP_VIEWS: Mapping[str, type[StepView]] = _StepViews()

__all__ = ["STEP_VIEWS", "StepView"]
