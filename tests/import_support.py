"""Shared by the import tests: generated drafts, and a document's text and structure.

The drafts are written the way the wizard itself writes a field, so that
importing the rendered document must give them back exactly: each text
field's lines are paragraphs or list items (an ordered list numbered on from
its first number), emphasis is on whole words and never on a paragraph's first
word, the [texts] end with a line end, and the words never spell a section
heading ("Bakgrund") or "SLUT".
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
from docx.shared import Cm, Pt
from docx.table import Table
from hypothesis import strategies as st

from tests.test_render_support import body_blocks, list_position, open_docx
from wizard.model import Attachment, Decision, Direction, Draft, Signature
from wizard.model.draft import Meeting, Officer, Referral, Statement, Texts
from wizard.render.content import first_paragraph_runs
from wizard.render.markup import parse

WORDS = ("staden", "förvaltningen", "arbetet", "nämnden", "verksamheten", "strategin",
         "ska", "bör", "kan", "utvecklas", "stärkas", "följas", "upp", "med", "och", "för",
         "i", "på", "ett", "en", "internationella", "lokala", "nya", "bättre", "år", "2016",
         "medel", "projekt", "bibliotek", "skolor", "ansvar", "mål", "åtgärder", "öppet",
         "&", "<särskilt>", "{{ inte }}", "”citat”", "émigré", "Göteborg", "Malmö")
NAMES = ("Profilering", "Omvärldsbevakning", "Samverkan", "Påverkan", "Hållbarhet",
         "Digitalisering", "Jämlikhet", "Trygghet", "Klimatomställning", "Kompetens")
PEOPLE = ("Karin Bergström", "Elin Lindqvist", "Gunnar Söderholm", "Mikael Nyberg",
          "Åsa Öberg", "Per Ek", "Ingrid Ståhl")
TITLES = ("Förvaltningsdirektör", "Avdelningschef", "Enhetschef", "Handläggare", "")
BODIES = ("kommunstyrelsen", "stadsledningskontoret", "Trafikverket", "Region Stockholm")
COMMITTEES = ("Kulturnämnden", "Miljö- och hälsoskyddsnämnden", "Utbildningsnämnden")
ORGANISATIONS = ("Kulturförvaltningen", "Miljöförvaltningen", "Stadsledningskontoret", "")

dates = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def sentence(draw: st.DrawFn, *, min_words: int = 1, emphasis: bool = True) -> str:
    """Words, some of them (never the first) in *italic*, **bold** or ***both***."""
    first = draw(st.sampled_from([word for word in WORDS if word[0].isalpha()]))
    words = [first, *draw(st.lists(st.sampled_from(WORDS), min_size=min_words - 1,
                                   max_size=9))]
    out = [words[0]]
    index = 1
    while index < len(words):
        if emphasis and draw(st.integers(0, 4)) == 0:
            length = draw(st.integers(1, min(3, len(words) - index)))
            marker = draw(st.sampled_from(("*", "**", "***")))
            out.append(f"{marker}{' '.join(words[index:index + length])}{marker}")
            index += length
        else:
            out.append(words[index])
            index += 1
    text = " ".join(out)
    return text[0].upper() + text[1:] + draw(st.sampled_from(("", ".", ":", "!")))


@st.composite
def markup_lines(draw: st.DrawFn, *, min_blocks: int, max_blocks: int,
                 nested: bool = False) -> list[str]:
    """Paragraphs and lists, never two lists of one kind side by side (they would merge)."""
    lines: list[str] = []
    last = "paragraph"
    for _ in range(draw(st.integers(min_blocks, max_blocks))):
        kind = draw(st.sampled_from(("paragraph", "paragraph", "bullet", "ordered")))
        if kind == last and kind != "paragraph":
            kind = "paragraph"
        if kind == "paragraph":
            lines.append(draw(sentence()))
        else:
            # A list under an inriktning's item always shows 1 first (the renderer
            # restarts a nested level at 1), so there it starts at 1.
            start = draw(st.integers(1, 12)) if kind == "ordered" and not nested else 1
            for number in range(start, start + draw(st.integers(1, 4))):
                prefix = f"{number}. " if kind == "ordered" else "- "
                lines.append(prefix + draw(sentence()))
        last = kind
    return lines


def as_field(lines: list[str], *, texts: bool) -> str:
    """A field's text as the importer writes it: [texts] and multi-line ones end with \\n."""
    text = "\n".join(lines)
    return text + "\n" if text and (texts or len(lines) > 1) else text


@st.composite
def text_field(draw: st.DrawFn, *, required: bool = True, texts: bool = True,
               nested: bool = False) -> str:
    return as_field(draw(markup_lines(min_blocks=1 if required else 0, max_blocks=4,
                                      nested=nested)), texts=texts)


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    """A draft with every field, 0–8 inriktningar, 1–10 decisions, 0–6 signatures."""
    names = draw(st.lists(st.sampled_from(NAMES), max_size=8, unique=True))
    # Without inriktningar the document cannot show where Bakgrund's second part starts.
    after = draw(text_field(required=False)) if names else ""
    directions = [
        Direction(name, draw(text_field(required=False, texts=False, nested=True)),
                  draw(text_field(required=False, texts=False)))
        for name in names
    ]
    optional_date = st.one_of(st.none(), dates)
    return Draft(
        referral=Referral(
            draw(sentence(min_words=2, emphasis=False)).rstrip(".:!"),
            draw(st.sampled_from(BODIES)),
            draw(st.from_regex(r"[1-9][0-9]{2}-[1-9][0-9]{0,3}/20[1-3][0-9]", fullmatch=True)),
            draw(optional_date),
        ),
        statement=Statement(draw(st.sampled_from(ORGANISATIONS)),
                            draw(st.sampled_from(("", "KUF 2016/1187", "2016-5887"))),
                            draw(dates)),
        meeting=Meeting(draw(st.sampled_from(COMMITTEES)), draw(dates),
                        draw(st.sampled_from(("", "p. 10", "§ 3", "p. 12"))),
                        draw(st.booleans())),
        officer=Officer(draw(st.sampled_from(PEOPLE)), "08-508 28 780",
                        draw(st.sampled_from(("", "elin.lindqvist@example.se")))),
        texts=Texts(draw(text_field()), draw(text_field()), after, draw(text_field())),
        directions=directions,
        decisions=[Decision(draw(sentence(min_words=3, emphasis=False)).rstrip(":!") + ".")
                   for _ in range(draw(st.integers(1, 10)))],
        signatures=[Signature(draw(st.sampled_from(PEOPLE)), draw(st.sampled_from(TITLES)))
                    for _ in range(draw(st.integers(0, 6)))],
        attachments=[Attachment(draw(sentence(min_words=1, emphasis=False)).rstrip(".:!"))
                     for _ in range(draw(st.integers(0, 5)))],
    )


def outline(path: Path) -> list[tuple[str, ...]]:
    """A document's text and structure: header lines, then each body block in order.

    A paragraph is (its text, whether bold runs start it, and its list kind,
    level and number); a table is the text of each cell. Style names and
    numbering ids are left out: they differ between templates and after a
    re-save, and what a reader sees does not.
    """
    document = open_docx(path)
    rows: list[tuple[str, ...]] = [("header", "\n".join(p.text for p in
                                                         document.sections[0].header.paragraphs))]
    counters: dict[tuple[str, int], int] = {}
    for block in body_blocks(document):
        if isinstance(block, Table):
            cells = [cell.text for row in block.rows for cell in row.cells]
            rows.append(("table", *cells))
            continue
        if not block.text.strip():
            continue
        position = list_position(document, block)
        kind = ""
        if position is not None:
            number = counters.get((position.num_id, position.level), position.start - 1) + 1
            counters[(position.num_id, position.level)] = number
            kind = ("bullet" if position.fmt == "bullet" else f"{number}.") + f"@{position.level}"
        runs = "".join("B" if run.bold else "I" if run.italic else "-" for run in block.runs
                       if run.text.strip())
        rows.append(("p", block.text.strip(), kind, re.sub(r"(.)\1+", r"\1", runs)))
    return rows



def _runs(paragraph, runs) -> None:  # type: ignore[no-untyped-def]
    for run in runs:
        added = paragraph.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or None


def _blocks(document, text: str, *, indent: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A markdown-lite text typed into Word: a paragraph a line, list markers typed."""
    for block in parse(text):
        paragraph = document.add_paragraph()
        if indent:
            paragraph.paragraph_format.left_indent = Cm(1.25)
        if block.list is not None:
            paragraph.add_run(f"{block.number}.\t" if block.list.ordered else "–\t")
        _runs(paragraph, block.runs)


def _bold(document, text: str, size: int | None = None) -> None:  # type: ignore[no-untyped-def]
    run = document.add_paragraph().add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)


def handwrite(draft: Draft, path: Path) -> Path:
    """The statement as a person types it in Word, from a template-less blank document.

    Normal style throughout: the address as labelled lines, the title and the
    headings as bold paragraphs (headings in other words than the wizard's),
    lists typed as "1." and "–", an inriktning's further paragraphs indented,
    the signatures in a borderless table.
    """
    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = f"{draft.statement.organisation}\tTjänsteutlåtande"
    if draft.statement.dnr:
        header.add_paragraph(f"Dnr {draft.statement.dnr}")
    header.add_paragraph(f"\t{draft.statement.date}")
    document.add_paragraph(f"Handläggare: {draft.officer.name}")
    document.add_paragraph(f"Telefon: {draft.officer.phone}")
    if draft.officer.email:
        document.add_paragraph(f"E-post: {draft.officer.email}")
    document.add_paragraph(f"Till: {draft.meeting.committee}")
    document.add_paragraph(", ".join(part for part in (str(draft.meeting.date),
                                                       draft.meeting.item) if part))
    _bold(document, draft.referral.title, 16)
    document.add_paragraph(f"Remiss från {draft.referral.referred_by}, dnr {draft.referral.dnr}")
    if draft.referral.deadline:
        document.add_paragraph(f"Remisstiden går ut {draft.referral.deadline}")
    _bold(document, "FÖRSLAG TILL BESLUT")
    decisions = [d.text for d in draft.decisions]
    if draft.meeting.immediate:
        decisions.append("Paragrafen justeras omedelbart.")
    for number, text in enumerate(decisions, 1):
        document.add_paragraph(f"{number}. {text}")
    if draft.signatures:
        table = document.add_table(rows=1, cols=len(draft.signatures))
        for cell, signature in zip(table.rows[0].cells, draft.signatures, strict=True):
            cell.paragraphs[0].text = signature.name
            cell.add_paragraph(signature.title)
    _bold(document, "Sammanfattning")
    _blocks(document, draft.texts.summary)
    _bold(document, "Ärendet")
    _blocks(document, draft.texts.background)
    for number, direction in enumerate(draft.directions, 1):
        first, rest = first_paragraph_runs(parse(direction.description))
        item = document.add_paragraph(f"{number}. ")
        item.add_run(direction.name).bold = True
        if first:
            item.add_run(" – ")
            _runs(item, first)
        for block in rest:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(1.25)
            if block.list is not None:
                paragraph.add_run(f"{block.number}.\t" if block.list.ordered else "–\t")
            _runs(paragraph, block.runs)
    _blocks(document, draft.texts.background_after)
    _bold(document, "Förvaltningens synpunkter:")
    _blocks(document, draft.texts.views)
    for direction in draft.directions:
        if direction.comment:
            _bold(document, direction.name)
            _blocks(document, direction.comment)
    document.add_paragraph("SLUT")
    if draft.attachments:
        _bold(document, "Bilagor")
        for number, attachment in enumerate(draft.attachments, 1):
            document.add_paragraph(f"{number}. {attachment.title}")
    document.save(str(path))
    return path
