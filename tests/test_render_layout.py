"""What the document got wrong in rendered hold-out statements, each read back from the .docx.

Controls left in the text, Unicode separators, signatures broken mid-word,
lead-ins parted from their list, uneven list spacing, a bare meeting item,
an empty draft's empty pieces, and settings that kept Word from checking the
Swedish spelling.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from tests.test_render_support import EXAMPLE, body_paragraphs, header_xml, open_docx
from wizard.model import Draft, Signature
from wizard.model.review import review_issues
from wizard.render import render_statement
from wizard.storage.reading import read_draft

TODAY = dt.date(2016, 9, 1)


def _render(draft: Draft, tmp_path: Path, **options: object):
    path = tmp_path / "out.docx"
    result = render_statement(draft, path, today=TODAY, **options)  # type: ignore[arg-type]
    return result, open_docx(path), path


def _style_ppr(document, style_id: str):
    style = document.styles.element.find(
        f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
    assert style is not None, style_id
    return style.find(qn("w:pPr"))


def test_del_and_c1_controls_are_removed_and_reported_by_check(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.texts.summary = "Före\x7fefter\x85slut\x9f."
    draft.referral.title = "Rubrik\x80"
    warned = {i.field for i in review_issues(draft, TODAY) if not i.is_error}
    assert {"texts.summary", "referral.title"} <= warned  # `wizard check` says it first
    result, document, _ = _render(draft, tmp_path)
    texts = [p.text for p in body_paragraphs(document)]
    assert "Föreefterslut." in texts and "Rubrik" in texts
    assert {r.field for r in result.removed} == {"texts.summary", "referral.title"}
    message = next(r.message for r in result.removed if r.field == "texts.summary")
    assert "U+007F" in message and "U+0085" in message and "U+009F" in message


def test_line_and_paragraph_separators_print_as_typed(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.texts.summary = "Första raden\u2028andra raden\u2029Nytt stycke."
    draft.referral.title = "Rubrik\u2028rad två"
    _, document, _ = _render(draft, tmp_path)
    paragraphs = body_paragraphs(document)
    texts = [p.text for p in paragraphs]
    assert "Första raden\nandra raden" in texts  # python-docx reads <w:br/> as "\n"
    assert "Nytt stycke." in texts
    assert "Rubrik\nrad två" in texts
    assert not any("\u2028" in t or "\u2029" in t for t in texts)


def test_six_signatures_wrap_to_rows_of_three(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.signatures = [Signature(f"Förnamn Efternamnsson{n}", f"Titel {n}") for n in range(6)]
    _, document, _ = _render(draft, tmp_path)
    table = next(t for t in document.tables if "Efternamnsson0" in t._tbl.xml)
    rows = table._tbl.findall(qn("w:tr"))
    assert [len(row.findall(qn("w:tc"))) for row in rows] == [3, 3]
    names = [cell.paragraphs[0].text for row in table.rows for cell in row.cells]
    assert names == [f"Förnamn Efternamnsson{n}" for n in range(6)]
    widths = {int(w) for w in table._tbl.xpath(".//w:gridCol/@w:w")}
    assert len(widths) == 1 and widths.pop() >= 3000  # ≥ 5.3 cm a column: whole names


def test_a_short_last_row_of_signatures_has_no_empty_cells(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.signatures = [Signature(f"Namn Namnsson{n}", "Titel") for n in range(4)]
    _, document, _ = _render(draft, tmp_path)
    table = next(t for t in document.tables if "Namnsson0" in t._tbl.xml)
    rows = table._tbl.findall(qn("w:tr"))
    assert [len(row.findall(qn("w:tc"))) for row in rows] == [3, 1]
    assert rows[1].xpath("w:trPr/w:gridAfter/@w:val") == ["2"]
    assert all(tc.xpath("string(.)").strip() for row in rows for tc in row.findall(qn("w:tc")))


def test_two_signatures_stay_one_row(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    _, document, _ = _render(draft, tmp_path)
    table = next(t for t in document.tables if draft.signatures[0].name in t._tbl.xml)
    assert [len(row.cells) for row in table.rows] == [len(draft.signatures)]


def test_lead_ins_keep_with_their_list_and_headings_with_what_follows(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    draft.texts.views = "Inledning.\nTre saker är särskilt viktiga:\n- ett\n- två\n- tre\nSlut."
    draft.texts.background = "Strategin har fyra inriktningar:"
    _, document, _ = _render(draft, tmp_path)
    paragraphs = {p.text: p for p in body_paragraphs(document)}

    def keeps(text: str) -> bool:
        return paragraphs[text]._p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None

    assert keeps("Tre saker är särskilt viktiga:")
    assert keeps("Strategin har fyra inriktningar:")  # the inriktningar follow it
    assert not keeps("Inledning.") and not keeps("Slut.")
    for style in ("Title", "Heading1", "Heading2"):
        assert _style_ppr(document, style).find(qn("w:keepNext")) is not None


def test_numbered_and_bullet_lists_follow_one_spacing_rule(tmp_path: Path) -> None:
    _, document, _ = _render(read_draft(EXAMPLE), tmp_path)
    number, bullet = _style_ppr(document, "ListNumber"), _style_ppr(document, "ListBullet")
    for ppr in (number, bullet):
        assert ppr.find(qn("w:contextualSpacing")) is not None
    spacing = [ppr.find(qn("w:spacing")) for ppr in (number, bullet)]
    number_spacing, bullet_spacing = (None if s is None else dict(s.attrib) for s in spacing)
    assert number_spacing == bullet_spacing


def test_numbers_have_room_for_two_digits(tmp_path: Path) -> None:
    """ "10." in 12 pt Times is about 15 pt (300 twips); the hanging indent leaves a gap."""
    _, document, _ = _render(read_draft(EXAMPLE), tmp_path)
    numbering = document.part.numbering_part.element
    for level in numbering.iter(qn("w:lvl")):
        indent = level.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        assert int(indent.get(qn("w:hanging"))) >= 420
    ppr = _style_ppr(document, "ListNumber")
    assert int(ppr.find(qn("w:ind")).get(qn("w:hanging"))) >= 420


def test_bare_meeting_item_prints_as_p(tmp_path: Path) -> None:
    draft = read_draft(EXAMPLE)
    for typed, shown in (("12", "p. 12"), ("§ 12", "§ 12"), ("p. 12", "p. 12")):
        draft.meeting.item = typed
        _, document, _ = _render(draft, tmp_path)
        right = document.tables[0].rows[0].cells[1]
        assert right.paragraphs[2].text == f"2016-09-20, {shown}"


def test_empty_draft_utkast_shows_placeholders_and_no_empty_pieces(tmp_path: Path) -> None:
    result, document, path = _render(Draft(), tmp_path, allow_incomplete=True)
    assert result.draft_mark
    paragraphs = body_paragraphs(document)
    texts = [p.text for p in paragraphs]
    assert all(text.strip() for text in texts), "no empty paragraph"
    title = next(p for p in paragraphs if p.style.name == "Title")
    assert title.text == "[Ärendets rubrik saknas]"
    assert "Remiss" not in texts  # never the lone word
    for placeholder in ("[Sammanfattning saknas]", "[Bakgrund saknas]",
                        "[Förslag till beslut saknas]"):
        assert placeholder in texts
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    assert all(cell.text.strip() for cell in cells), "no empty cell"
    assert "[Underskrifter saknas]" in [cell.paragraphs[0].text for cell in cells]
    with zipfile.ZipFile(path) as archive:
        for name in ("word/document.xml", "word/header1.xml"):
            tree = etree.parse(io.BytesIO(archive.read(name)))
            for run in tree.iter(qn("w:r")):
                kinds = {child.tag for child in run} - {qn("w:rPr"), qn("w:t")}
                text = "".join(t.text or "" for t in run.iter(qn("w:t")))
                assert text or kinds, f"empty run in {name}"


def test_header_has_no_empty_runs_or_paragraphs(tmp_path: Path) -> None:
    _, document, _ = _render(read_draft(EXAMPLE), tmp_path)
    header = document.sections[0].header
    assert all(p.text.strip() for p in header.paragraphs), "no empty paragraph"
    for run in header._element.iter(qn("w:r")):
        kinds = {child.tag for child in run} - {qn("w:rPr"), qn("w:t")}
        assert any(t.text for t in run.iter(qn("w:t"))) or kinds, "no empty run"
    assert "UTKAST" not in header_xml(document)


def test_word_checks_the_swedish_spelling(tmp_path: Path) -> None:
    """Nothing says the text is already checked, and the proofing language is sv-SE."""
    _, document, _ = _render(read_draft(EXAMPLE), tmp_path)
    settings = document.settings.element
    for tag in ("w:proofState", "w:hideSpellingErrors", "w:hideGrammaticalErrors"):
        assert settings.find(qn(tag)) is None, tag
    langs = document.styles.element.xpath("//w:docDefaults//w:lang/@w:val")
    assert langs == ["sv-SE"]
    assert not document.element.xpath("//w:lang[@w:val!='sv-SE']")
    assert not document.element.xpath("//w:noProof")


def test_an_organisations_settings_lose_the_checked_mark(tmp_path: Path) -> None:
    """A template saved by Word says proofState clean: the document must not."""
    source = Path(__file__).resolve().parent.parent / "templates" / "tjansteutlatande.docx"
    template = tmp_path / "org.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(template, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/settings.xml":
                data = data.replace(b"<w:defaultTabStop",
                                    b'<w:proofState w:spelling="clean" w:grammar="clean"/>'
                                    b"<w:defaultTabStop")
            new.writestr(info, data)
    _, document, _ = _render(read_draft(EXAMPLE), tmp_path, template=template)
    assert document.settings.element.find(qn("w:proofState")) is None
