"""Statements written by hand in Word, as people do, and what `wizard import` makes of them.

Each document is written here with python-docx: Normal paragraphs with bold
text as headings and typed list markers ("1.", "–", "•"), or Word's own
heading styles and numbering; a signature table or name and title lines;
tracked changes, a comment, a picture and a table left in. The tests check
what is found, what is guessed and what the report says was left out.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings

from tests.import_support import drafts, handwrite
from tests.test_import_roundtrip import assert_same_draft
from tests.test_render_support import EXAMPLE
from wizard.importing import import_statement
from wizard.model import Draft, Signature
from wizard.render import render_statement
from wizard.storage import read_draft


def _png() -> bytes:
    """A 1×1 picture, enough for Word to hold an image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def bold(document, text: str, size: int | None = None):  # type: ignore[no-untyped-def]
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    return paragraph


def typed_statement(path: Path, tmp_path: Path) -> Path:
    """Normal style only: bold headings, typed markers, a signature table, changes left in."""
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.text = "Miljöförvaltningen\tTjänsteutlåtande\tSida 1 (3)"
    document.sections[0].header.add_paragraph("Dnr 2016-5887")
    document.sections[0].header.add_paragraph("Datum 2016-09-06")
    document.add_paragraph("Handläggare: Mikael Nyberg")
    document.add_paragraph("Telefon: 08-508 28 780")
    document.add_paragraph("Till Miljö- och hälsoskyddsnämnden")
    document.add_paragraph("2016-09-20, p. 10")
    bold(document, "Internationell strategi för Stockholms stad", 16)
    document.add_paragraph("Remiss från kommunstyrelsen, dnr 171-482/2016")
    document.add_paragraph("Remisstiden går ut den 17 oktober 2016.")
    bold(document, "FÖRSLAG TILL  BESLUT")
    document.add_paragraph("1. Miljö- och hälsoskyddsnämnden godkänner förvaltningens "
                           "tjänsteutlåtande som svar på remissen.")
    document.add_paragraph("2.\tParagrafen justeras omedelbart.")
    table = document.add_table(rows=1, cols=2)
    for cell, (name, title) in zip(table.rows[0].cells, [("Gunnar Söderholm",
                                   "Förvaltningsdirektör"), ("Mikael Nyberg", "Avdelningschef")],
                                   strict=True):
        cell.paragraphs[0].text = name
        cell.add_paragraph(title)
    picture = tmp_path / "bild.png"
    picture.write_bytes(_png())
    table.rows[0].cells[0].paragraphs[0].add_run().add_picture(str(picture))  # a signature
    bold(document, "Sammanfattning:")
    summary = document.add_paragraph("Strategin ersätter ")
    summary.add_run("Övergripande mål för internationellt arbete").italic = True
    summary.add_run(" från 2008.")
    bold(document, "Ärendet")
    document.add_paragraph("Strategin har fyra inriktningar:")
    for name, text in (("Profilering", "Stärka Stockholms attraktionskraft."),
                       ("Omvärldsbevakning", "Följa trender och forskning."),
                       ("Samverkan", "Lära av andra städer.")):
        item = document.add_paragraph("–\t")
        item.add_run(name).bold = True
        item.add_run(f" – {text}")
    document.add_paragraph("Så här ser tidplanen ut:").add_run().add_picture(str(picture))
    other = document.add_table(rows=2, cols=2)
    other.cell(0, 0).text = "År"
    other.cell(0, 1).text = "Kostnad för projektet i kronor"
    other.cell(1, 0).text = "2016"
    other.cell(1, 1).text = "120 000 kronor enligt budgeten som nämnden fastställde."
    bold(document, "Förvaltningens synpunkter")
    changed = document.add_paragraph("Förvaltningen ")
    changed._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="Anna" w:date="2016-09-01T10:00:00Z">'
        '<w:r><w:t xml:space="preserve">välkomnar </w:t></w:r></w:ins>'))
    changed._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="Anna" w:date="2016-09-01T10:00:00Z">'
        '<w:r><w:delText xml:space="preserve">avvisar </w:delText></w:r></w:del>'))
    changed.add_run("strategin.")
    document.add_comment(changed.runs[0], text="Stämmer detta?", author="Anna")
    document.add_paragraph("•  samverkan lokalt")
    document.add_paragraph("•  samverkan i EU")
    bold(document, "Profilering")
    document.add_paragraph("Kulturen bör nämnas i profileringen.")
    bold(document, "Samverkan")
    document.add_paragraph("Nätverken för bibliotek är viktiga.")
    document.add_paragraph("SLUT")
    bold(document, "Bilagor")
    document.add_paragraph("Bilaga 1. Internationell strategi för Stockholms stad")
    document.save(str(path))
    return path


def test_a_typed_statement_is_found_field_by_field(tmp_path: Path) -> None:
    result = import_statement(typed_statement(tmp_path / "handskrivet.docx", tmp_path))
    draft = result.draft
    assert draft.statement.organisation == "Miljöförvaltningen"
    assert draft.statement.dnr == "2016-5887"
    assert draft.statement.date == dt.date(2016, 9, 6)
    assert (draft.officer.name, draft.officer.phone) == ("Mikael Nyberg", "08-508 28 780")
    assert draft.meeting.committee == "Miljö- och hälsoskyddsnämnden"
    assert (draft.meeting.date, draft.meeting.item) == (dt.date(2016, 9, 20), "p. 10")
    assert draft.referral.title == "Internationell strategi för Stockholms stad"
    assert (draft.referral.referred_by, draft.referral.dnr) == ("kommunstyrelsen",
                                                                "171-482/2016")
    assert draft.referral.deadline == dt.date(2016, 10, 17)
    assert [d.text for d in draft.decisions] == [
        "Miljö- och hälsoskyddsnämnden godkänner förvaltningens tjänsteutlåtande som svar på "
        "remissen."]
    assert draft.meeting.immediate
    assert [(s.name, s.title) for s in draft.signatures] == [
        ("Gunnar Söderholm", "Förvaltningsdirektör"), ("Mikael Nyberg", "Avdelningschef")]
    assert draft.texts.summary == ("Strategin ersätter *Övergripande mål för internationellt "
                                   "arbete* från 2008.\n")
    assert draft.texts.background == "Strategin har fyra inriktningar:\n"
    assert [(d.name, d.description) for d in draft.directions] == [
        ("Profilering", "Stärka Stockholms attraktionskraft."),
        ("Omvärldsbevakning", "Följa trender och forskning."),
        ("Samverkan", "Lära av andra städer.")]
    assert draft.texts.background_after == "Så här ser tidplanen ut:\n"
    # Tracked changes read as accepted: the insertion kept, the deletion gone.
    assert draft.texts.views == ("Förvaltningen välkomnar strategin.\n- samverkan lokalt\n"
                                 "- samverkan i EU\n")
    assert [d.comment for d in draft.directions] == [
        "Kulturen bör nämnas i profileringen.", "", "Nätverken för bibliotek är viktiga."]
    assert [a.title for a in draft.attachments] == [
        "Internationell strategi för Stockholms stad"]
    report = "\n".join(result.report.text_lines())
    assert "spårade ändringar (1 infogningar, 1 borttagningar" in report
    assert "1 kommentarer: ”Stämmer detta?”" in report
    assert "1 × bild under ”Bakgrund”" in report
    assert "1 × bild under ”Förvaltningens förslag till beslut”" in report
    assert "en tabell under ”Bakgrund” (”År | Kostnad för projektet" in report
    assert "”Bilaga 1. Internationell strategi för Stockholms stad”: ”Bilaga N” togs bort" \
        in report
    assert not result.report.warnings


def word_styled_statement(path: Path) -> Path:
    """Word's own heading styles and numbering, headings in other words, no tables at all."""
    document = docx.Document()
    document.add_paragraph("Stadsbyggnadskontoret")
    document.add_paragraph("Handläggare")
    document.add_paragraph("Åsa Öberg")
    document.add_paragraph("E-post: asa.oberg@example.se")
    document.add_paragraph("Tfn 08-508 27 000")
    document.add_paragraph("Till")
    document.add_paragraph("Stadsbyggnadsnämnden")
    document.add_paragraph("Sammanträde 2017-03-09")
    document.add_heading("Svar på remiss om cykelplan", level=0)
    document.add_paragraph("Remiss från trafiknämnden (dnr T2017-0042)")
    document.add_heading("  förslag till beslut ", level=1)
    document.add_paragraph("Nämnden beslutar enligt förvaltningens förslag.", style="List Number")
    document.add_paragraph("Nämnden överlämnar svaret till trafiknämnden.", style="List Number")
    document.add_paragraph("Maria Holm")
    document.add_paragraph("Stadsbyggnadsdirektör")
    document.add_heading("Bakgrund", level=1)
    document.add_paragraph("Cykelplanen har tre delar:")
    document.add_paragraph("Trafiknämnden föreslår nya stråk.", style="List Bullet")
    document.add_paragraph("Parkering vid stationer.", style="List Bullet")
    document.add_heading("Förvaltningens synpunkter och förslag", level=1)
    document.add_paragraph("Förvaltningen är positiv.")
    document.add_heading("Genomförande", level=2)
    document.add_paragraph("Genomförandet bör ske i etapper.")
    document.add_paragraph("Slutligen ett stycke sist.")
    document.save(str(path))
    return path


def test_word_headings_and_numbering_are_found(tmp_path: Path) -> None:
    result = import_statement(word_styled_statement(tmp_path / "formaterat.docx"))
    draft = result.draft
    assert draft.statement.organisation == "Stadsbyggnadskontoret"
    assert (draft.officer.name, draft.officer.email, draft.officer.phone) == (
        "Åsa Öberg", "asa.oberg@example.se", "08-508 27 000")
    assert (draft.meeting.committee, draft.meeting.date) == ("Stadsbyggnadsnämnden",
                                                             dt.date(2017, 3, 9))
    assert draft.referral.title == "Svar på remiss om cykelplan"
    assert (draft.referral.referred_by, draft.referral.dnr) == ("trafiknämnden", "T2017-0042")
    assert [d.text for d in draft.decisions] == [
        "Nämnden beslutar enligt förvaltningens förslag.",
        "Nämnden överlämnar svaret till trafiknämnden."]
    assert not draft.meeting.immediate
    assert [(s.name, s.title) for s in draft.signatures] == [("Maria Holm",
                                                              "Stadsbyggnadsdirektör")]
    assert draft.texts.background == ("Cykelplanen har tre delar:\n- Trafiknämnden föreslår "
                                      "nya stråk.\n- Parkering vid stationer.\n")
    assert draft.directions == []
    assert draft.texts.views == ("Förvaltningen är positiv.\n**Genomförande**\n"
                                 "Genomförandet bör ske i etapper.\nSlutligen ett stycke sist.\n")
    report = "\n".join(result.report.text_lines())
    assert "Förvaltning (statement.organisation): ”Stadsbyggnadskontoret”" in report
    assert "Gissat" in report and "underskrifter från raderna efter beslutspunkterna" in report
    assert "underrubriken ”Genomförande” motsvarar ingen inriktning" in report


def test_text_that_fits_no_field_goes_to_the_summary_with_a_warning(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Ett brev utan rubriker.")
    document.add_paragraph("Med två stycken.")
    path = tmp_path / "brev.docx"
    document.save(str(path))
    result = import_statement(path)
    assert result.draft.texts.summary == "Ett brev utan rubriker.\nMed två stycken.\n"
    warnings = [line.text() for line in result.report.warnings]
    assert any("2 stycken utan plats lades först i Sammanfattning" in w for w in warnings)


@pytest.mark.parametrize("as_new", [False, True])
def test_as_new_clears_the_old_case(tmp_path: Path, as_new: bool) -> None:
    result = import_statement(typed_statement(tmp_path / "s.docx", tmp_path), as_new=as_new)
    draft = result.draft
    cleared = (draft.referral.title, draft.referral.dnr, draft.referral.referred_by,
               draft.referral.deadline, draft.statement.dnr, draft.statement.date,
               draft.meeting.date, draft.meeting.item, draft.meeting.immediate)
    if as_new:
        assert cleared == ("", "", "", None, "", None, None, "", False)
        assert any("tömt för ett nytt ärende" in line for line in result.report.text_lines())
    else:
        assert all(cleared)
    # What an officer keeps from last year's statement stays either way.
    assert draft.meeting.committee == "Miljö- och hälsoskyddsnämnden"
    assert draft.officer.name == "Mikael Nyberg"
    assert len(draft.directions) == 3 and draft.texts.views


def test_signature_rows_of_three_and_placeholders_of_an_utkast(tmp_path: Path) -> None:
    """Six signatories in two rows, and "[… saknas]" where an UTKAST lacks a value."""
    draft = read_draft(EXAMPLE)
    draft.signatures = [Signature(f"Person {n}", f"Titel {n}") for n in range(1, 7)]
    draft.referral.title = ""
    draft.referral.referred_by = ""
    draft.meeting.item = "p. 12"
    path = tmp_path / "utkast.docx"
    render_statement(draft, path, allow_incomplete=True, today=dt.date(2016, 9, 1))
    document = docx.Document(str(path))
    signatures = next(t for t in document.tables if "Person 1" in t.rows[0].cells[0].text)
    first_row = signatures.rows[0]._tr
    second_row = signatures.add_row()._tr
    for tc in second_row.findall(qn("w:tc")):
        second_row.remove(tc)
    for tc in first_row.findall(qn("w:tc"))[3:]:
        second_row.append(tc)
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    title.text = "[Ärendets rubrik saknas]"
    referral = next(p for p in document.paragraphs if p.text.startswith("Remiss"))
    referral.text = "Remiss från [Remittent saknas], dnr. 171-482/2016"
    document.save(str(path))
    result = import_statement(path)
    assert [(s.name, s.title) for s in result.draft.signatures] == [
        (f"Person {n}", f"Titel {n}") for n in range(1, 7)]
    assert result.draft.referral.title == "" and result.draft.referral.referred_by == ""
    assert result.draft.referral.dnr == "171-482/2016"
    assert result.draft.meeting.item == "p. 12"
    assert any("2 platshållare" in line for line in result.report.text_lines())


def test_numbered_headings_and_text_markdown_lite_cannot_hold(tmp_path: Path) -> None:
    """"2 Bakgrund" is the Bakgrund heading; "2*3*4" is kept as typed, with a warning."""
    document = docx.Document()
    document.add_heading("Cykelplan", level=0)
    document.add_heading("1 Sammanfattning", level=1)
    document.add_paragraph("Inget särskilt.")
    document.add_heading("2 Bakgrund", level=1)
    document.add_paragraph("Beräkningen 2*3*4 ger 24.")
    document.add_heading("3 Förvaltningens synpunkter", level=1)
    bolded = document.add_paragraph("Förvaltningen ")
    bolded.add_run("stöder").bold = True
    bolded.add_run(" planen.")
    path = tmp_path / "numrerat.docx"
    document.save(str(path))
    result = import_statement(path)
    assert result.draft.referral.title == "Cykelplan"
    assert result.draft.texts.summary == "Inget särskilt.\n"
    assert result.draft.texts.background == "Beräkningen 2*3*4 ger 24.\n"
    assert result.draft.texts.views == "Förvaltningen **stöder** planen.\n"
    warnings = [line.text() for line in result.report.warnings]
    assert warnings == ["Bakgrund (texts.background): texten kan inte skrivas exakt som i "
                        "dokumentet (t.ex. asterisker, fetstil mot skiljetecken eller en rad "
                        "som börjar som en lista); kontrollera den"]


@pytest.mark.slow
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(draft=drafts())
def test_a_generated_statement_typed_by_hand_comes_back(draft: Draft, tmp_path: Path) -> None:
    """Any draft, typed into Word by hand (`handwrite`), is imported as that draft.

    A typed list right after the inriktningar that numbers on from them would
    read as more inriktningar, so Bakgrund's second part does not start with one.
    """
    lines = draft.texts.background_after.split("\n")
    if lines and lines[0][:1].isdigit():
        draft.texts.background_after = "Därefter.\n" + draft.texts.background_after
    result = import_statement(handwrite(draft, tmp_path / "typed.docx"))
    assert_same_draft(result.draft, draft)
    assert not result.report.warnings, result.report.text_lines()


def test_a_facts_table_above_the_title_is_not_a_signature_block(tmp_path: Path) -> None:
    """"Tjänsteutlåtande | Dnr … | Datum …" in a table at the top gives the dnr and date."""
    document = docx.Document()
    facts = document.add_table(rows=1, cols=3)
    for cell, text in zip(facts.rows[0].cells, ("Tjänsteutlåtande", "Dnr KS 2016/482",
                                                "Datum: 2016-09-06"), strict=True):
        cell.text = text
    bold(document, "Budget för 2017")
    bold(document, "Förslag till beslut")
    document.add_paragraph("1. Nämnden godkänner budgeten.")
    signatures = document.add_table(rows=1, cols=1)
    signatures.cell(0, 0).text = "Per Ek"
    signatures.cell(0, 0).add_paragraph("Handläggare")
    path = tmp_path / "fakta.docx"
    document.save(str(path))
    draft = import_statement(path).draft
    assert (draft.statement.dnr, draft.statement.date) == ("KS 2016/482", dt.date(2016, 9, 6))
    assert [(s.name, s.title) for s in draft.signatures] == [("Per Ek", "Handläggare")]
    assert draft.referral.title == "Budget för 2017"


def test_an_address_block_run_together_on_two_lines(tmp_path: Path) -> None:
    """"Handläggare Mikael Nyberg Telefon: 08-…" and "Till … 2016-09-20, p. 10" are split."""
    document = docx.Document()
    document.add_paragraph("Handläggare Mikael Nyberg Telefon: 08-508 28 780")
    document.add_paragraph("Till Miljö- och hälsoskyddsnämnden 2016-09-20, p. 10")
    bold(document, "Internationell strategi för Stockholms stad")
    document.add_paragraph("Remiss från kommunstyrelsen, dnr. 171-482/2016")
    path = tmp_path / "ihop.docx"
    document.save(str(path))
    draft = import_statement(path).draft
    assert (draft.officer.name, draft.officer.phone) == ("Mikael Nyberg", "08-508 28 780")
    assert (draft.meeting.committee, draft.meeting.date, draft.meeting.item) == (
        "Miljö- och hälsoskyddsnämnden", dt.date(2016, 9, 20), "p. 10")


def test_signatures_typed_after_slut(tmp_path: Path) -> None:
    """Name and title lines after SLUT are the signatures when there are none before."""
    document = docx.Document()
    bold(document, "Budget för 2017")
    bold(document, "Förslag till beslut")
    document.add_paragraph("1. Nämnden godkänner budgeten.")
    bold(document, "Sammanfattning")
    document.add_paragraph("Budgeten är i balans.")
    document.add_paragraph("SLUT")
    document.add_paragraph("Gunnar Söderholm\nFörvaltningsdirektör")
    document.add_paragraph("Mikael Nyberg")
    document.add_paragraph("Avdelningschef")
    path = tmp_path / "slut.docx"
    document.save(str(path))
    result = import_statement(path)
    assert [(s.name, s.title) for s in result.draft.signatures] == [
        ("Gunnar Söderholm", "Förvaltningsdirektör"), ("Mikael Nyberg", "Avdelningschef")]
    assert result.draft.texts.views == ""
    assert any("2 underskrifter från raderna efter SLUT" in line
               for line in result.report.text_lines())
