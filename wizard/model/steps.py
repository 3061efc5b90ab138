"""The wizard's steps, in the order a person thinks, and which fields each holds.

Shared by the TUI (sidebar, resume, jumping to a field from an error) and the
command line (`wizard open --step`), so it lives in the model.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the wizard: its id in the draft file and its Swedish title."""

    id: str
    title: str
    prefixes: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step("case", "Ärendet", ("referral.", "meeting.", "statement.", "officer.")),
    Step("summary", "Sammanfattning", ("texts.summary",)),
    Step("background", "Bakgrund", ("texts.background",)),
    Step("directions", "Inriktningar", ("directions",)),
    Step("views", "Synpunkter och förslag", ("texts.views",)),
    Step("decisions", "Förslag till beslut", ("decisions",)),
    Step("signatures", "Underskrifter och bilagor", ("signatures", "attachments")),
    Step("review", "Granska och skapa", ()),
)

STEP_IDS: tuple[str, ...] = tuple(step.id for step in STEPS)


def step_for_field(path: str) -> str:
    """Return the id of the step where the field at ``path`` is edited."""
    for step in STEPS:
        if any(path.startswith(prefix) for prefix in step.prefixes):
            return step.id
    return STEPS[0].id


def step_by_id(step_id: str) -> Step:
    """Return the step with this id; raise KeyError with the known ids otherwise."""
    for step in STEPS:
        if step.id == step_id:
            return step
    raise KeyError(step_id)
