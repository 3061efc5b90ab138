"""docxtpl's features work in an organisation's template, as docxtpl documents them.

The templates are made here with python-docx, from the constructs of
docxtpl's documentation and its own test templates: ``{%p``/``{%tr``/``{%tc``/
``{{r`` tags, ``{%-``, ``{% colspan %}``, ``{% cellbg %}``, ``{% vm %}``,
``{% hm %}``, RichText, Listing, ``{_{`` for a literal brace, comments, and an
InlineImage logo. One template is rendered both by ``wizard render
--template`` and by plain docxtpl with the same context, and the two
documents are compared.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from typer.testing import CliRunner

from tests.test_render_support import EXAMPLE, open_docx
from wizard.cli import app
from wizard.errors import TemplateError
from wizard.model.genre import numbered_decisions
from wizard.render import render_statement
from wizard.render.content import build_content
from wizard.render.output import template_context
from wizard.render.template import read_template
from wizard.render.wordxml import Numbering
from wizard.storage.reading import read_draft

runner = CliRunner()


def _png(width: int = 4, height: int = 2) -> bytes:
    """A small red PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", 3780, 3780, 1))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _feature_template(path: Path) -> Path:
    """One of everything docxtpl documents, around the wizard's own names."""
    document = docx.Document()
    document.add_paragraph("{{ logo }}")
    document.add_paragraph("Ärende: {{r RichText(referral.title, bold=True, color='C00000') }}")
    document.add_paragraph("Beslut")
    document.add_paragraph("{%- if meeting.immediate %} (justeras omedelbart){% endif %}")
    document.add_paragraph("{{ Listing('rad ett\\nrad två') }}")
    document.add_paragraph("Mallens klammer: {_{ inte en tagg }_}")
    document.add_paragraph("{#p en kommentar som försvinner #}")
    table = document.add_table(rows=4, cols=3)
    table.rows[0].cells[0].paragraphs[0].add_run("{% colspan 3 %}Förslag till beslut")
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for decision in decisions %}")
    table.rows[2].cells[0].paragraphs[0].add_run("{% vm %}Beslut")
    table.rows[2].cells[1].paragraphs[0].add_run("{% cellbg 'D9E2F3' %}{{ decision.text }}")
    table.rows[2].cells[2].paragraphs[0].add_run("{{ loop.index }}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    wide = document.add_table(rows=1, cols=3)
    wide.rows[0].cells[0].paragraphs[0].add_run("{%tc for s in signatures %}")
    wide.rows[0].cells[1].paragraphs[0].add_run("{% hm %}Underskrifter")
    wide.rows[0].cells[2].paragraphs[0].add_run("{%tc endfor %}")
    document.save(str(path))
    return path


def test_every_docxtpl_feature_renders_as_documented(tmp_path: Path) -> None:
    template = _feature_template(tmp_path / "mall.docx")
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    draft = read_draft(EXAMPLE)
    draft.meeting.immediate = True
    target = tmp_path / "ut.docx"
    render_statement(draft, target, template=template, logo=logo)
    document = open_docx(target)
    texts = [p.text for p in document.paragraphs]

    # InlineImage: the logo is a picture in the first paragraph, stored as PNG.
    assert document.paragraphs[0]._p.findall(".//" + qn("w:drawing"))
    assert any(part.content_type == "image/png" for part in document.part.package.parts)
    # RichText: a run of its own, bold and coloured.
    rich = [r for r in document.paragraphs[1].runs if r.text == draft.referral.title]
    assert rich and rich[0].bold and str(rich[0].font.color.rgb) == "C00000"
    # {%- joins its paragraph to the one before.
    assert "Beslut (justeras omedelbart)" in texts
    # Listing: a line break inside one paragraph.
    assert "rad ett\nrad två" in texts
    # {_{ is docxtpl's literal brace; the comment paragraph is gone.
    assert "Mallens klammer: {{ inte en tagg }}" in texts
    assert not any("kommentar" in t for t in texts)

    first, second = document.tables
    # colspan: the header cell spans the three columns.
    header = first.rows[0]._tr.tc_lst[0]
    assert header.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "3"
    # The numbered decisions, the immediate-adjustment item last when the draft asks for it.
    decisions = numbered_decisions([d.text for d in draft.decisions], draft.meeting.immediate)
    rows = first.rows[1:]
    assert len(rows) == len(decisions) >= 2
    # vm: the first cell is merged down the rows the loop made.
    merges = [row._tr.tc_lst[0].tcPr.find(qn("w:vMerge")).get(qn("w:val")) for row in rows]
    assert merges == ["restart"] + ["continue"] * (len(rows) - 1)
    for row, text, number in zip(rows, decisions, range(1, 9), strict=False):
        cells = row._tr.tc_lst
        assert "".join(t.text for t in cells[1].iter(qn("w:t"))) == text
        assert cells[1].tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D9E2F3"  # cellbg
        assert "".join(t.text for t in cells[2].iter(qn("w:t"))) == str(number)
    # hm: one cell, spanning as many columns as there are signatories.
    cells = second.rows[0]._tr.tc_lst
    assert len(cells) == 1
    span = cells[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val"))
    assert span == str(len(draft.signatures))
    assert "".join(t.text for t in cells[0].iter(qn("w:t"))) == "Underskrifter"


def _comparison_template(path: Path) -> Path:
    """docxtpl's test-template constructs that need nothing but the context."""
    document = docx.Document()
    document.add_paragraph("{{ referral.title }} ({{ referral.dnr }})")
    document.add_paragraph("{%p if meeting.immediate %}")
    document.add_paragraph("Justeras omedelbart")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("Justeras vid nästa sammanträde")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for d in decisions %}")
    document.add_paragraph("{{ loop.index }}. {{ d.text }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{p texts.summary }}")
    document.add_paragraph("Sammanträde {{ meeting.date }}")
    document.add_paragraph("{%- if meeting.item %}, {{ meeting.item }}{% endif %}")
    document.add_paragraph("{#p kommentar #}")
    document.add_paragraph("Klammer {_{ x }_} och {_% y %_}")
    table = document.add_table(rows=4, cols=2)
    table.rows[0].cells[0].paragraphs[0].add_run("{% colspan 2 %}Bilagor")
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for a in attachments %}")
    table.rows[2].cells[0].paragraphs[0].add_run("{% vm %}Bilaga")
    table.rows[2].cells[1].paragraphs[0].add_run("{% cellbg 'EEEEEE' %}{{ a.title }}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    columns = document.add_table(rows=1, cols=3)
    columns.rows[0].cells[0].paragraphs[0].add_run("{%tc for s in signatures %}")
    columns.rows[0].cells[1].paragraphs[0].add_run("{{ s.name }}")
    columns.rows[0].cells[2].paragraphs[0].add_run("{%tc endfor %}")
    document.save(str(path))
    return path


def _structure(path: Path) -> list[object]:
    """Text and shape, in document order: paragraphs, tables with their cells and spans."""
    document = docx.Document(str(path))
    shape: list[object] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            shape.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            rows = []
            for tr in child.iter(qn("w:tr")):
                cells = []
                for tc in tr.iter(qn("w:tc")):
                    pr = tc.tcPr
                    span = pr.find(qn("w:gridSpan")) if pr is not None else None
                    merge = pr.find(qn("w:vMerge")) if pr is not None else None
                    fill = pr.find(qn("w:shd")) if pr is not None else None
                    cells.append(("".join(t.text or "" for t in tc.iter(qn("w:t"))),
                                  span.get(qn("w:val")) if span is not None else None,
                                  merge.get(qn("w:val")) if merge is not None else None,
                                  fill.get(qn("w:fill")) if fill is not None else None))
                rows.append(cells)
            shape.append(rows)
    return shape


def test_wizard_renders_a_docxtpl_template_as_docxtpl_does(tmp_path: Path) -> None:
    template = _comparison_template(tmp_path / "mall.docx")
    target = tmp_path / "wizard.docx"
    result = runner.invoke(app, ["render", str(EXAMPLE), "--template", str(template),
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output

    loaded = read_template(template)
    numbering = Numbering(loaded.decimal_abstract, loaded.bullet_abstract,
                          loaded.max_num_id + 1)
    context = template_context(loaded, build_content(read_draft(EXAMPLE)), numbering,
                               draft_mark=False)
    plain = DocxTemplate(str(template))
    plain.render(context, autoescape=True)
    plain.save(str(tmp_path / "docxtpl.docx"))

    ours, theirs = _structure(target), _structure(tmp_path / "docxtpl.docx")
    assert ours == theirs
    assert "Klammer {{ x }} och {% y %}" in ours
    assert any(isinstance(block, list) and block[0][0][1] == "2" for block in ours)


@pytest.mark.parametrize("content", [b"GIF89a\x01\x00", b"not an image"])
def test_a_logo_that_is_not_png_or_jpeg_is_refused(content: bytes, tmp_path: Path) -> None:
    logo = tmp_path / "logo.gif"
    logo.write_bytes(content)
    with pytest.raises(TemplateError, match="PNG- eller JPEG"):
        render_statement(read_draft(EXAMPLE), tmp_path / "ut.docx", logo=logo)
    assert not (tmp_path / "ut.docx").exists()


def test_a_logo_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    from wizard.render.output import LOGO_LIMIT

    logo = tmp_path / "logo.png"
    logo.write_bytes(_png() + b"\0" * LOGO_LIMIT)
    with pytest.raises(TemplateError, match="för stor"):
        render_statement(read_draft(EXAMPLE), tmp_path / "ut.docx", logo=logo)


def test_without_a_logo_the_logo_tag_prints_nothing(tmp_path: Path) -> None:
    template = tmp_path / "mall.docx"
    document = docx.Document()
    document.add_paragraph("[{{ logo }}]{% if logo %}logga{% endif %}")
    document.save(str(template))
    render_statement(read_draft(EXAMPLE), tmp_path / "ut.docx", template=template)
    assert docx.Document(str(tmp_path / "ut.docx")).paragraphs[0].text == "[]"


def test_values_in_richtext_and_listing_keep_their_braces(tmp_path: Path) -> None:
    """docxtpl's {_{ -> {{ replacement never reaches a value, also through RichText or Listing."""
    template = tmp_path / "mall.docx"
    document = docx.Document()
    document.add_paragraph("{{r RichText(referral.title, italic=True) }}")
    document.add_paragraph("{{ Listing(referral.dnr) }}")
    document.add_paragraph("{{p RichTextParagraph(officer.name) }}")
    document.save(str(template))
    draft = read_draft(EXAMPLE)
    draft.referral.title = "Titel {_{ a }_} {_% b %_} {{ c }}"
    draft.referral.dnr = "Dnr {_{ 1 }_}"
    draft.officer.name = "Namn }_} {%"
    render_statement(draft, tmp_path / "ut.docx", template=template)
    texts = [p.text for p in open_docx(tmp_path / "ut.docx").paragraphs]
    assert texts == [draft.referral.title, draft.referral.dnr, draft.officer.name]


def test_a_value_with_a_tab_and_a_line_break_goes_anywhere_in_a_template(tmp_path: Path) -> None:
    """In a run's text the value's tab and line break (a typed U+2028) are Word's own; in a
    field code and in an attribute (where Word markup would break the XML) they are white
    space; the document is made, and its title property is one line."""
    template = tmp_path / "mall.docx"
    document = docx.Document()
    document.core_properties.title = "{{ referral.title }}"
    document.add_paragraph("{{ referral.title }}")
    field = document.add_paragraph()._p
    run = field.makeelement(qn("w:r"), {})
    code = run.makeelement(qn("w:instrText"), {})
    code.text = 'HYPERLINK "https://example.se/{{ referral.title }}"'
    run.append(code)
    field.append(run)
    simple = field.makeelement(qn("w:fldSimple"), {qn("w:instr"): "TITLE {{ referral.title }}"})
    field.append(simple)
    document.save(str(template))
    draft = read_draft(EXAMPLE)
    draft.referral.title = "Rad ett\u2028rad två\tflik"
    target = tmp_path / "ut.docx"
    render_statement(draft, target, template=template)
    made = open_docx(target)  # every part strict XML
    paragraph = made.paragraphs[0]
    assert paragraph.text == "Rad ett\nrad två\tflik"
    tags = [child.tag for run in paragraph._p.iter(qn("w:r")) for child in run
            if child.tag != qn("w:rPr")]
    assert tags == [qn("w:t"), qn("w:br"), qn("w:t"), qn("w:tab"), qn("w:t")]
    code_text = "".join(made.element.body.xpath(".//w:instrText/text()"))
    assert code_text == 'HYPERLINK "https://example.se/Rad ett\nrad två\tflik"'
    instruction = made.element.body.xpath(".//w:fldSimple/@w:instr")
    assert instruction == ["TITLE Rad ett rad två flik"]  # an attribute's white space is a space
    assert made.core_properties.title == "Rad ett rad två flik"
