"""Step "Förslag till beslut": the numbered decision items, with a phrase library."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Label, Static, TextArea

from wizard.errors import WizardError
from wizard.model import Decision
from wizard.model.genre import IMMEDIATE_TEXT, sentence_problems
from wizard.storage.phrases import load_phrases
from wizard.storage.profile import organisation_phrases
from wizard.tui.steps.base import Command
from wizard.tui.widgets.phrase_picker import PhrasePicker
from wizard.tui.widgets.record_list import FieldSpec, RecordList
from wizard.tui.widgets.record_step import RecordStepView


def describe(decision: Decision, number: int) -> str:
    text = decision.text.strip()
    return f"{number}. {text}" if text else ""


def lacks(decision: Decision) -> bool:
    """Empty, or not a whole sentence (see `wizard.model.genre`)."""
    return not decision.text.strip() or bool(sentence_problems(decision.text))


class DecisionsView(RecordStepView):
    """The decision items as an editable numbered list."""

    step_id = "decisions"
    NOUNS: ClassVar[dict[str, tuple[str, str]]] = {
        "decisions": ("beslutspunkt", "beslutspunkten")
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "phrases", "Frasbank", show=True),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Förslag till beslut", classes="step-title")
        yield Static(
            "Varje punkt är en hel mening. f öppnar frasbanken med de vanliga formuleringarna. "
            "● = tom eller inte en hel mening.",
            classes="step-hint",
        )
        yield RecordList(
            "decisions",
            Decision,
            (FieldSpec("text", "Beslutspunkt", sentence=True, placeholder="Nämnden godkänner …"),),
            title="Förvaltningens förslag till beslut",
            describe=describe,
            lacks=lacks,
            empty_hint="Inga beslutspunkter ännu. Tryck n för att skriva en, eller f för "
            "frasbanken.",
            classes="-stacked",
        )
        yield Static(
            f"Omedelbar justering är vald: ”{IMMEDIATE_TEXT}” läggs sist av sig själv.",
            id="decisions-immediate",
            classes="step-hint",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The phrase key types an f while a field is being edited."""
        if action == "phrases":
            return not self.read_only and not isinstance(self.app.focused, (Input, TextArea))
        return True

    def action_phrases(self) -> None:
        """Choose a usual wording; it fills an empty item or becomes a new one."""
        if self.read_only:
            return
        try:
            phrases = load_phrases(organisation_phrases())
        except WizardError as error:
            self.notify(str(error), title="Frasbanken", severity="error", timeout=8)
            return
        filled = [(phrase.title, phrase.fill(self.draft)) for phrase in phrases]
        record_list = self.query_one(RecordList)

        def insert(choice: int | None) -> None:
            if choice is None or self.draft is None:
                return
            if phrases[choice].immediate:
                self._immediate_chosen()
                return
            text = filled[choice][1]
            index = record_list.index
            if index is not None and not record_list.records[index].text.strip():
                record_list.set_value("text", text)
            else:
                record_list.add(Decision(text=text), edit=False)
            record_list.options.focus()

        self.app.push_screen(PhrasePicker(filled), insert)

    def _immediate_chosen(self) -> None:
        """The immediate-adjustment item is a checkbox of step 1: go there."""
        assert self.draft is not None
        if self.draft.meeting.immediate:
            self.notify("Omedelbar justering är redan vald; punkten läggs sist av sig själv.")
            return
        self.notify(
            "Kryssa i Omedelbar justering här, så läggs punkten sist i förslaget till "
            "beslut av sig själv.",
            title="Omedelbar justering",
        )
        self.post_message(self.JumpTo("meeting.immediate"))

    def refresh_from_draft(self) -> None:
        """Say whether the immediate-adjustment item will close the list."""
        if not self.is_mounted or self.draft is None:
            return
        note = self.query_one("#decisions-immediate", Static)
        note.display = self.draft.meeting.immediate

    def _fill(self) -> None:
        super()._fill()
        self.refresh_from_draft()

    def commands(self) -> Iterable[Command]:
        yield ("Förslag till beslut: frasbank", "Lägg in en vanlig formulering",
               self.action_phrases)
        yield from super().commands()
