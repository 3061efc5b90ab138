"""The phrase library: the usual wordings of Förvaltningens förslag till beslut.

The phrases live in a TOML file an organisation edits to suit its own habits
(``templates/phrases.toml``, or the same name under ``WIZARD_TEMPLATES``), so
that wording changes need no new version of the wizard. A phrase may hold
placeholders such as ``{nämnd}`` that are filled from the draft when inserted.
A broken file gives one Swedish message naming the file, the phrase and, for a
TOML error, the line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.errors import WizardError, where
from wizard.model.draft import Draft
from wizard.paths import templates_dir
from wizard.storage import toml_errors

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PHRASES_FILE = "phrases.toml"
PHRASES_LIMIT = 4 * 1024 * 1024  # a phrase library is a few kB
MISSING = "…"
PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")


def _committee(draft: Draft) -> str:
    return draft.meeting.committee.strip() or "Nämnden"


def _referred_by(draft: Draft) -> str:
    return draft.referral.referred_by.strip() or MISSING


def _title(draft: Draft) -> str:
    return draft.referral.title.strip() or MISSING


def _organisation(draft: Draft) -> str:
    return draft.statement.organisation.strip() or "förvaltningen"


PLACEHOLDERS: dict[str, Callable[[Draft], str]] = {
    "nämnd": _committee,
    "remittent": _referred_by,
    "rubrik": _title,
    "förvaltning": _organisation,
}


class PhraseLibraryError(WizardError):
    """The phrase library file cannot be used."""

    def __init__(self, path: Path, detail: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        super().__init__(f"{where(path, line)}: {detail}")


@dataclass(frozen=True)
class Phrase:
    """One usual wording: a short title to choose it by and its text."""

    title: str
    text: str
    immediate: bool = False
    """The immediate-adjustment item: it is the ``[meeting] immediate`` flag, not a text."""

    def fill(self, draft: Draft | None = None) -> str:
        """The text with its placeholders filled from the draft (the defaults without one)."""
        source = draft if draft is not None else Draft()
        return PLACEHOLDER.sub(lambda match: PLACEHOLDERS[match.group(1)](source), self.text)


def default_phrases_path() -> Path:
    """Where the organisation's phrase library is kept."""
    return templates_dir() / PHRASES_FILE


def load_phrases(path: Path | None = None) -> list[Phrase]:
    """Read the phrase library; raise `PhraseLibraryError` with a Swedish message if broken."""
    path = path or default_phrases_path()
    from wizard.storage.bounded import FileReadError, read_bounded

    try:
        text = read_bounded(path, limit=PHRASES_LIMIT, what="frasbanken").decode("utf-8-sig")
    except FileReadError as error:
        detail = error.detail
        if detail.endswith("mappen eller filen finns inte"):
            detail = "frasbanken finns inte"
        raise PhraseLibraryError(path, detail) from None
    except UnicodeDecodeError:
        raise PhraseLibraryError(path, "frasbanken är inte sparad som UTF-8") from None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise PhraseLibraryError(path, "frasbanken är för djupt nästlad för att läsas") from None
    except tomllib.TOMLDecodeError as error:
        line, _ = toml_errors.position(str(error), text)
        raise PhraseLibraryError(path, toml_errors.describe(str(error)), line=line) from None
    return _phrases(path, data)


def _phrases(path: Path, data: Mapping[str, Any]) -> list[Phrase]:
    items = data.get("phrases", [])
    if not isinstance(items, list):
        raise PhraseLibraryError(path, "phrases ska vara en lista av tabeller [[phrases]]")
    phrases = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, Mapping):
            raise PhraseLibraryError(path, f"fras {number} ska vara en tabell [[phrases]]")
        title, text = item.get("title", ""), item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise PhraseLibraryError(path, f"fras {number} saknar text (nyckeln text)")
        if not isinstance(title, str):
            raise PhraseLibraryError(path, f"fras {number}: title ska vara text inom citattecken")
        immediate = item.get("immediate", False)
        if not isinstance(immediate, bool):
            raise PhraseLibraryError(path, f"fras {number}: immediate ska vara true eller false")
        unknown = [name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]
        if unknown:
            known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
            raise PhraseLibraryError(
                path,
                f"fras {number} ({title or text}): okänd platshållare {{{unknown[0]}}}; "
                f"de som finns är {known}",
            )
        phrases.append(
            Phrase(title=title.strip() or text.strip(), text=text.strip(), immediate=immediate)
        )
    return phrases
