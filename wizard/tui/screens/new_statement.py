"""The new-statement dialog: the referral's facts first, then the draft opens at step 1.

The person types the referral's title, remittent, dnr and deadline, and may
name the referral document (.pdf or .docx, with path completion): what the
wizard finds in it is shown, each finding with the line it came from, and
only what the person accepts goes in. A referral preset may be chosen for a
referral that goes to many administrations.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from wizard.errors import WizardError
from wizard.model.referral import Proposal, ReferralFacts, missing, parse_deadline, propose
from wizard.model.text import visible
from wizard.model.validation import hint_for, label_for
from wizard.storage.presets import create_draft, list_presets
from wizard.storage.profile import Settings
from wizard.tui.widgets.fields import REQUIRED_LEGEND, field_label

# The referral's facts asked for, by their key under [referral]; their labels, required
# marks and hints are the model's, as in step 1 (`field_label`, `hint_for`).
FACTS: tuple[str, ...] = ("title", "referred_by", "dnr", "deadline")
NO_PRESET = ""


class PathSuggester(Suggester):
    """Completes a path as it is typed: folders, .pdf and .docx files."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        path = Path(os.path.expanduser(value))
        folder, stem = (path, "") if value.endswith(("/", os.sep)) else (path.parent, path.name)
        try:
            names = sorted(entry.name for entry in os.scandir(folder or ".")
                           if entry.name.startswith(stem) and not entry.name.startswith(".")
                           and (entry.is_dir() or entry.name.lower().endswith((".pdf", ".docx"))))
        except OSError:
            return None
        if not names:
            return None
        return value + names[0][len(stem):]


def _mark(choice: bool | None) -> str:
    return {True: "✓", False: "✗", None: "?"}[choice]


class ProposalScreen(ModalScreen[list[Proposal] | None]):
    """Each finding from the referral with its line; the person takes or skips each."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,space", "take(True)", "Ta med", priority=True),
        Binding("n", "take(False)", "Hoppa över", priority=True),
        Binding("a", "take_all", "Ta med alla", priority=True),
        Binding("ctrl+s", "done", "Klar", priority=True),
        Binding("escape", "cancel", "Avbryt"),
    ]
    DEFAULT_CSS = """
    ProposalScreen { align: center middle; }
    ProposalScreen > Vertical { width: 100; max-width: 98%; height: 90%; padding: 0 1;
                                background: $surface; border: thick $primary; }
    ProposalScreen #proposals { height: 1fr; }
    ProposalScreen .proposal-note { color: $text-muted; height: auto; }
    """

    def __init__(self, source: Path, proposals: list[Proposal]) -> None:
        super().__init__()
        self.source = source
        self.proposals = proposals
        self.choices: list[bool | None] = [None] * len(proposals)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Ur remissen {visible(self.source.name, one_line=True)}",
                        classes="dialog-title", markup=False)
            yield Static("Inget tas med förrän du väljer det. J eller mellanslag tar med, N "
                         "hoppar över, A tar med alla, Ctrl+S är klar, Esc avbryter.",
                         classes="proposal-note", markup=False)
            not_found = missing(self.proposals)
            if not_found:
                yield Static(f"Hittades inte (fyll i själv): {', '.join(not_found).lower()}",
                             classes="proposal-note", markup=False)
            yield OptionList(*(Option(self._prompt(i), id=str(i))
                               for i in range(len(self.proposals))), id="proposals")
        yield Footer(compact=True)

    def _prompt(self, index: int) -> Text:
        proposal = self.proposals[index]
        text = Text(f"{_mark(self.choices[index])} {proposal.label}: ", style="bold")
        text.append(visible(proposal.value, one_line=True, limit=90))
        if proposal.description:
            text.append(f"\n    {visible(proposal.description, one_line=True, limit=140)}")
        source = visible(proposal.source, one_line=True, limit=120)
        text.append(f"\n    rad {proposal.line}: {source}", style="dim")
        if proposal.description_line not in (None, proposal.line):
            described = visible(proposal.description_source, one_line=True, limit=120)
            text.append(f"\n    rad {proposal.description_line}: {described}", style="dim")
        return text

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _refresh(self, index: int) -> None:
        self.query_one(OptionList).replace_option_prompt_at_index(index, self._prompt(index))

    def action_take(self, choice: bool) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        self.choices[index] = choice
        self._refresh(index)
        if index + 1 < len(self.proposals):
            options.highlighted = index + 1

    @on(OptionList.OptionSelected)
    def _enter(self, event: OptionList.OptionSelected) -> None:
        """Enter on a finding switches it between taken and skipped."""
        event.stop()
        index = event.option_index
        self.choices[index] = not self.choices[index]
        self._refresh(index)

    def action_take_all(self) -> None:
        for index in range(len(self.proposals)):
            self.choices[index] = True
            self._refresh(index)

    def action_done(self) -> None:
        self.dismiss([p for p, choice in zip(self.proposals, self.choices, strict=True) if choice])

    def action_cancel(self) -> None:
        self.dismiss(None)


class NewStatementScreen(ModalScreen[Path | None]):
    """Ask for the referral, then make the draft (dismissed with its path, or None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "Skapa utkastet", priority=True),
        Binding("f6", "read_referral", "Läs remissen", priority=True),
        Binding("escape", "cancel", "Avbryt"),
    ]
    DEFAULT_CSS = """
    NewStatementScreen { align: center middle; }
    NewStatementScreen > Vertical { width: 96; max-width: 98%; height: auto; max-height: 95%;
                                    padding: 0 1; background: $surface;
                                    border: thick $primary; }
    NewStatementScreen VerticalScroll { height: auto; max-height: 1fr; }
    NewStatementScreen .new-row { height: 1; }
    NewStatementScreen VerticalScroll { margin: 1 0; }
    NewStatementScreen .new-label { width: 26; }
    NewStatementScreen .new-input { width: 1fr; background: $primary 12%; }
    NewStatementScreen .new-input:focus { background: $primary 30%; }
    NewStatementScreen Select { width: 1fr; }
    NewStatementScreen .new-note { color: $text-muted; height: auto; }
    NewStatementScreen #new-found { color: $text-accent; height: auto; margin-top: 1; }
    NewStatementScreen #new-error { color: $text-error; height: auto; }
    """

    def __init__(self, folder: Path, settings: Settings,
                 initial: dict[str, str] | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.settings = settings
        self.initial = initial or {}
        self.accepted: dict[str, str] = {}  # field → the value taken from the referral
        self.directions: list[tuple[str, str]] = []
        self.read_from: str = ""  # the referral path whose findings were offered
        self.presets = list_presets(settings)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Nytt tjänsteutlåtande", classes="dialog-title")
            yield Static(visible(self.settings.describe()), classes="new-note", markup=False)
            for problem in self.settings.problems:
                yield Static(f"Obs: {visible(problem)}", classes="new-note", markup=False)
            yield Static("Fyll i remissens uppgifter. Har du remissen som .pdf eller .docx, "
                         "skriv sökvägen och tryck Enter (eller F6): det som hittas visas, "
                         "med raden det kommer från, innan något tas med. "
                         f"{REQUIRED_LEGEND}",
                         classes="new-note", markup=False)
            with VerticalScroll():
                for key in FACTS:
                    path = f"referral.{key}"
                    with Horizontal(classes="new-row"):
                        yield Label(field_label(path), classes="new-label")
                        yield Input(self.initial.get(key, ""), placeholder=hint_for(path),
                                    id=f"new-{key}", classes="new-input", compact=True)
                with Horizontal(classes="new-row"):
                    yield Label("Remissdokument", classes="new-label")
                    yield Input(self.initial.get("referral", ""),
                                placeholder="valfritt: sökväg till .pdf eller .docx "
                                            "(→ fyller i, Enter läser)",
                                id="new-referral", classes="new-input", compact=True,
                                suggester=PathSuggester())
                with Horizontal(classes="new-row"):
                    yield Label("Remissmall", classes="new-label")
                    options = [("Ingen: börja tomt", NO_PRESET)] + [
                        (f"{p.name} ({'organisationens' if p.organisation else 'inbyggd'})",
                         str(p.path)) for p in self.presets]
                    preset = self.initial.get("preset", NO_PRESET)
                    if preset and preset not in {value for _, value in options}:
                        options.append((Path(preset).stem, preset))
                    yield Select(options, value=preset, allow_blank=False, id="new-preset",
                                 compact=True)
            yield Static("", id="new-found", markup=False)
            yield Static("", id="new-error", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()
        if self.initial.get("referral"):
            self.call_after_refresh(self.action_read_referral)

    def value(self, key: str) -> str:
        return self.query_one(f"#new-{key}", Input).value.strip()

    def say(self, error: str = "", found: str | None = None) -> None:
        self.query_one("#new-error", Static).update(error)
        if found is not None:
            self.query_one("#new-found", Static).update(found)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "new-referral" and event.value.strip():
            self.action_read_referral()
        else:
            self.focus_next()

    def action_read_referral(self) -> None:
        """Read the referral document and offer what it says (nothing is written)."""
        text_path = self.value("referral")
        if not text_path:
            self.say("Skriv sökvägen till remissen (.pdf eller .docx) först.")
            return
        self.say("", "Läser remissen…")
        self._read(text_path)

    @work(thread=True, exclusive=True, group="referral", exit_on_error=False)
    def _read(self, text_path: str) -> None:
        """Read the document off the event loop (a long PDF takes seconds)."""
        from wizard.storage.referral_doc import read_referral_text

        path = Path(os.path.expanduser(text_path))
        try:
            result: list[Proposal] | str = propose(read_referral_text(path))
        except WizardError as error:
            result = str(error)
        except Exception as error:  # a bug in a PDF library must not end the dialog
            result = f"{path}: remissen kunde inte läsas ({type(error).__name__})"
        self.app.call_from_thread(self._offer, text_path, path, result)

    def _offer(self, text_path: str, path: Path, result: list[Proposal] | str) -> None:
        if not self.is_attached:
            return  # the dialog was closed while the document was read
        if isinstance(result, str):
            self.say(visible(result), "")
            return
        proposals = result
        self.read_from = text_path
        if not proposals:
            self.say("", "Remissen lästes, men inget kunde föreslås ur den: fyll i "
                         "uppgifterna själv.")
            return
        self.say("")
        self.app.push_screen(ProposalScreen(path, proposals), self._take)

    def _take(self, accepted: list[Proposal] | None) -> None:
        if accepted is None:
            self.say("", "Inget togs med ur remissen.")
            return
        facts = ReferralFacts()
        for proposal in accepted:
            facts.take(proposal)
        taken = []
        for key in FACTS:
            value = getattr(facts, key)
            if value:
                self.query_one(f"#new-{key}", Input).value = value
                self.accepted[key] = value
                taken.append(label_for(f"referral.{key}").lower())
        self.directions = facts.directions
        if facts.directions:
            count = len(facts.directions)
            taken.append("1 inriktning" if count == 1 else f"{count} inriktningar")
        empty = [label_for(f"referral.{key}").lower() for key in FACTS if not self.value(key)]
        found = f"Ur remissen: {', '.join(taken) or 'inget'}."
        if empty:
            found += f" Tomt (fyll i själv): {', '.join(empty)}."
        self.say("", found)

    def facts(self) -> ReferralFacts | None:
        """The facts as given, or None (and the reason shown) when one is wrong."""
        deadline = self.value("deadline")
        if deadline:
            parsed = parse_deadline(deadline)
            if parsed is None:
                self.say(f"{label_for('referral.deadline')}: skriv ett datum som ÅÅÅÅ-MM-DD, "
                         "t.ex. 2016-10-17.")
                self.query_one("#new-deadline", Input).focus()
                return None
            deadline = parsed
        return ReferralFacts(title=self.value("title"), referred_by=self.value("referred_by"),
                             dnr=self.value("dnr"), deadline=deadline,
                             directions=list(self.directions))

    def action_create(self) -> None:
        referral = self.value("referral")
        if referral and referral != self.read_from:
            self.action_read_referral()  # what it holds is offered before anything is made
            return
        facts = self.facts()
        if facts is None:
            return
        typed = any(self.value(key) and self.value(key) != self.accepted.get(key)
                    for key in FACTS)
        preset_value = self.query_one("#new-preset", Select).value
        preset = Path(str(preset_value)) if preset_value not in (NO_PRESET, Select.BLANK) \
            else None
        try:
            path = create_draft(self.folder, facts=facts, settings=self.settings, preset=preset,
                                typed=typed)
        except WizardError as error:
            self.say(visible(str(error)))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
