"""Step "Inriktningar": the referred strategy's inriktningar and the administration's comments."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Label, Static

from wizard.model import Direction
from wizard.tui.widgets.record_list import FieldSpec, RecordList
from wizard.tui.widgets.record_step import RecordStepView

FIELDS = (
    FieldSpec("name", "Namn", placeholder="t.ex. Profilering"),
    FieldSpec("description", "Vad strategin säger", multiline=True),
    FieldSpec("comment", "Förvaltningens kommentar", multiline=True),
)


def describe(direction: Direction, number: int) -> str:
    return direction.name.strip()


def lacks_comment(direction: Direction) -> bool:
    return not direction.comment.strip()


class DirectionsView(RecordStepView):
    """Each inriktning in turn: its name, the strategy's words, the comment."""

    step_id = "directions"
    NOUNS: ClassVar[dict[str, tuple[str, str]]] = {"directions": ("inriktning", "inriktningen")}

    def compose(self) -> ComposeResult:
        yield Label("Inriktningar", classes="step-title")
        yield Static(
            "● = ingen kommentar från förvaltningen ännu (det går bra att lämna den tom).",
            classes="step-hint",
        )
        yield RecordList(
            "directions",
            Direction,
            FIELDS,
            title="Inriktningar",
            describe=describe,
            lacks=lacks_comment,
            empty_hint="Inga inriktningar ännu. Tryck n för att lägga till en.",
        )
