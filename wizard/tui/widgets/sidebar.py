"""The list of steps on the left, each with its state, reachable by keys and mouse."""

from __future__ import annotations

from functools import cache
from typing import Literal

from textual.app import ComposeResult
from textual.widgets import Label, ListItem, ListView

from wizard.model import STEPS, Draft, Issue
from wizard.model.validation import LABELS, REQUIRED_FIELDS, REQUIRED_LISTS

State = Literal["empty", "started", "complete", "errors", "prefilled"]

SYMBOLS: dict[State, str] = {"empty": "○", "started": "◑", "complete": "✓", "errors": "✗",
                             "prefilled": "◇"}
STATE_NAMES: dict[State, str] = {
    "empty": "tomt", "started": "påbörjat", "complete": "klart", "errors": "fel",
    "prefilled": "förifyllt",
}
# "förifyllt": filled by a preset, the referral document or the profiles, and not yet
# looked at, so that ✓ only ever means the person's own work.
LEGEND = (f"{SYMBOLS['empty']} tomt     {SYMBOLS['started']} påbörjat\n"
          f"{SYMBOLS['complete']} klart    {SYMBOLS['errors']} fel\n"
          f"{SYMBOLS['prefilled']} förifyllt")


def _blank(value: object) -> bool:
    return value is None or value is False or (isinstance(value, str) and not value.strip())


@cache
def _step_fields(step_id: str) -> tuple[str, ...]:
    """The field paths of a step (fixed; asked for on every keystroke)."""
    step = next(step for step in STEPS if step.id == step_id)
    return tuple(path for path in LABELS if any(path.startswith(p) for p in step.prefixes))


def _is_missing(issue: Issue, draft: Draft) -> bool:
    """An "X saknas" issue: the field is just not filled yet (not a wrong value)."""
    if issue.field in REQUIRED_LISTS:
        return True
    return issue.field in REQUIRED_FIELDS and _blank(draft.get(issue.field))


def step_states(draft: Draft, issues: list[Issue]) -> dict[str, State]:
    """Each step's state: empty, started, complete, prefilled, or has errors (a wrong value)."""
    states: dict[str, State] = {}
    prefilled = draft.prefilled_steps
    errors = [issue for issue in issues if issue.is_error and issue.field != "format"]
    for step in STEPS:
        if step.id == "review":
            continue
        mine = [issue for issue in errors if issue.step == step.id]
        filled = False
        for path in _step_fields(step.id):
            value = draft.get(path)
            filled |= bool(value) if isinstance(value, list) else not _blank(value)
        if any(not _is_missing(issue, draft) for issue in mine):
            states[step.id] = "errors"
        elif not filled:
            states[step.id] = "empty"
        elif step.id in prefilled:
            states[step.id] = "prefilled"
        elif mine:
            states[step.id] = "started"
        else:
            states[step.id] = "complete"
    states["review"] = "complete" if not errors else (
        "errors" if any(s == "errors" for s in states.values()) else "started"
    )
    return states


class StepItem(ListItem):
    """One step in the sidebar: state symbol, number and title."""

    def __init__(self, number: int, step_id: str, title: str, state: State = "empty",
                 *, current: bool = False) -> None:
        # State and current step as classes from the start: setting them after
        # mounting restyles each item again (~5 ms apiece when opening a draft).
        classes = f"-{state} -current" if current else f"-{state}"
        super().__init__(id=f"nav-{step_id}", classes=classes)
        self.step_id = step_id
        self.number = number
        self.title = title
        self.state: State = state
        if state != "empty":
            self.tooltip = STATE_NAMES[state]

    def compose(self) -> ComposeResult:
        # Side by side in the item itself (wizard.tcss), not in a container of their own:
        # eight containers fewer to style and lay out (~25 ms of a draft's first frame).
        yield Label(SYMBOLS[self.state], classes="step-symbol")
        yield Label(f"{self.number} {self.title}", classes="step-name")

    def set_state(self, state: State) -> None:
        if state == self.state:
            return  # restyling is what costs time on every keystroke
        self.state = state
        self.query_one(".step-symbol", Label).update(SYMBOLS[state])
        for name in STATE_NAMES:
            self.set_class(name == state, f"-{name}")
        self.tooltip = STATE_NAMES[state]


class StepSidebar(ListView):
    """The steps; Enter or a click opens one."""

    def __init__(self, states: dict[str, State] | None = None, current: str | None = None) -> None:
        states = states or {}
        index = next((n for n, step in enumerate(STEPS) if step.id == current), 0)
        super().__init__(
            *(StepItem(n, step.id, step.title, states.get(step.id, "empty"),
                       current=step.id == current)
              for n, step in enumerate(STEPS, 1)),
            id="sidebar",
            initial_index=index,
        )
        self._items: list[StepItem] | None = None

    def items(self) -> list[StepItem]:
        """The step items, found once (this runs on every keystroke; a query costs ~0.7 ms)."""
        if self._items is None:
            self._items = list(self.query(StepItem))
        return self._items

    def set_states(self, states: dict[str, State]) -> None:
        for item in self.items():
            item.set_state(states.get(item.step_id, "empty"))

    def mark_current(self, step_id: str) -> None:
        for index, item in enumerate(self.items()):
            if item.has_class("-current") != (item.step_id == step_id):
                item.set_class(item.step_id == step_id, "-current")
            if item.step_id == step_id:
                self.index = index
