"""Text analysis for the writing aids: spelling candidates, compounds, LIX and klarspråk.

Pure functions on strings, shared by the spell checker (which runs in its own
process, see `wizard.tui.spelling`), the review step and ``wizard check
--sprak``. Nothing here reads a file or knows a dictionary: the caller passes
``known(word) -> bool`` (Hunspell plus word lists, from storage) and the
officialese list (from ``templates/klarsprak.toml``).

Choices, so that the checks and the tests agree:

- **Words to spell-check.** A token is a run of letters, digits and the joiners
  ``- . / : @ ' ’`` that starts and ends with a letter or digit (a trailing
  hyphen is kept: ``miljö-`` in "miljö- och hälsoskyddsnämnden"). Tokens with a
  digit (years, dnr ``171-482/2016``, dates), with ``@`` or ``://`` (addresses)
  or with an inner full stop (``m.fl``, ``t.ex``, ``stockholm.se``) are not
  checked. The rest is split at ``/`` and ``-``; a part in capitals (``EU``,
  ``ICLEI``), one letter, or with a capital after its first letter (``SoL``) is
  a name or an abbreviation and is not checked.
- **Compounds.** Hunspell's sv_SE accepts many compounds itself; a word it
  does not know is split into a known head and a known tail (each at least
  `MIN_PART` letters, at most `MAX_PARTS` parts in all), the head also with the
  linking ``-s-`` (``stadsdel|s|förvaltning``) or with a dropped final ``-a``
  / ``-e`` (``skol|gård``).
- **LIX** (läsbarhetsindex, Björnsson): words per sentence plus the share of
  long words (more than six letters) in per cent. A word is a run of letters
  and digits (joined by hyphens or apostrophes); a sentence ends at ``.``,
  ``!``, ``?`` or ``:`` followed by a space and a capital letter, a digit or the
  end of the line, and at the end of every paragraph (line) with words in it,
  so list items count as sentences. ``t.ex. om`` does not end a sentence.
- **Long sentences**: more than `LONG_SENTENCE` (35) words.
- **Repeated words**: the same word twice in a row (case aside, nothing but
  spaces between), and a word of at least `DENSE_MIN_LETTERS` letters used
  `DENSE_COUNT` times within `DENSE_WINDOW` words, which reads as a repetition.
- **Officialese** (myndighetsspråk): each entry of the list is matched case
  aside at word boundaries; its last word also in inflected forms (the word, or
  for a word of six letters or more ending in ``-a``/``-e`` its stem, followed
  by up to `INFLECTION` letters: tillhandahåll|er, erforderlig|a) and in the
  forms the entry lists (tillhandahöll).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from wizard.model.draft import Draft
from wizard.model.validation import Issue
from wizard.model.words import PART, TOKEN

MIN_PART = 4
MAX_PARTS = 4
LONG_SENTENCE = 35
LONG_WORD = 6
DENSE_MIN_LETTERS = 7
DENSE_COUNT = 4
DENSE_WINDOW = 40
INFLECTION = 5
LIX_MIN_WORDS = 30  # LIX of a shorter text says little; it is left out

Known = Callable[[str], bool]

# Little words that are never a part of a compound: without this list "namnden" (a typo
# of "nämnden") passed as namn|den.
FUNCTION_WORDS = frozenset({
    "alla", "allt", "andra", "att", "blev", "bli", "blir", "dem", "den", "denna", "dess",
    "dessa", "det", "detta", "din", "dina", "där", "eller", "ett", "för", "han", "har", "hade",
    "hen", "hon", "här", "inga", "inget", "inte", "kan", "man", "med", "mig", "min", "mina",
    "men", "måste", "nog", "när", "och", "oss", "också", "sig", "sin", "sina", "ska", "skulle",
    "som", "vad", "var", "vara", "varit", "vid", "vår", "våra", "än", "ändå", "även", "igen",
    "efter", "inom", "utan", "sedan", "dock", "mycket", "vilken", "vilket", "vilka",
    "ingen", "någon", "något", "några",
})


# ---------------------------------------------------------------- spelling


@dataclass(frozen=True)
class Span:
    """A word found in a text: ``text[start:end] == word``."""

    start: int
    end: int
    word: str


_DIGIT = re.compile(r"\d")


def _skipped_token(token: str) -> bool:
    """Tokens that are not words to check: numbers, dnr, addresses, abbreviations."""
    return bool(_DIGIT.search(token)) or "@" in token or "://" in token or "." in token


def _skipped_part(part: str) -> bool:
    """Parts that are names or abbreviations: capitals, one letter, inner capitals."""
    if len(part) < 2:
        return True
    if part.isupper():
        return True
    return any(char.isupper() for char in part[1:])


def spelling_parts(text: str) -> Iterator[tuple[Span, list[Span]]]:
    """Each token to check, with the parts (split at ``-`` and ``/``) to check on their own."""
    for match in TOKEN.finditer(text):
        token = match.group()
        if _skipped_token(token):
            continue
        token = token.rstrip("-")
        whole = Span(match.start(), match.start() + len(token), token)
        parts = [
            Span(whole.start + part.start(), whole.start + part.end(), part.group())
            for part in PART.finditer(token)
        ]
        parts = [part for part in parts if not _skipped_part(part.word.strip("'’"))]
        if parts:
            yield whole, parts


def compound_known(word: str, known: Known, parts: int = MAX_PARTS,
                   cache: dict[tuple[str, int], bool] | None = None) -> bool:
    """Whether ``word`` is a compound of known words (see the module's note on compounds)."""
    if cache is None:
        cache = {}
    key = (word, parts)
    if key in cache:
        return cache[key]
    cache[key] = False  # no loops while it is worked out
    result = False
    lower = word[:1].lower() + word[1:]
    for cut in range(len(lower) - MIN_PART, MIN_PART - 1, -1):
        head, tail = lower[:cut], lower[cut:]
        if tail in FUNCTION_WORDS:
            continue
        if not (known(tail) or (parts > 2 and compound_known(tail, known, parts - 1, cache))):
            continue
        if _head_known(head, known, parts - 1, cache):
            result = True
            break
    cache[key] = result
    return result


def _head_known(head: str, known: Known, parts: int,
                cache: dict[tuple[str, int], bool]) -> bool:
    if head in FUNCTION_WORDS:
        return False
    candidates = [head]
    if head.endswith("s") and len(head) > MIN_PART:
        candidates.append(head[:-1])  # the linking -s-: stadsdel|s|förvaltning
    candidates += [head + "a", head + "e"]  # a dropped final vowel: skol(a)|gård
    for candidate in candidates:
        if known(candidate):
            return True
    return parts > 1 and any(
        compound_known(candidate, known, parts, cache) for candidate in candidates[:2]
        if len(candidate) >= 2 * MIN_PART
    )


def word_known(word: str, known: Known, cache: dict[tuple[str, int], bool] | None = None) -> bool:
    """A word is right when the dictionary knows it or it is a compound of known words."""
    word = word.strip("'’")
    return known(word) or compound_known(word, known, cache=cache)


def misspellings(text: str, known: Known,
                 cache: dict[tuple[str, int], bool] | None = None) -> list[Span]:
    """The words of ``text`` that are not known, at their offsets in ``text``.

    A hyphenated word that the dictionary knows whole (``e-post``) is right; else
    each part is checked, and only the wrong parts are marked.
    """
    if cache is None:
        cache = {}
    found: list[Span] = []
    for whole, parts in spelling_parts(text):
        if len(parts) > 1 and known(whole.word):
            continue
        found.extend(part for part in parts if not word_known(part.word, known, cache))
    return found


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and 0-based column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return line, column


# ---------------------------------------------------------------- LIX and sentences

_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s+(?:[*”\"'(]*)[A-ZÅÄÖÉ0-9]|\s*$)", re.MULTILINE)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: where it starts and ends, and its words."""

    start: int
    end: int
    words: tuple[Span, ...]


def words_of(text: str) -> list[Span]:
    """The words of a text, for LIX and sentence length."""
    return [Span(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def sentences(text: str) -> list[Sentence]:
    """The sentences of a text (see the module's note on LIX for where one ends)."""
    found: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        start = 0
        ends = [m.end() for m in _SENTENCE_END.finditer(line)]
        for end in [*ends, len(line)]:
            piece = line[start:end]
            words = tuple(
                Span(line_start + start + w.start, line_start + start + w.end, w.word)
                for w in words_of(piece)
            )
            if words:
                found.append(Sentence(words[0].start, line_start + end, words))
            start = end
    return found


def letters(word: str) -> int:
    """The letters (and digits) of a word, hyphens and apostrophes left out."""
    return sum(char.isalnum() for char in word)


@dataclass(frozen=True)
class Lix:
    """LIX of a text, with what it was computed from."""

    value: float
    words: int
    sentences: int
    long_words: int

    @property
    def band(self) -> str:
        return lix_band(self.value)


def lix(text: str) -> Lix | None:
    """LIX of ``text``; None when it has no words."""
    found = sentences(text)
    words = [word for sentence in found for word in sentence.words]
    if not words:
        return None
    long_words = sum(letters(word.word) > LONG_WORD for word in words)
    value = len(words) / len(found) + 100 * long_words / len(words)
    return Lix(value, len(words), len(found), long_words)


LIX_BANDS: tuple[tuple[float, str], ...] = (
    (25, "mycket lätt"),
    (30, "lätt"),
    (40, "medelsvår"),
    (50, "svår"),
)


def lix_band(value: float) -> str:
    """The usual name of a LIX value: under 25 mycket lätt … over 50 mycket svår."""
    for limit, name in LIX_BANDS:
        if value < limit:
            return name
    return "mycket svår"


# ---------------------------------------------------------------- findings


@dataclass(frozen=True)
class LanguageIssue(Issue):
    """A piece of language advice: always a warning, with the line in its field."""

    line: int = 1
    start: int = 0
    end: int = 0
    kind: str = ""


@dataclass(frozen=True)
class Officialese:
    """A word or phrase of officialese and a plainer one to write instead."""

    phrase: str
    plainer: str
    forms: tuple[str, ...] = ()

    def pattern(self) -> str:
        words = self.phrase.split()
        *first, last = words
        stem = last[:-1] if len(last) >= 6 and last[-1] in "ae" else last
        endings = f"[^\\W\\d_]{{0,{INFLECTION}}}" if len(last) >= 5 else ""
        head = r"\s+".join(re.escape(word) for word in first)
        last_pattern = re.escape(stem) + endings
        options = [(head + r"\s+" if head else "") + last_pattern]
        options += [r"\s+".join(re.escape(word) for word in form.split()) for form in self.forms]
        return "|".join(f"(?:{option})" for option in options)


@dataclass
class OfficialeseList:
    """The officialese entries as one pattern (built once per list)."""

    entries: tuple[Officialese, ...]
    _regex: re.Pattern[str] | None = field(default=None, init=False, repr=False)

    @property
    def regex(self) -> re.Pattern[str] | None:
        if self._regex is None and self.entries:
            groups = "|".join(f"(?P<e{n}>{entry.pattern()})"
                              for n, entry in enumerate(self.entries))
            self._regex = re.compile(rf"(?<![^\W_])(?:{groups})(?![^\W_])", re.IGNORECASE)
        return self._regex

    def find(self, text: str) -> Iterator[tuple[Span, Officialese]]:
        regex = self.regex
        if regex is None:
            return
        for match in regex.finditer(text):
            name = match.lastgroup
            if name is None:
                continue
            entry = self.entries[int(name[1:])]
            yield Span(match.start(), match.end(), match.group()), entry


# Where language advice applies: the texts a reader reads as prose.
LIX_SECTIONS: tuple[tuple[str, str], ...] = (
    ("texts.summary", "Sammanfattning"),
    ("texts.background", "Bakgrund"),
    ("texts.background_after", "Bakgrund efter inriktningarna"),
    ("texts.views", "Förvaltningens synpunkter och förslag"),
)


def prose_fields(draft: Draft) -> list[tuple[str, str]]:
    """The draft's prose fields with their text: long texts, inriktningar, decisions."""
    found = [(path, draft.get(path)) for path, _ in LIX_SECTIONS]
    for index, direction in enumerate(draft.directions, 1):
        found.append((f"directions[{index}].description", direction.description))
        found.append((f"directions[{index}].comment", direction.comment))
    for index, decision in enumerate(draft.decisions, 1):
        found.append((f"decisions[{index}].text", decision.text))
    return [(path, text) for path, text in found if text.strip()]


@dataclass(frozen=True)
class SectionLix:
    """LIX of one section of the statement."""

    field: str
    title: str
    lix: Lix


def section_lix(draft: Draft) -> list[SectionLix]:
    """LIX per section: each long text, and the inriktningar together."""
    found = []
    sections = [(path, title, draft.get(path)) for path, title in LIX_SECTIONS]
    directions = "\n".join(
        text for d in draft.directions for text in (d.description, d.comment) if text.strip()
    )
    sections.append(("directions", "Inriktningar", directions))
    for path, title, text in sections:
        value = lix(text)
        if value is not None and value.words >= LIX_MIN_WORDS:
            found.append(SectionLix(path, title, value))
    return found


def _preview(words: Iterable[Span], count: int = 6) -> str:
    shown = [word.word for word in words]
    return " ".join(shown[:count]) + (" …" if len(shown) > count else "")


def text_findings(path: str, text: str, officialese: OfficialeseList) -> list[LanguageIssue]:
    """Long sentences, repeated words and officialese in one field's text."""
    found: list[LanguageIssue] = []

    def add(kind: str, span_start: int, span_end: int, message: str) -> None:
        line, _ = line_and_column(text, span_start)
        found.append(LanguageIssue("warning", path, message, line=line, start=span_start,
                                   end=span_end, kind=kind))

    for sentence in sentences(text):
        if len(sentence.words) > LONG_SENTENCE:
            add("long_sentence", sentence.start, sentence.end,
                f"Meningen ”{_preview(sentence.words)}” har {len(sentence.words)} ord "
                f"(rad {line_and_column(text, sentence.start)[0]}); dela gärna upp den, "
                f"en mening på högst {LONG_SENTENCE} ord är lättare att läsa.")
        found.extend(_repeats(path, text, sentence))
    for span, entry in officialese.find(text):
        add("officialese", span.start, span.end,
            f"”{span.word}” (rad {line_and_column(text, span.start)[0]}) är myndighetsspråk; "
            f"skriv hellre ”{entry.plainer}”.")
    return found


def _repeats(path: str, text: str, sentence: Sentence) -> list[LanguageIssue]:
    found = []
    words = sentence.words
    for before, word in itertools.pairwise(words):
        between = text[before.end:word.start]
        if word.word.casefold() == before.word.casefold() and not between.strip():
            line = line_and_column(text, before.start)[0]
            found.append(LanguageIssue(
                "warning", path,
                f"”{before.word} {word.word}” (rad {line}): samma ord två gånger i rad.",
                line=line, start=before.start, end=word.end, kind="repeated"))
    return found


def dense_repeats(path: str, text: str) -> list[LanguageIssue]:
    """A long word used `DENSE_COUNT` times within `DENSE_WINDOW` words (told once per word)."""
    words = words_of(text)
    told: set[str] = set()
    found = []
    recent: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        key = word.word.casefold()
        if letters(key) < DENSE_MIN_LETTERS or key in told:
            continue
        places = [i for i in recent.get(key, []) if index - i < DENSE_WINDOW]
        places.append(index)
        recent[key] = places
        if len(places) >= DENSE_COUNT:
            told.add(key)
            first = words[places[0]]
            line = line_and_column(text, first.start)[0]
            found.append(LanguageIssue(
                "warning", path,
                f"”{first.word}” står {len(places)} gånger inom {DENSE_WINDOW} ord "
                f"(från rad {line}); byt ut eller stryk några.",
                line=line, start=first.start, end=word.end, kind="dense"))
    return found


LIX_ADVICE = 50  # over this (mycket svår), LIX comes with advice


def lix_findings(draft: Draft) -> list[LanguageIssue]:
    """LIX of each section as a line for the review (advice when it is over `LIX_ADVICE`)."""
    found = []
    for section in section_lix(draft):
        value = section.lix.value
        message = f"LIX {section.title} {value:.0f} ({section.lix.band})"
        if value > LIX_ADVICE:
            message += ": korta meningarna och byt långa ord mot kortare där det går."
        found.append(LanguageIssue("warning", section.field, message, kind="lix"))
    return found


def language_findings(draft: Draft, officialese: OfficialeseList) -> list[LanguageIssue]:
    """Every piece of klarspråk advice for a draft, field by field, in form order."""
    found: list[LanguageIssue] = []
    for path, text in prose_fields(draft):
        found.extend(text_findings(path, text, officialese))
        found.extend(dense_repeats(path, text))
    order: dict[str, int] = {}
    for n, (path, _) in enumerate(prose_fields(draft)):
        order.setdefault(path, n)
        order.setdefault(path.partition("[")[0], n)  # "directions": at its first field
    return sorted(found, key=lambda issue: (order.get(issue.field, len(order)), issue.line))
