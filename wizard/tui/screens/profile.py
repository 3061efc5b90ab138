"""The personal profile screen (first use, the start screen, and ``wizard profil``)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from wizard.errors import WizardError
from wizard.model.text import visible
from wizard.model.validation import hint_for, label_for
from wizard.storage.profile import (
    Profile,
    load_organisation,
    load_profile,
    profile_path,
    save_profile,
)
from wizard.tui.screens.new_statement import PathSuggester

# Phone and e-mail fill the draft's officer.phone and officer.email: labelled and
# hinted as the draft's fields are (the model's `label_for`, `hint_for`).
FIELDS = (
    ("name", "Namn", "ditt namn, som handläggare"),
    ("phone", label_for("officer.phone"), hint_for("officer.phone")),
    ("email", label_for("officer.email"), hint_for("officer.email")),
    ("organisation_dir", "Organisationsmapp", "valfritt: mappen med organisation.toml"),
)


class ProfileScreen(ModalScreen[Profile | None]):
    """Name, phone, e-mail and organisation folder; Ctrl+S saves, Esc leaves it as it was.

    ``first``: asked on first use; Esc then saves an empty profile, so that it
    is asked only once (``wizard profil`` fills it in later).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Spara", priority=True),
        Binding("escape", "cancel", "Hoppa över"),
    ]
    DEFAULT_CSS = """
    ProfileScreen { align: center middle; }
    ProfileScreen > Vertical { width: 90; max-width: 98%; height: auto; padding: 0 1;
                               background: $surface; border: thick $primary; }
    ProfileScreen .profile-row { height: 1; margin-top: 1; }
    ProfileScreen .profile-label { width: 20; }
    ProfileScreen .profile-input { width: 1fr; background: $primary 12%; }
    ProfileScreen .profile-input:focus { background: $primary 30%; }
    ProfileScreen .profile-note { color: $text-muted; height: auto; }
    ProfileScreen #profile-error { color: $text-error; height: auto; }
    """

    def __init__(self, *, first: bool = False) -> None:
        super().__init__()
        self.first = first
        try:
            self.profile = load_profile() or Profile()
            self.problem = ""
        except WizardError as error:
            self.profile, self.problem = Profile(), str(error)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Din profil", classes="dialog-title")
            intro = ("Första gången: fyll i dina uppgifter en gång, så fylls de i varje nytt "
                     "utkast. Esc hoppar över (ändra senare med wizard profil). "
                     if self.first else "")
            yield Static(f"{intro}Sparas i {visible(str(profile_path()))}.",
                         classes="profile-note", markup=False)
            for key, label, placeholder in FIELDS:
                with Horizontal(classes="profile-row"):
                    yield Label(label, classes="profile-label")
                    yield Input(getattr(self.profile, key), placeholder=placeholder,
                                id=f"profile-{key}", classes="profile-input", compact=True,
                                suggester=PathSuggester() if key == "organisation_dir" else None)
            yield Static(visible(self.problem), id="profile-error", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#profile-name", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "profile-organisation_dir":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        for key, _, _ in FIELDS:
            setattr(self.profile, key, self.query_one(f"#profile-{key}", Input).value.strip())
        folder = self.profile.organisation_dir
        if folder:
            try:
                load_organisation(Path(os.path.expanduser(folder)))
            except WizardError as error:
                self.query_one("#profile-error", Static).update(visible(str(error)))
                return
        try:
            save_profile(self.profile)
        except WizardError as error:
            self.query_one("#profile-error", Static).update(visible(str(error)))
            return
        self.dismiss(self.profile)

    def action_cancel(self) -> None:
        if self.first and not self.problem:
            with contextlib.suppress(WizardError):
                save_profile(Profile())  # asked once: not again on the next new draft
        self.dismiss(None)


class ProfileApp(App[None]):
    """``wizard profil`` in a terminal: the profile screen on its own."""

    TITLE = "wizard profil"

    def on_mount(self) -> None:
        self.push_screen(ProfileScreen(), lambda _: self.exit())
