"""Word paragraphs back into the draft's markdown-lite, checked by parsing it again.

Bold and italic runs become ``**…**`` and ``*…*``, Word and typed list items
``- `` and ``1. `` lines, line breaks new lines. Markdown-lite has no escapes,
so some text cannot be written back exactly (``2*3*4`` reads as italic); every
paragraph is therefore parsed again with the renderer's own parser and
compared, and a field whose text would print differently is named in the
report instead of being changed silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wizard.importing.docx_reader import Para
from wizard.render.clean import clean_text
from wizard.render.markup import Run, parse


def canonical(runs: Sequence[Run]) -> tuple[Run, ...]:
    """Runs as the reader sees them: no formatting on blank runs, neighbours joined, trimmed."""
    joined: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        blank = not run.text.strip()
        run = Run(run.text, run.bold and not blank, run.italic and not blank)
        if joined and (joined[-1].bold, joined[-1].italic) == (run.bold, run.italic):
            joined[-1] = Run(joined[-1].text + run.text, run.bold, run.italic)
        else:
            joined.append(run)
    while joined and not joined[0].text.lstrip():
        joined.pop(0)
    if joined:
        first = joined[0]
        joined[0] = Run(first.text.lstrip(), first.bold, first.italic)
    while joined and not joined[-1].text.rstrip():
        joined.pop()
    if joined:
        last = joined[-1]
        joined[-1] = Run(last.text.rstrip(), last.bold, last.italic)
    return tuple(joined)


def split_lines(runs: Sequence[Run]) -> list[tuple[Run, ...]]:
    """The runs of each line of a paragraph that holds line breaks."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Run(part, run.bold, run.italic))
    return [tuple(line) for line in lines]


def inline_markup(runs: Sequence[Run]) -> str:
    """``**bold**``, ``*italic*`` and ``***both***`` around formatted runs, spaces outside."""
    out = []
    for run in canonical(runs):
        if not (run.bold or run.italic):
            out.append(run.text)
            continue
        core = run.text.strip()
        lead = run.text[: len(run.text) - len(run.text.lstrip())]
        trail = run.text[len(run.text.rstrip()):]
        marker = "***" if run.bold and run.italic else "**" if run.bold else "*"
        out.append(f"{lead}{marker}{core}{marker}{trail}")
    return "".join(out)


@dataclass(frozen=True)
class Line:
    """One line of a markdown-lite field: its runs and, for a list item, its kind and number."""

    runs: tuple[Run, ...]
    ordered: bool | None = None  # None: not a list item
    number: int = 1


def lines_of(paragraphs: Sequence[Para]) -> tuple[list[Line], bool]:
    """The lines of these paragraphs; True when list levels had to be flattened."""
    lines: list[Line] = []
    flattened = False
    for paragraph in paragraphs:
        mark = paragraph.mark
        parts = split_lines(paragraph.runs)
        for index, runs in enumerate(parts):
            if not canonical(runs):
                continue
            if index == 0 and mark is not None:
                flattened = flattened or mark.level > 0
                lines.append(Line(runs, mark.ordered, mark.number or 1))
            else:
                lines.append(Line(runs))
    return lines, flattened


def to_markup(lines: Sequence[Line]) -> tuple[str, bool]:
    """The field's text, and True when it reads back exactly as the document showed it."""
    text_lines = []
    for line in lines:
        prefix = "" if line.ordered is None else f"{line.number}. " if line.ordered else "- "
        text_lines.append(prefix + inline_markup(line.runs))
    text = "\n".join(text_lines)
    return text, _reads_back(text, lines)


def _reads_back(text: str, lines: Sequence[Line]) -> bool:
    parsed = parse(clean_text(text))
    if len(parsed) != len(lines):
        return False
    for paragraph, line in zip(parsed, lines, strict=True):
        ordered = None if paragraph.list is None else paragraph.list.ordered
        if ordered != line.ordered:
            return False
        if canonical(paragraph.runs) != canonical([Run(clean_text(r.text), r.bold, r.italic)
                                                   for r in line.runs]):
            return False
    return True
