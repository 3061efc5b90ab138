"""Markdown-lite (``docs/draft-format.md``) parsed into paragraphs, lists and runs.

markdown-it-py does the parsing, configured so that only paragraphs, bullet and
numbered lists, ``*italic*`` and ``**bold**`` mean anything; every other
construct (headings, links, HTML, entities, backslash escapes, code) stays
literal text. Each line is its own paragraph, as pressing Enter is in Word, so
the text is first spread out with blank lines between its lines.

The result, `Blocks`, is the one structure that both the Word document and the
preview are made from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# markdown-it's emphasis rule also reads ``_words_``; the format only knows
# ``*words*``, so underscores are hidden from it behind a control character
# (which cleaned text never holds) and given back in the runs.
_UNDERSCORE = "\x01"

# Lists the format knows: "- ", "* " and "1. ". markdown-it also makes lists of
# "+ " and "1) "; those lines are given back as the literal text they were.
BULLET_MARKS = frozenset({"-", "*"})
NUMBER_MARKS = frozenset({"."})


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class ListInfo:
    """Which list a paragraph belongs to: ``index`` is unique within its `Blocks`."""

    index: int
    ordered: bool
    start: int = 1
    level: int = 0


@dataclass(frozen=True)
class Paragraph:
    """One Word paragraph: its runs and, for a list item, its list and number."""

    runs: tuple[Run, ...]
    list: ListInfo | None = None
    number: int | None = None

    @property
    def text(self) -> str:
        """The paragraph's text without formatting."""
        return "".join(run.text for run in self.runs)


Blocks = tuple[Paragraph, ...]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # "zero" turns every rule off but paragraphs and plain text.
    return MarkdownIt("zero").enable(["list", "emphasis"])


def _spread_lines(text: str) -> str:
    """Put a blank line between all lines, so that each line is its own paragraph.

    Leading white space is dropped: indentation would otherwise make code
    blocks, nested lists or continuation lines, none of which the format has.
    """
    lines = [line.strip(" \t") for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)


def parse(text: str) -> Blocks:
    """Parse one markdown-lite field into paragraphs; an empty field gives ``()``.

    ``text`` must be cleaned (`wizard.render.clean.clean_text`): no C0 controls.
    """
    if not text.strip():
        return ()
    tokens = _parser().parse(_spread_lines(text).replace("_", _UNDERSCORE))
    return tuple(_Builder().build(tokens))


@dataclass
class _OpenList:
    info: ListInfo | None  # None: a "+ " or "1) " list, kept as literal text
    mark: str
    next_number: int


class _Builder:
    """Walk the token stream, keeping track of the lists the paragraphs are in."""

    def __init__(self) -> None:
        self.lists: list[_OpenList] = []
        self.paragraphs: list[Paragraph] = []
        self.list_count = 0
        self.item_prefix = ""
        self.item_number: int | None = None
        self.item_has_paragraph = False

    def build(self, tokens: Sequence[Token]) -> list[Paragraph]:
        for token in tokens:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                self._open_list(token)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self._open_item(token)
            elif kind == "inline":
                self._inline(token)
        return self.paragraphs

    def _open_list(self, token: Token) -> None:
        ordered = token.type == "ordered_list_open"
        known = token.markup in (NUMBER_MARKS if ordered else BULLET_MARKS)
        start = int(token.attrGet("start") or 1) if ordered else 1
        info = None
        if known:
            level = sum(1 for open_list in self.lists if open_list.info is not None)
            info = ListInfo(self.list_count, ordered, start, min(level, 8))
            self.list_count += 1
        self.lists.append(_OpenList(info, token.markup, start))

    def _open_item(self, token: Token) -> None:
        current = self.lists[-1]
        self.item_has_paragraph = False
        if current.info is None:
            # Not a list of the format: give back what was typed.
            self.item_prefix = f"{token.info}{current.mark} " if token.info else f"{current.mark} "
            self.item_number = None
            return
        self.item_prefix = ""
        self.item_number = current.next_number if current.info.ordered else None
        current.next_number += 1

    def _current_list(self) -> ListInfo | None:
        for open_list in reversed(self.lists):
            if open_list.info is not None:
                return open_list.info
        return None

    def _inline(self, token: Token) -> None:
        runs = _runs(token.children or [])
        info = self._current_list() if self.lists else None
        first_in_item = bool(self.lists) and not self.item_has_paragraph
        if self.lists:
            self.item_has_paragraph = True
        if first_in_item and self.item_prefix:
            runs = _join_runs((Run(self.item_prefix), *runs))
            self.item_prefix = ""
        if not any(run.text for run in runs):
            return
        if info is not None and first_in_item and self.lists[-1].info is not None:
            number = self.item_number if info.ordered else None
            self.paragraphs.append(Paragraph(runs, info, number))
        else:
            self.paragraphs.append(Paragraph(runs))


def _join_runs(runs: Sequence[Run]) -> tuple[Run, ...]:
    """Join neighbouring runs of one formatting."""
    joined: list[Run] = []
    for run in runs:
        if joined and (joined[-1].bold, joined[-1].italic) == (run.bold, run.italic):
            joined[-1] = Run(joined[-1].text + run.text, run.bold, run.italic)
        else:
            joined.append(run)
    return tuple(joined)


def _runs(children: Sequence[Token]) -> tuple[Run, ...]:
    """Inline tokens to runs; neighbouring runs of one formatting are joined."""
    bold = italic = 0
    runs: list[Run] = []
    for child in children:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "em_open":
            italic += 1
        elif child.type == "em_close":
            italic -= 1
        elif child.content:
            runs.append(Run(child.content.replace(_UNDERSCORE, "_"), bold > 0, italic > 0))
    return _join_runs(runs)


def plain_text(blocks: Blocks) -> list[str]:
    """The text of each paragraph, in order: what a reader sees without formatting."""
    return [paragraph.text for paragraph in blocks]
