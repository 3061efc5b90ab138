"""Where the wizard finds templates and presets, and keeps drafts."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """The folder of Word templates and referral presets (``WIZARD_TEMPLATES`` overrides)."""
    return Path(os.environ.get("WIZARD_TEMPLATES", PROJECT_ROOT / "templates"))


def drafts_dir() -> Path:
    """The folder of drafts: ``WIZARD_DRAFTS``, else ``drafts/`` in the current folder."""
    return Path(os.environ.get("WIZARD_DRAFTS", "drafts"))


def default_preset() -> Path:
    """The referral preset a new draft starts from."""
    return templates_dir() / "referrals" / "internationell-strategi.toml"


def default_template() -> Path:
    """The Word template a statement is made with: the organisation's, else the built-in one."""
    from wizard.storage.profile import organisation_template  # storage is loaded lazily

    return organisation_template() or templates_dir() / "tjansteutlatande.docx"
