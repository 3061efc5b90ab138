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

import re
from collections.abc import Iterable
from functools import lru_cache

from wizard.model.words import PART, TOKEN, WordSet

MARK_START = "\x86"  # START OF SELECTED AREA
MARK_END = "\x87"  # END OF SELECTED AREA


# What a token is made of besides letters and digits (`wizard.model.words.TOKEN`).
_JOINERS = frozenset("_.-/:@'’+")


def _in_token(char: str) -> bool:
    return char.isalnum() or char in _JOINERS


_TOKEN_CHARACTERS = re.compile(r"[\w.\-/:@'’+]+")


def _forms(words: Iterable[str]) -> frozenset[str]:
    """The lower-case forms of ``words`` (of their capitals too: ß) that a token can hold."""
    fits = _TOKEN_CHARACTERS.fullmatch
    return frozenset(form for word in words for form in {word.lower(), word.upper().lower()}
                     if fits(form))


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for any of ``words``, nested as a trie (quick to search)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [(char if char.isalnum() else re.escape(char)) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


@lru_cache(maxsize=4)
def _search(forms: frozenset[str]) -> re.Pattern[str]:
    """The search for ``forms``, made once per process for the same lists (a few ms)."""
    # Only where a run of letters and digits starts and ends: not inside a longer word.
    return re.compile(rf"(?<![^\W_])(?:{_trie_pattern(sorted(forms))})(?![^\W_])")


class ProofWords:
    """The words a document leaves unproofed: the lists' words and the draft's ignored ones.

    The lists' words are searched for all at once (one expression, made once
    and shared by every draft of a batch), case aside, in a text's lower-case
    form; each token where one may be is then judged by the spell checker's
    rules (`spans`).
    """

    __slots__ = ("_ignored_forms", "_listed_forms", "_regex", "ignored", "listed", "marks_made")

    def __init__(self, listed: Iterable[str] | WordSet = (),
                 ignored: Iterable[str] = ()) -> None:
        self.listed = listed if isinstance(listed, WordSet) else WordSet(listed)
        self._listed_forms = _forms((*self.listed.any_case, *self.listed.exact))
        self._regex = _search(self._listed_forms) if self._listed_forms else None
        self.ignored = frozenset(ignored)
        self._ignored_forms = _forms(self.ignored)
        self.marks_made = False  # `marked` put marks in a text: runs to split

    def with_ignored(self, ignored: Iterable[str]) -> ProofWords:
        """The same lists with one draft's ignored words (the lists are shared, not made again)."""
        words = object.__new__(ProofWords)
        words.listed, words._listed_forms, words._regex = (
            self.listed, self._listed_forms, self._regex)
        words.ignored = frozenset(ignored)
        words._ignored_forms = _forms(words.ignored)
        words.marks_made = False
        return words

    def __bool__(self) -> bool:
        return bool(self.listed) or bool(self.ignored)

    def __contains__(self, word: str) -> bool:
        return word in self.ignored or word in self.listed

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the accepted words of ``text`` are: (start, end) pairs, in order.

        A token is the accepted word when it is one whole; else each of its parts
        (split at ``-`` and ``/``) that is one. Only the tokens where the search
        found one of the words, case aside, are looked at (a property test holds
        this to looking at every token, `_token_spans` over the whole text).
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer: look at all
            return self._token_spans(text, 0, len(text))
        regex = self._regex
        first = regex.search(lowered) if regex is not None else None
        if first is None and not self._ignored_forms:
            return []  # most texts: no word of the lists
        starts = [first.start()] if first is not None else []
        if first is not None and regex is not None:
            starts += [match.start() for match in regex.finditer(lowered, first.end())]
        if self._ignored_forms:
            for form in self._ignored_forms:
                position = lowered.find(form)
                while position >= 0:
                    starts.append(position)
                    position = lowered.find(form, position + 1)
            starts.sort()
        found: list[tuple[int, int]] = []
        done = 0
        for start in starts:
            if start < done:
                continue  # in a token already looked at
            left = start
            while left > 0 and _in_token(text[left - 1]):
                left -= 1
            run = _TOKEN_CHARACTERS.match(text, start)
            right = run.end() if run else start
            found.extend(self._token_spans(text, left, right))
            done = right
        return found

    def _token_spans(self, text: str, begin: int, end: int) -> list[tuple[int, int]]:
        """The accepted words of the tokens of ``text[begin:end]``."""
        found: list[tuple[int, int]] = []
        for match in TOKEN.finditer(text, begin, end):
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
        self.marks_made = True
        pieces = []
        position = 0
        for start, end in spans:
            pieces += [text[position:start], MARK_START, text[start:end], MARK_END]
            position = end
        pieces.append(text[position:])
        return "".join(pieces)


@lru_cache(maxsize=4)
def _for_lists(words: tuple[str, ...]) -> ProofWords:
    return ProofWords(words)


def proof_words(words: Iterable[str]) -> ProofWords:
    """`ProofWords` of the lists' ``words``, made once per process for the same words.

    "Skapa dokument" reads the lists for each document; they seldom change.
    """
    return _for_lists(tuple(words))


def without_marks(text: str) -> str:
    """``text`` with no marks left (for what is not a run's text, such as a property)."""
    if MARK_START not in text and MARK_END not in text:
        return text
    return text.replace(MARK_START, "").replace(MARK_END, "")
