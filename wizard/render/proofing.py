"""Words Word is not to mark as misspelt: those the person accepted in the wizard.

The document's proofing language is sv-SE and nothing declares it already
checked, so Word checks its spelling. The words the wizard's spell checker
accepts from a word list (the shipped municipal terms, the organisation's and
the person's own) or ignores in this draft would be underlined again there;
each such word is put in a run of its own marked ``<w:noProof/>``, which Word
leaves unchecked.

The words are found as the spell checker finds them (`wizard.model.words`):
whole tokens, or their parts split at ``-`` and ``/``, never a piece inside
a longer word; a list's lower-case entry in any case, one with capitals as
written; an ignored word exactly as it was ignored. The caller gives the
lists' words (the renderer reads no one's configuration by itself); the
draft's ignored words come with the draft.

Two ways in, one result:

- Text the wizard writes as whole runs (`wordxml.run_xml`: the texts, the
  lists, the tables) is split into runs there.
- A plain value printed in a run of the template (``{{ referral.title }}``) is
  the template's run, with the template's formatting: the value's accepted
  words are wrapped in `MARK_START`/`MARK_END` (C1 control characters, which
  the cleaned values never hold), and once the template has run, each run
  holding marks is split with its formatting copied (`document.mark_no_proof`).
"""

from __future__ import annotations

from collections.abc import Iterable

from wizard.model.words import PART, TOKEN, WordSet

MARK_START = "\x86"  # START OF SELECTED AREA
MARK_END = "\x87"  # END OF SELECTED AREA


class ProofWords:
    """The words a document leaves unproofed: the lists' words and the draft's ignored ones."""

    __slots__ = ("ignored", "listed")

    def __init__(self, listed: Iterable[str] | WordSet = (),
                 ignored: Iterable[str] = ()) -> None:
        self.listed = listed if isinstance(listed, WordSet) else WordSet(listed)
        self.ignored = frozenset(ignored)

    def with_ignored(self, ignored: Iterable[str]) -> ProofWords:
        """The same lists with one draft's ignored words (the lists are shared, not copied)."""
        return ProofWords(self.listed, ignored)

    def __bool__(self) -> bool:
        return bool(self.listed) or bool(self.ignored)

    def __contains__(self, word: str) -> bool:
        return word in self.ignored or word in self.listed

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the accepted words of ``text`` are: (start, end) pairs, in order."""
        found: list[tuple[int, int]] = []
        for match in TOKEN.finditer(text):
            token = match.group()
            start = match.start()
            if token.endswith("-"):
                token = token[:-1]
            if token in self:
                found.append((start, start + len(token)))
            elif "-" in token or "/" in token:
                found.extend((start + part.start(), start + part.end())
                             for part in PART.finditer(token) if part.group() in self)
        return found

    def marked(self, text: str) -> str:
        """``text`` with each accepted word between `MARK_START` and `MARK_END`."""
        spans = self.spans(text)
        if not spans:
            return text
        pieces = []
        position = 0
        for start, end in spans:
            pieces += [text[position:start], MARK_START, text[start:end], MARK_END]
            position = end
        pieces.append(text[position:])
        return "".join(pieces)


def without_marks(text: str) -> str:
    """``text`` with no marks left (for what is not a run's text, such as a property)."""
    if MARK_START not in text and MARK_END not in text:
        return text
    return text.replace(MARK_START, "").replace(MARK_END, "")
