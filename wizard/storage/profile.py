"""The personal profile and the organisation folder: what is the same in every statement.

The profile (the officer's name, phone, e-mail and the organisation folder's
path) lives in the user's own config folder (platformdirs; ``WIZARD_CONFIG_DIR``
overrides). The organisation folder (``WIZARD_ORG_DIR``, else the profile's
path) is shared by an administration and only ever read: it may sit on a
read-only network share. Its ``organisation.toml`` names the organisation, the
default committee, the default signatories and Word template; ``templates/``,
``referrals/`` and ``phrases.toml`` sit beside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# tomli, as for drafts (`reading`): one TOML parser loaded, not tomli and tomllib.
import tomli as tomllib

from wizard.errors import WizardError, os_reason, where
from wizard.storage import toml_errors
from wizard.storage.atomic import atomic_write
from wizard.storage.bounded import FileReadError, read_bounded

PROFILE_FILE = "profil.toml"
ORGANISATION_FILE = "organisation.toml"
SETTINGS_LIMIT = 1024 * 1024


class ProfileError(WizardError):
    """A profile or organisation file that cannot be read or written."""


@dataclass
class Profile:
    """The officer: filled into every new draft."""

    name: str = ""
    phone: str = ""
    email: str = ""
    organisation_dir: str = ""
    path: Path | None = None

    @property
    def empty(self) -> bool:
        return not (self.name or self.phone or self.email)


@dataclass
class Organisation:
    """An administration's shared settings (all optional)."""

    folder: Path
    name: str = ""
    committee: str = ""
    signatories: list[tuple[str, str]] = field(default_factory=list)
    template: Path | None = None

    @property
    def referrals_dir(self) -> Path:
        return self.folder / "referrals"

    @property
    def templates_dir(self) -> Path:
        return self.folder / "templates"

    @property
    def phrases_path(self) -> Path:
        return self.folder / "phrases.toml"


def config_dir() -> Path:
    """The user's wizard config folder (``WIZARD_CONFIG_DIR`` overrides, as tests do)."""
    override = os.environ.get("WIZARD_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("wizard", appauthor=False))


def profile_path() -> Path:
    return config_dir() / PROFILE_FILE


def _present(path: Path, what: str) -> bool:
    """Whether ``path`` exists; a folder that cannot be searched is a `ProfileError`."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise ProfileError(f"{path}: {what} kan inte läsas ({os_reason(error)})") from None
    return True


def _load_toml(path: Path, what: str) -> dict[str, Any]:
    try:
        data = read_bounded(path, limit=SETTINGS_LIMIT, what=what)
    except FileReadError as error:
        raise ProfileError(error.message) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: {what} är inte sparad som UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line, column = toml_errors.position(message, text)
        detail = toml_errors.describe(message)
        raise ProfileError(f"{where(path, line, column)}: {detail}") from None


def _text(data: dict[str, Any], key: str, path: Path, table: str = "") -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        name = f"{table}.{key}" if table else key
        raise ProfileError(f"{path}: fältet {name} ska vara text inom citattecken")
    return value.strip()


def load_profile() -> Profile | None:
    """The saved profile, or None before it was first asked for."""
    path = profile_path()
    if not _present(path, "profilen"):
        return None
    data = _load_toml(path, "profilen")
    officer = data.get("officer", {})
    if not isinstance(officer, dict):
        raise ProfileError(f"{path}: [officer] ska vara en tabell")
    return Profile(name=_text(officer, "name", path, "officer"),
                   phone=_text(officer, "phone", path, "officer"),
                   email=_text(officer, "email", path, "officer"),
                   organisation_dir=_text(data, "organisation_dir", path), path=path)


def save_profile(profile: Profile) -> Path:
    """Write the profile (atomically) and return where."""
    import tomlkit

    document = tomlkit.document()
    document.add(tomlkit.comment("Din profil i wizard: fylls i varje nytt utkast. "
                                 "Ändra med wizard profil."))
    if profile.organisation_dir:
        document.add("organisation_dir", profile.organisation_dir)
    officer = tomlkit.table()
    officer.add("name", profile.name)
    officer.add("phone", profile.phone)
    officer.add("email", profile.email)
    document.add("officer", officer)
    path = profile_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, document.as_string().encode("utf-8"))
    except OSError as error:
        raise ProfileError(f"{path}: profilen kunde inte sparas ({os_reason(error)})") from None
    profile.path = path
    return path


def organisation_dir(profile: Profile | None) -> Path | None:
    """The organisation folder in use: ``WIZARD_ORG_DIR``, else the profile's, else none."""
    override = os.environ.get("WIZARD_ORG_DIR")
    if override:
        return Path(override)
    if profile is not None and profile.organisation_dir:
        return Path(profile.organisation_dir).expanduser()
    return None


def load_organisation(folder: Path) -> Organisation:
    """Read ``folder/organisation.toml``; a folder without one is an organisation without defaults.

    Raises `ProfileError` naming the file and line for a broken file, and the
    folder for a missing one.
    """
    if not folder.is_dir():
        raise ProfileError(f"{folder}: organisationsmappen finns inte; wizard använder sina "
                           "inbyggda mallar")
    path = folder / ORGANISATION_FILE
    organisation = Organisation(folder=folder)
    if not _present(path, "organisationsfilen"):
        return organisation
    data = _load_toml(path, "organisationsfilen")
    organisation.name = _text(data, "name", path)
    organisation.committee = _text(data, "committee", path)
    template = _text(data, "template", path)
    if template:
        organisation.template = (folder / template) if not Path(template).is_absolute() \
            else Path(template)
    signatories = data.get("signatories", [])
    if not isinstance(signatories, list):
        raise ProfileError(f"{path}: signatories ska skrivas [[signatories]]")
    for number, item in enumerate(signatories, 1):
        if not isinstance(item, dict):
            raise ProfileError(f"{path}: signatories[{number}] ska vara en tabell")
        organisation.signatories.append((_text(item, "name", path, f"signatories[{number}]"),
                                         _text(item, "title", path, f"signatories[{number}]")))
    return organisation


@dataclass
class Settings:
    """What a new draft is prefilled from, and what went wrong reading it (said, not fatal)."""

    profile: Profile | None = None
    organisation: Organisation | None = None
    problems: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One line for `wizard list`, the start screen and the dialog."""
        if self.organisation is not None:
            org = self.organisation.name or self.organisation.folder.name
            org_text = f"Organisation: {org} ({self.organisation.folder})"
        else:
            org_text = "Organisation: ingen (inbyggda mallar)"
        if self.profile is not None and self.profile.name:
            profile_text = f"Profil: {self.profile.name}"
        else:
            profile_text = "Profil: ingen (skapa med wizard profil)"
        return f"{org_text} · {profile_text}"


def load_settings() -> Settings:
    """The profile and organisation in use; a problem with either is kept as a message."""
    settings = Settings()
    try:
        settings.profile = load_profile()
    except ProfileError as error:
        settings.problems.append(error.message)
    folder = organisation_dir(settings.profile)
    if folder is not None:
        try:
            settings.organisation = load_organisation(folder)
        except ProfileError as error:
            settings.problems.append(error.message)
    return settings


def _organisation_in_use() -> Organisation | None:
    """The organisation, quietly None when there is none or it cannot be read.

    For defaults only (a template, the phrases): the problem itself is said by
    `wizard list`, `wizard new` and the start screen.
    """
    if not os.environ.get("WIZARD_ORG_DIR") and not os.path.lexists(profile_path()):
        return None  # the usual case without an organisation: no file read
    return load_settings().organisation


def organisation_folder() -> Path | None:
    """The organisation folder in use, quietly None when there is none or no readable profile.

    For the files that sit in it beside organisation.toml (the word list, the
    officialese list); a profile that cannot be read is said where the
    profile is shown.
    """
    profile = None
    if not os.environ.get("WIZARD_ORG_DIR") and os.path.lexists(profile_path()):
        try:
            profile = load_profile()
        except ProfileError:
            return None
    return organisation_dir(profile)


def organisation_template() -> Path | None:
    """The organisation's default Word template, when organisation.toml names one."""
    organisation = _organisation_in_use()
    return organisation.template if organisation is not None else None


def organisation_phrases() -> Path | None:
    """The organisation's phrases.toml, when its folder has one."""
    organisation = _organisation_in_use()
    if organisation is None or not organisation.phrases_path.is_file():
        return None
    return organisation.phrases_path
