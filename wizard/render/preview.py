"""The whole statement as Markdown, for the wizard's review step.

Made from the same `Content` (and so the same parsed paragraphs, lists and
runs) that the Word document is made from, in the default template's order,
so that what the person reviews is what the document will say. Pure Python and
cheap: no Word file is touched. Every character the person typed is escaped,
so that ``*``, ``#``, ``<`` or ``{{`` show as typed.

The Markdown is built as a list of `PreviewChunk`, each one paragraph,
heading or list item that names the field (and the paragraph of that field's
text) that wrote it, so that the review can go from a paragraph to the place
to change it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from wizard.model.draft import Draft
from wizard.model.genre import numbered_decisions
from wizard.render.clean import clean_text
from wizard.render.content import Content, build_content, direction_item
from wizard.render.markup import Blocks, Paragraph, Run

# Every ASCII punctuation character may be backslash-escaped in CommonMark.
_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
_LIST_BREAK = "<!-- -->"  # ends one list so that the next starts afresh
LIST_BREAK = _LIST_BREAK  # a chunk that shows nothing


@dataclass(frozen=True)
class PreviewChunk:
    """One paragraph, heading or list item of the preview, and where it came from.

    ``field`` is the path of the field that wrote it (``texts.summary``,
    ``decisions[2].text``), None for the fixed words of the template;
    ``paragraph`` counts the paragraphs of that field's text (0-based).
    """

    markdown: str
    field: str | None = None
    paragraph: int = 0

    @property
    def shows(self) -> bool:
        """Whether the chunk becomes a block on screen (a list break does not)."""
        return self.markdown != _LIST_BREAK


def line_of_paragraph(text: str, paragraph: int) -> int:
    """The line (0-based) of ``text`` that holds its paragraph number ``paragraph``.

    Every non-blank line is a paragraph (see `wizard.render.markup`); past the
    last one, the last line.
    """
    lines = text.split("\n")
    filled = [number for number, line in enumerate(lines) if line.strip(" \t")]
    if not filled:
        return 0
    return filled[min(max(paragraph, 0), len(filled) - 1)]



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
    return [chunk.markdown for chunk in _blocks_chunks(blocks, None, first_prefix=first_prefix)]


def _blocks_chunks(blocks: Blocks, field: str | None, *, first: int = 0,
                   first_prefix: tuple[Run, ...] = ()) -> list[PreviewChunk]:
    """The chunks of ``blocks``, the text of ``field`` from its paragraph ``first`` on."""
    chunks: list[PreviewChunk] = []
    previous_list: int | None = None
    for number, paragraph in enumerate(blocks, first):
        runs = paragraph.runs
        if first_prefix:
            runs, first_prefix = (*first_prefix, *runs), ()
        text = runs_markdown(runs).replace("\\\n", " ")
        if paragraph.list is None:
            chunks.append(PreviewChunk(text, field, number))
            previous_list = None
            continue
        if previous_list is not None and previous_list != paragraph.list.index:
            chunks.append(PreviewChunk(_LIST_BREAK))
        chunks.append(PreviewChunk(f"{_list_marker(paragraph)} {text}", field, number))
        previous_list = paragraph.list.index
    return chunks


def _lines(*lines: str) -> str:
    """Lines of one paragraph, joined by hard line breaks; empty lines left out."""
    return "\\\n".join(line for line in lines if line)


def _kept(draft: Draft | None, key: str, count: int) -> list[str]:
    """The paths of the records the content kept (wholly blank ones are skipped), in order.

    Without the draft, or when the count does not match the content's (it always
    should), each is named by the list's key alone.
    """
    if draft is None:
        return [key] * count
    paths = []
    for index, record in enumerate(getattr(draft, key), 1):
        values = [value for value in vars(record).values() if isinstance(value, str)]
        if any(clean_text(value).strip() for value in values):
            paths.append(f"{key}[{index}]")
    return paths if len(paths) == count else [key] * count


def _at(path: str, name: str) -> str:
    """``decisions[2]`` + ``text`` → ``decisions[2].text``; a bare list key stays itself."""
    return f"{path}.{name}" if path.endswith("]") else path


def content_chunks(content: Content, draft: Draft | None = None) -> list[PreviewChunk]:
    """The statement in document order, as the default template lays it out, chunk by chunk.

    With the ``draft`` the content was built from, list items name their record.
    """
    c = content
    directions = _kept(draft, "directions", len(c.directions))
    signatures = _kept(draft, "signatures", len(c.signatures))
    attachments = _kept(draft, "attachments", len(c.attachments))
    # The model adds the immediate-adjustment item after the person's decisions.
    immediate = 0
    if draft is not None:
        typed = [d.text for d in draft.decisions]
        immediate = len(numbered_decisions(typed, draft.meeting.immediate)) - len(typed)
    decisions = _kept(draft, "decisions", len(c.decisions) - immediate)

    chunks: list[PreviewChunk] = []

    def add(markdown: str, field: str | None = None, paragraph: int = 0) -> None:
        if markdown:
            chunks.append(PreviewChunk(markdown, field, paragraph))

    header = [c.statement.organisation, "Tjänsteutlåtande"]
    if c.statement.dnr:
        header.append(f"Dnr {c.statement.dnr}")
    header.append(c.statement.date)
    add("*" + " · ".join(_inline(part) for part in header if part) + "*", "statement.organisation")
    add(_lines("**Handläggare**", escape(c.officer.name),
               escape(f"Telefon: {c.officer.phone}") if c.officer.phone else "",
               escape(f"E-post: {c.officer.email}") if c.officer.email else ""), "officer.name")
    add(_lines("**Till**", escape(c.meeting.committee), escape(c.meeting_line)),
        "meeting.committee")
    if c.referral.title:
        add(f"# {_inline(c.referral.title)}", "referral.title")
    add(escape(c.referral_line), "referral.referred_by")
    if c.referral.deadline:
        add(escape(f"Remisstiden går ut {c.referral.deadline}"), "referral.deadline")
    add("## Förvaltningens förslag till beslut", "decisions")
    for number, decision in enumerate(c.decisions, 1):
        text = decision.text
        if number > len(decisions):  # the immediate-adjustment item, added by the model
            field = "meeting.immediate"
        else:
            path = decisions[number - 1]
            field = _at(path, "text")
        add(f"{number}. {_inline(text)}", field)
    for path, signature in zip(signatures, c.signatures, strict=True):
        add(_lines(escape(signature.name), escape(signature.title)), _at(path, "name"))
    add("## Sammanfattning", "texts.summary")
    chunks.extend(_blocks_chunks(c.texts.summary, "texts.summary"))
    add("## Bakgrund", "texts.background")
    chunks.extend(_blocks_chunks(c.texts.background, "texts.background"))
    if c.directions:
        add(_LIST_BREAK)
    for number, (path, direction) in enumerate(zip(directions, c.directions, strict=True), 1):
        runs, rest = direction_item(direction.name, direction.description)
        add(f"{number}. " + runs_markdown(runs).replace("\\\n", " "), _at(path, "name"))
        first = len(direction.description) - len(rest)
        for chunk in _blocks_chunks(rest, _at(path, "description"), first=first):
            chunks.append(PreviewChunk("   " + chunk.markdown, chunk.field, chunk.paragraph)
                          if chunk.shows else chunk)
    if c.directions:
        add(_LIST_BREAK)
    chunks.extend(_blocks_chunks(c.texts.background_after, "texts.background_after"))
    add("## Förvaltningens synpunkter och förslag", "texts.views")
    chunks.extend(_blocks_chunks(c.texts.views, "texts.views"))
    for path, direction in zip(directions, c.directions, strict=True):
        if direction.comment:
            add(f"### {_inline(direction.name)}", _at(path, "comment"))
            chunks.extend(_blocks_chunks(direction.comment, _at(path, "comment")))
    add("SLUT")
    if c.attachments:
        add("## Bilagor", "attachments")
        for number, (path, attachment) in enumerate(
                zip(attachments, c.attachments, strict=True), 1):
            add(f"{number}. {_inline(attachment.title)}", _at(path, "title"))
    return [chunk for chunk in chunks if chunk.markdown]


def chunks_markdown(chunks: Sequence[PreviewChunk]) -> str:
    """The chunks as one Markdown text."""
    return "\n\n".join(chunk.markdown for chunk in chunks) + "\n"


def content_markdown(content: Content) -> str:
    """The statement in document order, as the default template lays it out."""
    return chunks_markdown(content_chunks(content))


def preview_chunks(draft: Draft, *, today: dt.date | None = None) -> list[PreviewChunk]:
    """The statement's chunks, each naming the field that wrote it (for the review step)."""
    return content_chunks(build_content(draft, today=today), draft)


def statement_markdown(draft: Draft, *, today: dt.date | None = None) -> str:
    """The whole statement in document order as Markdown, for Textual's ``Markdown`` widget."""
    return chunks_markdown(preview_chunks(draft, today=today))
