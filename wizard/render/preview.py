"""The whole statement as Markdown, for the wizard's review step.

Made from the same `Content` (and so the same parsed paragraphs, lists and
runs) that the Word document is made from, in the default template's order,
so that what the person reviews is what the document will say. Pure Python and
cheap: no Word file is touched. Every character the person typed is escaped,
so that ``*``, ``#``, ``<`` or ``{{`` show as typed.
"""

from __future__ import annotations

import datetime as dt
import re

from wizard.model.draft import Draft
from wizard.render.content import Content, build_content, direction_item
from wizard.render.markup import Blocks, Paragraph, Run

# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
_LIST_BREAK = "<!-- -->"  # ends one list so that the next starts afresh


def escape(text: str) -> str:
    """``text`` as literal Markdown; line breaks become hard line breaks."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return "\\\n".join(escaped.split("\n"))


def _inline(text: str) -> str:
    """``text`` for a heading or list line, which cannot hold a line break."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))


def _run(run: Run) -> str:
    text = escape(run.text)
    if not (run.bold or run.italic) or not run.text.strip():
        return text
    marks = ("**" if run.bold else "") + ("*" if run.italic else "")
    # Emphasis marks must touch the words: keep surrounding spaces outside.
    stripped = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{marks}{stripped}{marks[::-1]}{trail}"


def runs_markdown(runs: tuple[Run, ...]) -> str:
    """A paragraph's runs as Markdown inline text."""
    return "".join(_run(run) for run in runs)


def _list_marker(paragraph: Paragraph) -> str:
    assert paragraph.list is not None
    return f"{paragraph.number}." if paragraph.list.ordered else "-"


def blocks_markdown(blocks: Blocks, *, first_prefix: tuple[Run, ...] = ()) -> list[str]:
    """Paragraphs and lists as Markdown chunks (to be joined by blank lines)."""
    chunks: list[str] = []
    previous_list: int | None = None
    for paragraph in blocks:
        runs = paragraph.runs
        if first_prefix:
            runs, first_prefix = (*first_prefix, *runs), ()
        text = runs_markdown(runs).replace("\\\n", " ")
        if paragraph.list is None:
            chunks.append(text)
            previous_list = None
            continue
        if previous_list is not None and previous_list != paragraph.list.index:
            chunks.append(_LIST_BREAK)
        chunks.append(f"{_list_marker(paragraph)} {text}")
        previous_list = paragraph.list.index
    return chunks


def _lines(*lines: str) -> str:
    """Lines of one paragraph, joined by hard line breaks; empty lines left out."""
    return "\\\n".join(line for line in lines if line)


def content_markdown(content: Content) -> str:
    """The statement in document order, as the default template lays it out."""
    c = content
    chunks: list[str] = []
    header = [c.statement.organisation, "Tjänsteutlåtande"]
    if c.statement.dnr:
        header.append(f"Dnr {c.statement.dnr}")
    header.append(c.statement.date)
    chunks.append("*" + " · ".join(_inline(part) for part in header if part) + "*")
    chunks.append(
        _lines(
            "**Handläggare**",
            escape(c.officer.name),
            escape(f"Telefon: {c.officer.phone}") if c.officer.phone else "",
            escape(f"E-post: {c.officer.email}") if c.officer.email else "",
        )
    )
    chunks.append(_lines("**Till**", escape(c.meeting.committee), escape(c.meeting_line)))
    if c.referral.title:
        chunks.append(f"# {_inline(c.referral.title)}")
    chunks.append(escape(c.referral_line))
    if c.referral.deadline:
        chunks.append(escape(f"Remisstiden går ut {c.referral.deadline}"))
    chunks.append("## Förvaltningens förslag till beslut")
    chunks.extend(f"{number}. {_inline(decision.text)}"
                  for number, decision in enumerate(c.decisions, 1))
    chunks.extend(_lines(escape(s.name), escape(s.title)) for s in c.signatures)
    chunks.append("## Sammanfattning")
    chunks.extend(blocks_markdown(c.texts.summary))
    chunks.append("## Bakgrund")
    chunks.extend(blocks_markdown(c.texts.background))
    if c.directions:
        chunks.append(_LIST_BREAK)
    for number, direction in enumerate(c.directions, 1):
        runs, rest = direction_item(direction.name, direction.description)
        chunks.append(f"{number}. " + runs_markdown(runs).replace("\\\n", " "))
        chunks.extend("   " + chunk for chunk in blocks_markdown(rest))
    if c.directions:
        chunks.append(_LIST_BREAK)
    chunks.extend(blocks_markdown(c.texts.background_after))
    chunks.append("## Förvaltningens synpunkter och förslag")
    chunks.extend(blocks_markdown(c.texts.views))
    for direction in c.directions:
        if direction.comment:
            chunks.append(f"### {_inline(direction.name)}")
            chunks.extend(blocks_markdown(direction.comment))
    chunks.append("SLUT")
    if c.attachments:
        chunks.append("## Bilagor")
        chunks.extend(f"{n}. {_inline(a.title)}" for n, a in enumerate(c.attachments, 1))
    return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"


def statement_markdown(draft: Draft, *, today: dt.date | None = None) -> str:
    """The whole statement in document order as Markdown, for Textual's ``Markdown`` widget."""
    return content_markdown(build_content(draft, today=today))
