"""The spell checker: Hunspell's sv_SE through spylls, plus word lists and compound splitting.

Engine chosen by measurement (see README, "Stavning"): spylls is Hunspell in
pure Python and installs from PyPI everywhere; the bindings (``cyhunspell``,
``hunspell``) have no wheels for current Pythons and need the system's
libhunspell and a compiler, and ``hunspell2`` runs the ``hunspell`` program. A
spylls lookup costs about a millisecond, so answers are cached per word, and
suggestions are cut short: Hunspell's n-gram pass over the whole dictionary
takes up to half a minute for a long compound, so it only looks at words with
the same first letter, and the search stops after `SUGGEST_BUDGET` seconds.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Iterator
from typing import Any

from wizard.model.language import MIN_PART, Span, misspellings
from wizard.model.words import WordSet

SUGGEST_LIMIT = 6
SUGGEST_BUDGET = 3.0  # seconds


class Speller:
    """Checks text and suggests words; one per process, used by one thread at a time."""

    def __init__(self, dictionary: Any, words: Iterable[str] = ()) -> None:
        self.dictionary = dictionary
        self.words = WordSet(words)
        self._known: dict[str, bool] = {}
        self._compounds: dict[tuple[str, int], bool] = {}
        self._by_initial: dict[str, list[Any]] | None = None

    def known(self, word: str) -> bool:
        """The dictionary or a word list knows ``word`` (cached: a lookup costs ~1 ms)."""
        answer = self._known.get(word)
        if answer is None:
            answer = word in self.words or bool(self.dictionary.lookup(word))
            self._known[word] = answer
        return answer

    def check(self, text: str) -> list[Span]:
        """The misspelt words of ``text`` with their offsets."""
        return misspellings(text, self.known, self._compounds)

    def suggest(self, word: str, limit: int = SUGGEST_LIMIT,
                budget: float = SUGGEST_BUDGET) -> list[str]:
        """Up to ``limit`` corrections of ``word``, the likeliest first, within about ``budget`` s.

        Hunspell's own suggestions first (cut off at 70 % of the budget); then, for a
        compound, corrections of its last part after a known first part
        (kommunkoncern|övergripnde → kommunkoncernövergripande), which Hunspell finds
        slowly or not at all; only when Hunspell found nothing, as a split that is
        not meant (förvalt|nigen) gives odd words.
        """
        deadline = time.monotonic() + budget
        capitalised = word[:1].isupper() and word[1:].islower()
        # A capitalised word (a sentence's first): Hunspell would try the capitalised form's
        # slow passes first; the lower-case word's answers, capitalised, come sooner.
        asked = word.lower() if capitalised else word
        found = self._hunspell_suggestions(asked, limit, time.monotonic() + budget * 0.7)
        if not found and len(word) >= 2 * MIN_PART:
            found = self._compound_suggestions(asked, deadline)
        if capitalised:
            found = [text[:1].upper() + text[1:] for text in found]
            if len(found) < limit and time.monotonic() < deadline:  # names: Stokholms
                found += self._hunspell_suggestions(word, limit, deadline)
        return list(dict.fromkeys(found))[:limit]

    def _hunspell_suggestions(self, word: str, limit: int, deadline: float) -> list[str]:
        suggester = self.dictionary.suggester
        if self._by_initial is None:
            self._by_initial = {}
            for entry in suggester.words_for_ngram:
                self._by_initial.setdefault(entry.stem[:1].lower(), []).append(entry)
        everything, lookup = suggester.words_for_ngram, suggester.lookup
        suggester.words_for_ngram = _Timed(self._by_initial.get(word[:1].lower(), []), deadline)
        suggester.lookup = _TimedLookup(lookup, deadline)
        found: list[str] = []
        try:
            for suggestion in suggester.suggestions(word):
                text = suggestion.text
                if text != word and text not in found and " " not in text.strip():
                    found.append(text)
                if len(found) >= limit or time.monotonic() > deadline:
                    break
        except _OutOfTime:
            pass
        finally:
            suggester.words_for_ngram, suggester.lookup = everything, lookup
        return found

    def _compound_suggestions(self, word: str, deadline: float) -> list[str]:
        lower = word[:1].lower() + word[1:]
        for cut in range(len(lower) - MIN_PART, MIN_PART - 1, -1):
            head, tail = lower[:cut], lower[cut:]
            if not (self.known(head) or (head.endswith("s") and self.known(head[:-1]))):
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            tails = self._hunspell_suggestions(tail, SUGGEST_LIMIT, time.monotonic() + remaining)
            joined = [head + part.lower() for part in tails if " " not in part and "-" not in part]
            # Only what the dictionary or a word list knows whole: a split that is not
            # meant (förvalt|nigen) would otherwise offer odd words (förvalt|ginen).
            good = [candidate for candidate in joined if self.known(candidate)]
            if good:
                return [word[:1] + candidate[1:] for candidate in good]
        return []


class _OutOfTime(Exception):
    """The suggestion search ran out of its time."""


class _Timed:
    """The dictionary's words for the n-gram pass, stopping the pass at the deadline."""

    def __init__(self, words: list[Any], deadline: float) -> None:
        self.words = words
        self.deadline = deadline

    def __iter__(self) -> Iterator[Any]:
        for index, word in enumerate(self.words):
            if index % 500 == 0 and time.monotonic() > self.deadline:
                raise _OutOfTime
            yield word


class _TimedLookup:
    """spylls' lookup for the suggester, stopping the edit passes at the deadline."""

    def __init__(self, lookup: Any, deadline: float) -> None:
        self._lookup = lookup
        self.deadline = deadline

    def good_forms(self, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() > self.deadline:
            raise _OutOfTime
        return self._lookup.good_forms(*args, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() > self.deadline:
            raise _OutOfTime
        return self._lookup(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lookup, name)


# ---------------------------------------------------------------- the checker process
#
# The TUI runs the checker in a process of its own (spylls is pure Python: in a
# thread, its two to six seconds of loading and its lookups would hold the GIL
# that the event loop needs for every keystroke). These functions are that
# process's side; `wizard.tui.spelling` is the other. They speak JSON, one
# request and one answer per line: {"id": 1, "op": "check", "arg": "text"}
# gets {"id": 1, "result": [[start, end, word], ...]}.

_speller: Speller | None = None
_status: tuple[str, str] = ("missing", "")


def worker_start() -> None:
    """Load the dictionary and the shipped and organisation's word lists (pool initializer)."""
    global _speller, _status
    from wizard.storage.language import (
        DictionaryMissingError,
        WordListError,
        load_dictionary,
        read_word_lists,
        word_list_paths,
    )

    try:
        dictionary = load_dictionary()
    except DictionaryMissingError as error:
        _status = ("missing", str(error))
        return
    except Exception as error:  # an unreadable dictionary file: spelling off, said once
        _status = ("missing", str(error))
        return
    note = ""
    try:
        words = read_word_lists(word_list_paths())
    except WordListError as error:
        words, note = [], f"Ordlistan används inte: {error}"
    _speller = Speller(dictionary, words)
    _status = ("ready", note)


def worker_status() -> tuple[str, str]:
    """("ready" or "missing", a message to show once or "")."""
    return _status


def worker_check(text: str) -> list[tuple[int, int, str]] | None:
    """The misspelt words of ``text`` as (start, end, word); None without a dictionary."""
    if _speller is None:
        return None
    return [(span.start, span.end, span.word) for span in _speller.check(text)]


def worker_suggest(word: str) -> list[str]:
    """Corrections of ``word`` (empty without a dictionary)."""
    if _speller is None:
        return []
    return _speller.suggest(word)


def serve(requests: Any = None, answers: Any = None) -> None:
    """Load, then answer requests from ``requests`` (stdin) until it closes."""
    import json
    import sys

    requests = requests or sys.stdin
    answers = answers or sys.stdout
    if hasattr(os, "nice"):
        # The lowest priority: on a busy machine the editor, not the checker, gets the CPU.
        with contextlib.suppress(OSError):
            os.nice(19)
    worker_start()
    operations: dict[str, Any] = {
        "status": lambda _arg: worker_status(),
        "check": worker_check,
        "suggest": worker_suggest,
    }
    for line in requests:
        try:
            request = json.loads(line)
            result = operations[request["op"]](request.get("arg"))
        except Exception as error:  # one bad request must not end the checker
            result, request = None, {"id": None, "error": type(error).__name__}
        answers.write(json.dumps({"id": request.get("id"), "result": result}) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve()
