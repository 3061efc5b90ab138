"""Words as the spell checker sees them: where a text's words are, and a set of accepted words.

Small on purpose: the renderer imports it for every document (it marks the
words of the person's word lists as not to be proofed in Word), and the rest
of the writing aids (`wizard.model.language`) is not needed for that.

- A token is a run of letters, digits and the joiners ``- . / : @ ' ’ +`` that
  starts and ends with a letter or digit (a trailing hyphen is kept, as in
  "miljö- och hälsoskyddsnämnden"); its parts are split at ``/`` and ``-``.
- `WordSet`: a lower-case entry accepts the word in any case, one with capitals
  only as written (or all in capitals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TOKEN = re.compile(r"[^\W_](?:[\w.\-/:@'’+]*[^\W_])?-?")
PART = re.compile(r"[^/\-]+")


class WordSet:
    """Accepted words: a lower-case entry takes any case, one with capitals only its own."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.exact: set[str] = set()
        self.any_case: set[str] = set()
        for word in words:
            self.add(word)

    def add(self, word: str) -> None:
        if word == word.lower():
            self.any_case.add(word)
        else:
            self.exact.add(word)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word in self.exact or word.lower() in self.any_case:
            return True
        return word.isupper() and any(word == entry.upper() for entry in self.exact)

    def __bool__(self) -> bool:
        return bool(self.exact or self.any_case)
