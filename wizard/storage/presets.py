"""New drafts: blank, or from a referral preset, with the referral's facts and the profiles.

A new draft holds what the person gave (the referral's title, remittent, dnr,
deadline), what they accepted from the referral document, their profile and
the organisation's defaults, and, when asked for, a preset's content. The
preset's own comments are not copied: they describe the preset, not the
statement. Steps that only a preset, a referral document or the profiles
filled are marked "förifyllt" until the person has looked at them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import DraftSaveError, os_reason
from wizard.model import Draft, Signature
from wizard.model.draft import Direction, parse_date
from wizard.model.referral import ReferralFacts
from wizard.model.steps import STEPS
from wizard.paths import templates_dir
from wizard.storage.draftfile import DraftFile
from wizard.storage.names import draft_filename, unique_path
from wizard.storage.profile import Settings
from wizard.storage.reading import read_draft
from wizard.storage.targets import check_output_target


@dataclass(frozen=True)
class Preset:
    """A referral preset the person can start from."""

    name: str
    path: Path
    organisation: bool = False


def builtin_presets_dir() -> Path:
    return templates_dir() / "referrals"


def list_presets(settings: Settings | None = None) -> list[Preset]:
    """The organisation's presets, then the built-in ones, by name."""
    found: list[Preset] = []
    folders: list[tuple[Path, bool]] = []
    if settings is not None and settings.organisation is not None:
        folders.append((settings.organisation.referrals_dir, True))
    folders.append((builtin_presets_dir(), False))
    for folder, own in folders:
        try:
            paths = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        found += [Preset(path.stem, path, own) for path in paths if path.is_file()]
    return found


def find_preset(name: Path, settings: Settings | None = None) -> Path:
    """``--from NAME``: a file path, else a preset of that name (organisation's first)."""
    if name.exists() or name.suffix == ".toml" or len(name.parts) > 1:
        return name
    for preset in list_presets(settings):
        if preset.name == name.name:
            return preset.path
    return name.with_suffix(".toml")  # reading it will say it is missing


def _step_fields(draft: Draft, step_id: str) -> bool:
    """Whether anything in the step ``step_id`` is filled."""
    step = next(step for step in STEPS if step.id == step_id)
    for path, value in draft.text_fields():
        if any(path.startswith(prefix) for prefix in step.prefixes) and value.strip():
            return True
    dates = {"case": (draft.referral.deadline, draft.meeting.date, draft.statement.date)}
    return any(value is not None for value in dates.get(step_id, ()))


def build_draft(facts: ReferralFacts | None = None, *, settings: Settings | None = None,
                preset: Path | None = None, typed: bool = True) -> Draft:
    """The new draft's content (nothing written).

    ``typed``: the referral's facts were typed by the person (the dialog or
    ``--title`` …), so step 1 is their own work; facts taken from a referral
    document alone leave it "förifyllt".
    """
    facts = facts or ReferralFacts()
    draft = read_draft(preset) if preset is not None else Draft()
    before = {step.id: _step_fields(draft, step.id) for step in STEPS}
    from_preset = {step_id for step_id, filled in before.items() if filled}
    referral = draft.referral
    referral.title = facts.title or referral.title
    referral.referred_by = facts.referred_by or referral.referred_by
    referral.dnr = facts.dnr or referral.dnr
    if facts.deadline:
        referral.deadline = parse_date(facts.deadline) or facts.deadline
    if facts.directions and not draft.directions:
        draft.directions = [Direction(name=name, description=description)
                            for name, description in facts.directions]
        from_preset.add("directions")
    if settings is not None:
        _apply_settings(draft, settings, from_preset)
    if facts.title or facts.referred_by or facts.dnr or facts.deadline:
        if typed:
            from_preset.discard("case")
        else:
            from_preset.add("case")
    draft.prefilled = " ".join(step.id for step in STEPS if step.id in from_preset
                               and step.id != "review")
    draft.step = "case"
    return draft


def _apply_settings(draft: Draft, settings: Settings, prefilled: set[str]) -> None:
    profile, organisation = settings.profile, settings.organisation
    if profile is not None:
        officer = draft.officer
        officer.name = officer.name or profile.name
        officer.phone = officer.phone or profile.phone
        officer.email = officer.email or profile.email
        if profile.name or profile.phone or profile.email:
            prefilled.add("case")
    if organisation is not None:
        if organisation.name and not draft.statement.organisation:
            draft.statement.organisation = organisation.name
            prefilled.add("case")
        if organisation.committee and not draft.meeting.committee:
            draft.meeting.committee = organisation.committee
            prefilled.add("case")
        if organisation.signatories and not draft.signatures:
            draft.signatures = [Signature(name=name, title=title)
                                for name, title in organisation.signatories]
            prefilled.add("signatures")


def create_draft(folder: Path, *, facts: ReferralFacts | None = None,
                 settings: Settings | None = None, preset: Path | None = None,
                 target: Path | None = None, typed: bool = True) -> Path:
    """Write a new draft and return its path (see `build_draft`).

    Without ``target`` the file is named from the title, in ``folder``, and
    never replaces an existing file. Raises `DraftReadError` for a bad preset
    and `DraftSaveError` when the file cannot be made; nothing is written then.
    """
    draft = build_draft(facts, settings=settings, preset=preset, typed=typed)
    if target is None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DraftSaveError(f"{folder}: kan inte skapa mappen ({os_reason(error)})") from None
        target = unique_path(folder, draft_filename(draft.referral.title or "utkast"))
    target = check_output_target(target, "draft").path  # never over a file, a link or a device
    data, _ = DraftFile.create(target, draft).render()
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    except FileExistsError:
        raise DraftSaveError(f"{target}: filen finns redan; välj ett annat namn") from None
    except OSError as error:
        raise DraftSaveError(f"{target}: kan inte skapa filen ({os_reason(error)})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        target.unlink(missing_ok=True)
        raise DraftSaveError(f"{target}: kan inte skriva filen ({os_reason(error)})") from None
    return target
