"""The phrase library: the usual wordings of Förvaltningens förslag till beslut.

The phrases live in a TOML file an organisation edits to suit its own habits
(``templates/phrases.toml``, read by `wizard.storage.phrases`), so that wording
changes need no new version of the wizard. A phrase may hold placeholders such
as ``{nämnd}`` that are filled from the draft when inserted. Here: what a
phrase is and which data makes one; the model reads no files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from wizard.model.draft import Draft

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


class PhraseDataError(ValueError):
    """The phrase library's data is not a list of usable phrases; the message is Swedish."""


def phrases_from_data(data: Mapping[str, Any]) -> list[Phrase]:
    """The phrases of a parsed library; raise `PhraseDataError` naming the phrase if one is bad.

    Reading the file is storage's part (`wizard.storage.phrases.load_phrases`).
    """
    items = data.get("phrases", [])
    if not isinstance(items, list):
        raise PhraseDataError("phrases ska vara en lista av tabeller [[phrases]]")
    phrases = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, Mapping):
            raise PhraseDataError(f"fras {number} ska vara en tabell [[phrases]]")
        title, text = item.get("title", ""), item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise PhraseDataError(f"fras {number} saknar text (nyckeln text)")
        if not isinstance(title, str):
            raise PhraseDataError(f"fras {number}: title ska vara text inom citattecken")
        immediate = item.get("immediate", False)
        if not isinstance(immediate, bool):
            raise PhraseDataError(f"fras {number}: immediate ska vara true eller false")
        unknown = [name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]
        if unknown:
            known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
            raise PhraseDataError(
                f"fras {number} ({title or text}): okänd platshållare {{{unknown[0]}}}; "
                f"de som finns är {known}",
            )
        phrases.append(
            Phrase(title=title.strip() or text.strip(), text=text.strip(), immediate=immediate)
        )
    return phrases
