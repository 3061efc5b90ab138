"""``wizard profil``: the personal profile every new draft is prefilled from."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from wizard.cli.errors import reported_errors, stdout


def profil(
    name: Annotated[str | None, typer.Option("--name", help="Ditt namn (handläggare).",
                                             show_default=False)] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Ditt telefonnummer.",
                                              show_default=False)] = None,
    email: Annotated[str | None, typer.Option("--email", help="Din e-postadress.",
                                              show_default=False)] = None,
    organisation: Annotated[
        Path | None,
        typer.Option("--org", help="Organisationsmappen (delad mapp med organisation.toml).",
                     show_default=False),
    ] = None,
) -> None:
    """Visa eller ändra din profil: namn, telefon, e-post och organisationsmapp.

    Utan flaggor i en terminal öppnas profilen i guiden; annars skrivs den ut.
    """
    from wizard.model.text import visible
    from wizard.storage.profile import Profile, load_profile, load_settings, save_profile

    with reported_errors():
        changes = {"name": name, "phone": phone, "email": email,
                   "organisation_dir": None if organisation is None else str(organisation)}
        if all(value is None for value in changes.values()):
            if sys.stdin.isatty() and sys.stdout.isatty():
                from wizard.tui.screens.profile import ProfileApp

                ProfileApp().run()
                return
        else:
            profile = load_profile() or Profile()
            for key, value in changes.items():
                if value is not None:
                    setattr(profile, key, value.strip())
            path = save_profile(profile)
            stdout.print(f"Profilen sparades i {visible(str(path), one_line=True)}",
                         markup=False, soft_wrap=True)
        settings = load_settings()
        shown = settings.profile
        if shown is None:
            stdout.print("Ingen profil än. Skapa den med wizard profil --name … --phone … "
                         "--email …", markup=False, soft_wrap=True)
        else:
            for label, value in (("Namn", shown.name), ("Telefon", shown.phone),
                                 ("E-post", shown.email),
                                 ("Organisationsmapp", shown.organisation_dir)):
                stdout.print(f"{label}: {visible(value, one_line=True) or '–'}", markup=False,
                             soft_wrap=True)
        stdout.print(visible(settings.describe(), one_line=True), markup=False, soft_wrap=True)
        for problem in settings.problems:
            stdout.print(f"Obs: {visible(problem, one_line=True)}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("profil")(profil)
