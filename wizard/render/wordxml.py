"""WordprocessingML for the draft's values: runs, paragraphs, lists and tables.

Every piece of user text is escaped exactly once (`_escape`): ``&``, ``<``
and ``>`` as entities, ``{`` and ``}`` as character references. In the
paragraphs the wizard writes, tabs and line breaks become ``<w:tab/>`` and
``<w:br/>`` (`text_xml`); a plain value keeps them for docxtpl (`FieldText`).
The results are handed to the template as objects with an ``__html__``
method, which Jinja's autoescaping trusts and does not escape again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wizard.render.markup import Blocks, ListInfo, Run
from wizard.render.proofing import ProofWords

_PRESERVE = '<w:t xml:space="preserve">'
# Twips per list level, as in the default template: 0.75 cm, room for "10." in
# 12 pt type (about 15 pt wide) and a gap before the text.
INDENT = 425
SIGNATURES_PER_ROW = 3  # more columns than this break names mid-word on A4


def _escape(text: str) -> str:
    """XML-escaped, with ``{`` and ``}`` as character references.

    docxtpl turns ``{_{`` into ``{{`` (and the like) in the rendered XML; a
    value's braces written as references are never seen by that replacement.
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("{", "&#123;").replace("}", "&#125;"))


def text_xml(text: str) -> str:
    """Text for inside an open ``<w:t>``: escaped, tabs and line breaks made Word's own."""
    escaped = _escape(text)
    if "\t" in escaped:
        escaped = escaped.replace("\t", f"</w:t><w:tab/>{_PRESERVE}")
    if "\n" in escaped:
        escaped = escaped.replace("\n", f"</w:t><w:br/>{_PRESERVE}")
    return escaped


class FieldText(str):
    """A one-line value: a plain string to the template, escaped Word text when printed.

    Its tabs and line breaks (a typed U+2028) are printed as they are, not as
    Word's ``<w:tab/>`` and ``<w:br/>``: a template may print a value anywhere,
    in a field code or an attribute too, where that markup would break the
    XML. In a run's text docxtpl turns them into Word's own, as it does for a
    filter's result (its `Listing` handling, ``WizardTemplate.resolve_listing``);
    elsewhere they are white space.

    With ``proof``, the words it accepts are printed between marks, for
    `document.mark_no_proof` to put in runs of their own (see `proofing`).
    """

    proof: ProofWords | None

    def __new__(cls, value: str, proof: ProofWords | None = None) -> FieldText:
        text = super().__new__(cls, value)
        text.proof = proof if proof else None
        return text

    def __html__(self) -> str:
        return _escape(self.proof.marked(self) if self.proof is not None else self)


class WordXml:
    """Ready-made Word paragraphs (for a ``{{p name }}`` tag); empty when there is nothing."""

    __slots__ = ("text", "xml")

    def __init__(self, xml: str, text: str) -> None:
        self.xml = xml
        self.text = text

    def __html__(self) -> str:
        return self.xml

    def __bool__(self) -> bool:
        return bool(self.xml)

    def __str__(self) -> str:
        return self.text


def _run(props: str, text: str) -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_PRESERVE}{text_xml(text)}</w:t></w:r>"


def run_xml(run: Run, proof: ProofWords | None = None) -> str:
    """``<w:r>`` with bold and italic as the run has them.

    With ``proof``, each word it accepts is a run of its own, marked
    ``<w:noProof/>`` (after ``w:i`` and ``w:iCs``, as the schema orders them).
    """
    props = ("<w:b/><w:bCs/>" if run.bold else "") + ("<w:i/><w:iCs/>" if run.italic else "")
    spans = proof.spans(run.text) if proof is not None else None
    if not spans:
        return _run(props, run.text)
    text = run.text
    parts = []
    position = 0
    for start, end in spans:
        if start > position:
            parts.append(_run(props, text[position:start]))
        parts.append(_run(props + "<w:noProof/>", text[start:end]))
        position = end
    if position < len(text):
        parts.append(_run(props, text[position:]))
    return "".join(parts)


@dataclass
class Styles:
    """The template's style ids for the paragraphs the wizard makes (None: not in the template)."""

    list_number: str | None = None
    list_bullet: str | None = None
    list_continue: str | None = None
    table_text: str | None = None
    signature: str | None = None


@dataclass
class Numbering:
    """Numbering instances added for one document: a new ``w:num`` per list, restarting it.

    A list style's own ``w:num`` is shared by every paragraph of that style, so
    a second list would go on counting where the first stopped (docxtpl issue
    #425). Each list therefore gets its own ``w:num`` over the same abstract
    definition, with a ``w:startOverride`` on every level: the list's first
    number on the level its items stand at (a list under an inriktning's item
    stands at level 1), 1 on the others. Word and LibreOffice count a level on
    from another ``w:num`` of the same definition unless it is overridden.
    """

    decimal_abstract: str
    bullet_abstract: str
    next_id: int
    added: list[str] = field(default_factory=list)

    def new(self, *, ordered: bool, start: int = 1, level: int = 0,
            abstract: str | None = None) -> int:
        """A new list whose items stand at ``level`` and start at ``start``; its ``numId``."""
        num_id = self.next_id
        self.next_id += 1
        abstract = abstract or (self.decimal_abstract if ordered else self.bullet_abstract)
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{ilvl}">'
            f'<w:startOverride w:val="{start if ilvl == level else 1}"/></w:lvlOverride>'
            for ilvl in range(9)
        )
        self.added.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'
        )
        return num_id


class BlockWriter:
    """Turns parsed `Blocks` into Word paragraphs for one document."""

    def __init__(self, styles: Styles, numbering: Numbering,
                 proof: ProofWords | None = None) -> None:
        self.styles = styles
        self.numbering = numbering
        self.proof = proof if proof else None  # words to leave unproofed (`proofing`)

    def paragraph(
        self,
        runs: Sequence[Run],
        *,
        style: str | None = None,
        num_id: int | None = None,
        level: int = 0,
        indent_level: int | None = None,
        keep_next: bool = False,
    ) -> str:
        ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
        if keep_next:
            ppr += "<w:keepNext/>"
        if num_id is not None:
            ppr += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        if indent_level is not None:
            left = INDENT * (indent_level + 1)
            hanging = f' w:hanging="{INDENT}"' if num_id is not None else ""
            ppr += f'<w:ind w:left="{left}"{hanging}/>'
        ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
        proof = self.proof
        return f"<w:p>{ppr}{''.join(run_xml(run, proof) for run in runs)}</w:p>"

    def _list_style(self, info: ListInfo) -> str | None:
        return self.styles.list_number if info.ordered else self.styles.list_bullet

    def blocks(
        self,
        blocks: Blocks,
        *,
        base_level: int = 0,
        continue_style: bool = False,
        keep_last: bool = False,
    ) -> str:
        """Paragraphs and lists; ``base_level`` > 0 nests them under a list item.

        A paragraph that leads into a list is kept on the list's page (keep with
        next), as is the last paragraph with ``keep_last`` (a lead-in to a list
        that follows in the template).
        """
        parts = []
        num_ids: dict[int, int] = {}
        for position, paragraph in enumerate(blocks):
            info = paragraph.list
            if info is None:
                style = self.styles.list_continue if continue_style else None
                following = blocks[position + 1] if position + 1 < len(blocks) else None
                lead_in = (following is not None and following.list is not None) or (
                    following is None and keep_last)
                parts.append(self.paragraph(paragraph.runs, style=style, keep_next=lead_in))
                continue
            level = min(base_level + info.level, 8)
            if info.index not in num_ids:
                num_ids[info.index] = self.numbering.new(ordered=info.ordered, start=info.start,
                                                         level=level)
            parts.append(
                self.paragraph(
                    paragraph.runs,
                    style=self._list_style(info),
                    num_id=num_ids[info.index],
                    level=level,
                    indent_level=level if level else None,
                )
            )
        return "".join(parts)

    def word(self, blocks: Blocks, *, keep_last: bool = False) -> WordXml:
        return WordXml(self.blocks(blocks, keep_last=keep_last), "\n".join(p.text for p in blocks))

    def numbered_items(self, items: Sequence[tuple[tuple[Run, ...], Blocks]]) -> WordXml:
        """One numbered list; each item's first runs, then its further paragraphs under it."""
        if not items:
            return WordXml("", "")
        num_id = self.numbering.new(ordered=True)
        parts = []
        texts = []
        for runs, rest in items:
            parts.append(self.paragraph(runs, style=self.styles.list_number, num_id=num_id))
            parts.append(self.blocks(rest, base_level=1, continue_style=True))
            texts.append("".join(run.text for run in runs))
            texts.extend(p.text for p in rest)
        return WordXml("".join(parts), "\n".join(texts))

    def table(self, columns: Sequence[Sequence[str]], width: int) -> WordXml:
        """A borderless table, one column per entry, one paragraph per line.

        At most `SIGNATURES_PER_ROW` entries stand side by side; more go on to
        further rows, so that each column stays wide enough for a whole name.
        """
        if not columns:
            return WordXml("", "")
        per_row = min(len(columns), SIGNATURES_PER_ROW)
        column_width = width // per_row
        grid = "".join(f'<w:gridCol w:w="{column_width}"/>' for _ in range(per_row))
        rows = []
        for start in range(0, len(columns), per_row):
            cells = [self._cell(lines, column_width) for lines in columns[start:start + per_row]]
            # A short last row ends early (grid columns after it) rather than in empty cells.
            after = per_row - len(cells)
            grid_after = f'<w:gridAfter w:val="{after}"/>' if after else ""
            rows.append(f"<w:tr><w:trPr>{grid_after}<w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
        borders = "".join(
            f'<w:{side} w:val="nil"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        xml = (
            f'<w:tbl><w:tblPr><w:tblW w:w="{column_width * per_row}" w:type="dxa"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f"{''.join(rows)}</w:tbl>"
        )
        return WordXml(xml, "\n".join("\n".join(lines) for lines in columns))

    def _cell(self, lines: Sequence[str], width: int) -> str:
        paragraphs = []
        for index, line in enumerate(lines):
            if not line:
                continue
            style = self.styles.signature if index == 0 else self.styles.table_text
            paragraphs.append(self.paragraph([Run(line)], style=style))
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"{''.join(paragraphs) or '<w:p/>'}</w:tc>")
