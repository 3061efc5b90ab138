"""Small modal dialogs: a choice between buttons, a file name, a step to go to.

Every dialog is a `dialog-screen` (wizard.tcss centres it on the screen) and says
how to close it: in its prompt ("Enter sparar, Esc avbryter") or on its last line
(`DialogKeys`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wizard.model import STEPS
from wizard.tui.widgets.dialog_keys import DialogKeys


class ChoiceDialog(ModalScreen[str]):
    """A message and a row of buttons; dismissed with the chosen button's id (Esc: ``cancel``)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "choose('cancel')", "Avbryt")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]],
                 *, error: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.choices = choices
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog" + (" -error" if self.error else "")):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for index, (choice_id, text) in enumerate(self.choices):
                    yield Button(text, id=choice_id, compact=True,
                                 variant="primary" if index == 0 else "default")
            yield DialogKeys(("Tab", "Byt knapp"), ("Enter", "Välj"))

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class SaveAsDialog(ModalScreen[Path | None]):
    """Ask for a new file name for the draft (in the same folder unless a folder is typed)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, current: Path, note: str = "", *, suggestion: Path | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.current = current
        self.note = note
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        suggestion = self.suggestion or self.current.with_name(
            f"{self.current.stem}-kopia{self.current.suffix}")
        with Vertical(classes="dialog"):
            yield Label("Spara som", classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="dialog-message", markup=False)
            yield Label("Nytt filnamn (Enter sparar, Esc avbryter):")
            yield Input(str(suggestion), id="save-as-name")
            yield Static("", id="save-as-error", classes="field-message", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        error = self.query_one("#save-as-error", Static)
        if not text:
            error.update("Skriv ett filnamn.")
            return
        target = Path(text)
        if target.suffix != ".toml":
            target = target.with_name(target.name + ".toml")
        if not target.is_absolute() and target.parent == Path("."):
            target = self.current.parent / target
        from wizard.errors import OutputTargetError
        from wizard.model.text import visible
        from wizard.storage.targets import check_output_target

        try:  # the one rule for files the wizard writes: never over a file, link or device
            checked = check_output_target(target, "draft")
        except OutputTargetError as problem:
            error.update(visible(problem.message, limit=300))
            return
        self.dismiss(checked.path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NameDialog(ModalScreen[str | None]):
    """Ask for a name; ``problem`` says what is wrong with one (None: it will do)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, title: str, prompt: str, initial: str,
                 problem: Callable[[str], str | None]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.prompt = prompt
        self.initial = initial
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.prompt)
            yield Input(self.initial, id="name-dialog-input")
            yield Static("", id="name-dialog-error", classes="field-message", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.problem(event.value)
        if problem is not None:
            self.query_one("#name-dialog-error", Static).update(problem)
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class StepPicker(ModalScreen[str | None]):
    """Choose a step by its number or from the list (centred, as every dialog)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Avbryt"),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(1, len(STEPS) + 1)],
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog step-dialog"):
            yield Label("Gå till steg (siffra eller Enter)", classes="dialog-title")
            yield OptionList(
                *(Option(f"{n} {step.title}", id=step.id) for n, step in enumerate(STEPS, 1)),
                id="step-picker",
            )
            yield DialogKeys((f"1–{len(STEPS)}", "Gå dit"), ("Enter", "Välj"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_pick(self, number: int) -> None:
        self.dismiss(STEPS[number - 1].id)

    def action_cancel(self) -> None:
        self.dismiss(None)
