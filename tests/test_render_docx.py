"""The .docx read back with python-docx: order, structure, lists, header, empty parts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx.table import Table

from tests.test_render_support import (
    EXAMPLE,
    STATEMENT_2016,
    body_blocks,
    body_paragraphs,
    header_text,
    header_xml,
    list_position,
    open_docx,
    plain_lines,
)
from wizard.model import Decision, Draft
from wizard.render import render_statement
from wizard.storage.reading import read_draft

TODAY = dt.date(2016, 9, 1)


def _render(draft: Draft, tmp_path: Path, name: str = "out.docx", **options: object):
    path = tmp_path / name
    result = render_statement(draft, path, today=TODAY, **options)  # type: ignore[arg-type]
    return result, open_docx(path)


def expected_body(draft: Draft) -> list[tuple[str, str]]:
    """(style, text) of every body paragraph outside tables, from the draft itself."""
    rows: list[tuple[str, str]] = [
        ("Title", draft.referral.title),
        ("Subtitle", f"Remiss från {draft.referral.referred_by}, dnr. {draft.referral.dnr}"),
    ]
    if draft.referral.deadline:
        rows.append(("Subtitle", f"Remisstiden går ut {draft.referral.deadline}"))
    rows.append(("Heading 1", "Förvaltningens förslag till beslut"))
    rows += [("List Number", d.text) for d in draft.decisions]
    if draft.meeting.immediate:
        rows.append(("List Number", "Paragrafen justeras omedelbart."))
    rows.append(("Heading 1", "Sammanfattning"))
    rows += [("*", line) for line in plain_lines(draft.texts.summary)]
    rows.append(("Heading 1", "Bakgrund"))
    rows += [("*", line) for line in plain_lines(draft.texts.background)]
    for direction in draft.directions:
        description = plain_lines(direction.description)
        text = direction.name + (f" – {description[0]}" if description else "")
        rows.append(("List Number", text))
    rows += [("*", line) for line in plain_lines(draft.texts.background_after)]
    rows.append(("Heading 1", "Förvaltningens synpunkter och förslag"))
    rows += [("*", line) for line in plain_lines(draft.texts.views)]
    for direction in draft.directions:
        if direction.comment:
            rows.append(("Heading 2", direction.name))
            rows += [("*", line) for line in plain_lines(direction.comment)]
    rows.append(("Slut", "SLUT"))
    if draft.attachments:
        rows.append(("Heading 1", "Bilagor"))
        rows += [("List Number", a.title) for a in draft.attachments]
    return rows


@pytest.mark.parametrize("source", [EXAMPLE, STATEMENT_2016], ids=["exempel", "2016"])
def test_document_text_is_the_drafts_text_in_order(source: Path, tmp_path: Path) -> None:
    draft = read_draft(source)
    _, document = _render(draft, tmp_path)
    actual = [(p.style.name, p.text) for p in body_paragraphs(document)]
    expected = expected_body(draft)
    assert [text for _, text in actual] == [text for _, text in expected]
    for (style, _), (want, text) in zip(actual, expected, strict=True):
        if want != "*":
            assert style == want, text


@pytest.mark.parametrize("source", [EXAMPLE, STATEMENT_2016], ids=["exempel", "2016"])
def test_block_order_address_then_title_then_signatures(source: Path, tmp_path: Path) -> None:
    draft = read_draft(source)
    _, document = _render(draft, tmp_path)
    blocks = body_blocks(document)
    kinds = ["table" if isinstance(b, Table) else b.text for b in blocks]
    assert kinds[0] == "table"  # the address block comes first
    assert kinds[1] == draft.referral.title
    signatures = kinds.index("table", 1)
    assert kinds[signatures - 1] == draft.decisions[-1].text
    assert kinds[signatures + 1] == "Sammanfattning"
    table = blocks[signatures]
    assert isinstance(table, Table)
    cells = table.rows[0].cells
    assert len(cells) == len(draft.signatures)
    for cell, signature in zip(cells, draft.signatures, strict=True):
        assert [p.text for p in cell.paragraphs] == [signature.name, signature.title]


def test_address_block(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    _, document = _render(draft, tmp_path)
    table = document.tables[0]
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "Handläggare",
        "Elin Lindqvist",
        "Telefon: 08-508 31 455",
        "E-post: elin.lindqvist@example.se",
    ]
    assert [p.text for p in right.paragraphs] == ["Till", "Kulturnämnden", "2016-09-20, p. 14"]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(edge.get(qn("w:val")) == "nil" for edge in borders)


@pytest.mark.parametrize("source", [EXAMPLE, STATEMENT_2016], ids=["exempel", "2016"])
def test_numbered_lists_are_word_lists_that_restart(source: Path, tmp_path: Path) -> None:
    draft = read_draft(source)
    _, document = _render(draft, tmp_path)
    paragraphs = body_paragraphs(document)
    texts = [p.text for p in paragraphs]

    def positions(first: int, count: int):
        return [list_position(document, p) for p in paragraphs[first : first + count]]

    decisions = positions(texts.index(draft.decisions[0].text), len(draft.decisions))
    first_direction = next(
        i for i, t in enumerate(texts) if t.startswith(draft.directions[0].name + " –")
    )
    directions = positions(first_direction, len(draft.directions))
    attachments = positions(texts.index("Bilagor") + 1, len(draft.attachments))
    numbered_lists = [decisions, directions, attachments]
    for items in numbered_lists:
        assert all(p is not None and p.fmt == "decimal" and p.level == 0 for p in items)
        assert len({p.num_id for p in items}) == 1  # one list ...
        assert items[0].start == 1  # ... starting at 1
    ids = [items[0].num_id for items in numbered_lists]
    assert len(set(ids)) == len(ids)  # each list its own numbering instance: each restarts
    # No typed list markers are left in the text.
    assert not any(t.startswith(("- ", "* ", "1. ")) for t in texts)


def test_markdown_numbered_lists_restart_and_keep_their_start(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.texts.summary = "Först:\n1. a\n2. b\nSedan:\n1. c\n2. d\nSist:\n3. e\n4. f"
    _, document = _render(draft, tmp_path)
    paragraphs = {p.text: p for p in body_paragraphs(document)}
    found = {text: list_position(document, paragraphs[text]) for text in "abcdef"}
    assert [found[t].start for t in "ace"] == [1, 1, 3]
    assert found["a"].num_id == found["b"].num_id
    assert len({found[t].num_id for t in "ace"}) == 3
    assert found["a"].num_id not in {list_position(document, paragraphs[d.text]).num_id
                                     for d in draft.decisions}


def test_inriktning_names_are_bold(tmp_path: Path) -> None:
    draft = read_draft(STATEMENT_2016)
    _, document = _render(draft, tmp_path)
    for direction in draft.directions:
        paragraph = next(p for p in body_paragraphs(document)
                         if p.text.startswith(direction.name + " – "))
        first = paragraph.runs[0]
        assert first.text == direction.name and first.bold
        assert not any(run.bold for run in paragraph.runs[1:])


def test_bullets_and_emphasis_are_word_formatting(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    _, document = _render(draft, tmp_path)
    paragraphs = body_paragraphs(document)
    bullets = [p for p in paragraphs if p.text.startswith(("europeiska", "utbyten", "biblioteks"))]
    assert len(bullets) == 3
    for bullet in bullets:
        position = list_position(document, bullet)
        assert position is not None and position.fmt == "bullet"
        assert bullet.style.name == "List Bullet"
    italic = [r.text for p in paragraphs for r in p.runs if r.italic]
    assert "Internationell strategi för Stockholms stad" in italic
    bold = [r.text for p in paragraphs for r in p.runs if r.bold]
    assert "integrerad del" in bold
    assert not any("*" in p.text for p in paragraphs)


def test_header_has_page_fields_and_case_details(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    _, document = _render(draft, tmp_path)
    xml = header_xml(document)
    header = document.sections[0].header._element
    instructions = [i.strip() for i in header.xpath(".//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert xml.count('w:fldCharType="begin"') == 2 and xml.count('w:fldCharType="end"') == 2
    text = header_text(document)
    assert text.startswith("Kulturförvaltningen\tTjänsteutlåtande")
    assert "Dnr KUF 2016/1187" in text
    assert "Sida 1 (1)" in text
    assert "2016-09-06" in text
    assert "UTKAST" not in text


def test_page_language_and_properties(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.referral.title = "Strategi för <A> & \"B\""
    _, document = _render(draft, tmp_path)
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 2.5 and round(section.right_margin.cm, 1) == 2.5
    assert document.core_properties.title == "Strategi för <A> & \"B\""
    # The author of a public record is the administration; the officer last edited it.
    assert document.core_properties.author == draft.statement.organisation
    assert document.core_properties.last_modified_by == "Elin Lindqvist"
    langs = document.styles.element.xpath("//w:docDefaults//w:lang/@w:val")
    assert langs == ["sv-SE"]
    normal = document.styles["Normal"].font.name or document.styles.element.xpath(
        "//w:docDefaults//w:rFonts/@w:ascii")[0]
    heading = document.styles["Heading 1"].font.name
    assert normal != heading  # serif body, sans headings


def test_empty_optional_parts_leave_nothing(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.referral.deadline = None
    draft.meeting.item = ""
    draft.officer.email = ""
    draft.statement.dnr = ""
    draft.texts.background_after = ""
    draft.attachments = []
    for direction in draft.directions:
        direction.comment = ""
    _, document = _render(draft, tmp_path)
    paragraphs = body_paragraphs(document)
    texts = [p.text for p in paragraphs]
    assert all(t.strip() for t in texts), "no empty paragraph"
    assert "Bilagor" not in texts
    assert not any(t.startswith("Remisstiden") for t in texts)
    assert not any(p.style.name == "Heading 2" for p in paragraphs)
    assert texts == [t for _, t in expected_body(draft)]
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "Handläggare", "Elin Lindqvist", "Telefon: 08-508 31 455"
    ]
    assert [p.text for p in right.paragraphs] == ["Till", "Kulturnämnden", "2016-09-20"]
    assert "Dnr" not in header_text(document)


def test_immediate_adds_the_last_decision(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.meeting.immediate = True
    _, document = _render(draft, tmp_path)
    paragraphs = body_paragraphs(document)
    texts = [p.text for p in paragraphs]
    last = paragraphs[texts.index("Paragrafen justeras omedelbart.")]
    first = paragraphs[texts.index(draft.decisions[0].text)]
    assert list_position(document, last).num_id == list_position(document, first).num_id


def test_immediate_item_typed_by_hand_is_not_printed_twice(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.meeting.immediate = True
    draft.decisions.append(Decision(text="Paragrafen justeras omedelbart."))
    _, document = _render(draft, tmp_path)
    texts = [p.text for p in body_paragraphs(document)]
    assert texts.count("Paragrafen justeras omedelbart.") == 1


def test_incomplete_draft_is_marked_utkast(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.texts.summary = ""
    result, document = _render(draft, tmp_path, allow_incomplete=True)
    assert result.draft_mark
    assert "UTKAST" in header_text(document)
    assert any(issue.field == "texts.summary" for issue in result.issues)


def test_template_without_lists_gets_list_definitions(tmp_path: Path) -> None:
    import docx

    template = docx.Document()
    for rel_id, rel in list(template.part.rels.items()):
        if rel.reltype.endswith("/numbering"):
            template.part.drop_rel(rel_id)
    template.add_paragraph("{{p texts.views }}")
    template.add_paragraph("{%p for attachment in attachments %}")
    template.add_paragraph("{{ attachment.title }}")
    template.add_paragraph("{%p endfor %}")
    template.save(str(tmp_path / "mall.docx"))
    draft = read_draft(EXAMPLE)
    _, document = _render(draft, tmp_path, template=tmp_path / "mall.docx")
    bullets = [p for p in body_paragraphs(document) if p.text.startswith("utbyten")]
    position = list_position(document, bullets[0])
    assert position is not None and position.fmt == "bullet"
