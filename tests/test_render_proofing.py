"""Words the person accepted in the wizard are not proofed again by Word.

The words of the spell checker's word lists (personal, organisation's, shipped)
and the draft's ignored words sit in runs of their own marked ``w:noProof``,
wherever the text reaches the document: texts, list items, inriktning comments,
plain fields in the template's own runs, the page header. Read back with lxml:
exactly those words are marked, the text is unchanged, the formatting kept.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from tests.test_render_support import EXAMPLE, W, body_paragraphs, open_docx
from wizard.cli import app
from wizard.model import Direction, Draft
from wizard.render import render_statement
from wizard.render.proofing import MARK_END, MARK_START, ProofWords
from wizard.storage.draftfile import DraftFile
from wizard.storage.reading import read_draft
from wizard.tui.steps.review import DocumentRequest, make_document

TODAY = dt.date(2016, 9, 1)
IGNORED = "Qwertys"  # ignored in the draft: exactly as written
PERSONAL = "xyzkommun"  # in the person's word list: lower case, so in any case
TITLE = f"Strategi för Xyzkommun och {IGNORED}-nätverket {{{{ x }}}} & <b>"
SUMMARY = (f"Xyzkommun samarbetar med *{IGNORED} i Xyzkommun*, men inte med xyzkommunens "
           f"grannar eller {IGNORED.lower()}.\n- en punkt om XYZKOMMUN\n")
COMMENT = f"Förvaltningen ser **Xyzkommun** som en förebild för {IGNORED}."


def proofing_draft() -> Draft:
    draft = read_draft(EXAMPLE)
    draft.referral.title = TITLE
    draft.statement.organisation = "Xyzkommun"
    draft.texts.summary = SUMMARY
    draft.directions = [
        Direction(name="Profilering", description="Inriktningen i korthet.\n3. tre\n4. fyra",
                  comment=COMMENT),
    ]
    draft.ignored_words = [IGNORED]
    return draft


def runs_of(paragraph: etree._Element) -> list[tuple[str, bool, bool, bool]]:
    """(text, noProof, bold, italic) of each run of a paragraph."""
    found = []
    for run in paragraph.iter(f"{W}r"):
        rpr = run.find(f"{W}rPr")

        def has(tag: str, rpr: etree._Element | None = rpr) -> bool:
            return rpr is not None and rpr.find(f"{W}{tag}") is not None

        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        found.append((text, has("noProof"), has("b"), has("i")))
    return found


def marked_words(paragraph: etree._Element) -> list[str]:
    return [text for text, no_proof, _, _ in runs_of(paragraph) if no_proof]


def _paragraph(document, text: str) -> etree._Element:
    return next(p._p for p in body_paragraphs(document) if p.text == text)


def check_document(path: Path) -> None:
    """Exactly the accepted words are marked, everywhere; text and formatting unchanged."""
    document = open_docx(path)
    title = _paragraph(document, TITLE)  # the text as typed: nothing added or lost
    assert marked_words(title) == ["Xyzkommun", IGNORED]
    assert [text for text, *_ in runs_of(title)] == [
        "Strategi för ", "Xyzkommun", " och ", IGNORED, "-nätverket {{ x }} & <b>"]
    summary = _paragraph(
        document, f"Xyzkommun samarbetar med {IGNORED} i Xyzkommun, men inte med "
                  f"xyzkommunens grannar eller {IGNORED.lower()}.")
    # Not "xyzkommunens" (a longer word) nor "qwertys" (ignored with a capital).
    assert marked_words(summary) == ["Xyzkommun", IGNORED, "Xyzkommun"]
    italic = [(text, no_proof) for text, no_proof, _, it in runs_of(summary) if it]
    assert italic == [(IGNORED, True), (" i ", False), ("Xyzkommun", True)]
    item = _paragraph(document, "en punkt om XYZKOMMUN")
    assert marked_words(item) == ["XYZKOMMUN"]
    comment = _paragraph(document, f"Förvaltningen ser Xyzkommun som en förebild för {IGNORED}.")
    assert [(text, bold) for text, no_proof, bold, _ in runs_of(comment) if no_proof] == [
        ("Xyzkommun", True), (IGNORED, False)]
    header = document.sections[0].header._element
    header_marks = [t for p in header.iter(f"{W}p") for t in marked_words(p)]
    assert header_marks == ["Xyzkommun"]
    # Nothing else is marked, and no mark character is left anywhere.
    every = [t for p in document.element.body.iter(f"{W}p") for t in marked_words(p)]
    assert sorted(every) == sorted(
        ["Xyzkommun", IGNORED, "Xyzkommun", IGNORED, "Xyzkommun", "XYZKOMMUN", "Xyzkommun",
         IGNORED])
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert MARK_START.encode() not in data and MARK_END.encode() not in data, name
    assert document.core_properties.title == TITLE
    # rPr keeps the schema's order: noProof after b/i.
    for no_proof in document.element.body.iter(f"{W}noProof"):
        tags = [etree.QName(child).localname for child in no_proof.getparent()]
        assert tags == [t for t in ("b", "bCs", "i", "iCs", "noProof") if t in tags]


def _texts(path: Path) -> list[str]:
    document = open_docx(path)
    header = document.sections[0].header._element
    return ["".join(t.text or "" for t in p.iter(f"{W}t"))
            for root in (document.element.body, header) for p in root.iter(f"{W}p")]


def test_accepted_words_sit_in_runs_word_does_not_proof(tmp_path: Path) -> None:
    path = tmp_path / "out.docx"
    render_statement(proofing_draft(), path, today=TODAY, accepted_words=[PERSONAL, "nämnd"])
    check_document(path)
    # Every paragraph (body, tables, header) reads as it does with nothing marked.
    plain = proofing_draft()
    plain.ignored_words = []
    render_statement(plain, tmp_path / "plain.docx", today=TODAY)
    assert not open_docx(tmp_path / "plain.docx").element.xpath("//w:noProof")
    assert _texts(path) == _texts(tmp_path / "plain.docx")


def test_nothing_is_marked_from_a_word_list_the_caller_did_not_give(
    tmp_path: Path, own_config: Path
) -> None:
    """The renderer reads no configuration: only the draft's own ignored words are marked."""
    (own_config / "ordlista.txt").write_text(f"{PERSONAL}\n", encoding="utf-8")
    path = tmp_path / "out.docx"
    render_statement(proofing_draft(), path, today=TODAY)
    document = open_docx(path)
    every = [t for p in document.element.body.iter(f"{W}p") for t in marked_words(p)]
    assert every and set(every) == {IGNORED}


def test_wizard_render_and_skapa_dokument_pass_the_same_words(
    tmp_path: Path, own_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Personal list (config folder), organisation's list, shipped list, draft's ignored words."""
    (own_config / "ordlista.txt").write_text(f"# mina ord\n{PERSONAL}\n", encoding="utf-8")
    org = tmp_path / "org"
    org.mkdir()
    (org / "ordlista.txt").write_text("Profilering\n", encoding="utf-8")
    monkeypatch.setenv("WIZARD_ORG_DIR", str(org))
    draft = proofing_draft()
    draft.statement.date = TODAY
    draft.texts.views = "Stadsdelsnämnden och Profilering."  # shipped list; organisation's
    source = tmp_path / "utkast.toml"
    DraftFile.create(source, draft).save()

    result = CliRunner().invoke(app, ["render", str(source), "-o", str(tmp_path / "cli.docx")])
    assert result.exit_code == 0, result.output
    paths, warnings = make_document(
        DocumentRequest(read_draft(source), tmp_path / "tui.docx", False, False, TODAY))
    assert paths == [tmp_path / "tui.docx"] and warnings == []
    for path in (tmp_path / "cli.docx", tmp_path / "tui.docx"):
        document = open_docx(path)
        views = _paragraph(document, "Stadsdelsnämnden och Profilering.")
        assert marked_words(views) == ["Stadsdelsnämnden", "Profilering"]
        assert marked_words(_paragraph(document, TITLE)) == ["Xyzkommun", IGNORED]
    cli_xml = zipfile.ZipFile(tmp_path / "cli.docx").read("word/document.xml")
    assert cli_xml == zipfile.ZipFile(tmp_path / "tui.docx").read("word/document.xml")


def test_a_broken_word_list_is_named_and_the_document_made(
    tmp_path: Path, own_config: Path
) -> None:
    (own_config / "ordlista.txt").write_text("två ord\n", encoding="utf-8")
    source = tmp_path / "utkast.toml"
    shutil.copy(EXAMPLE, source)
    result = CliRunner().invoke(app, ["render", str(source)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "ordlista.txt, rad 1" in output and "Ordlistan används inte i dokumentet" in output
    assert (tmp_path / "utkast.docx").exists()


@pytest.mark.parametrize(("text", "words", "expected"), [
    ("Nämnden och nämndens nämnd.", ["nämnd"], ["nämnd"]),
    ("EU-nämnd, nämnd/styrelse", ["nämnd"], ["nämnd", "nämnd"]),
    ("e-tjänst och e-tjänster", ["e-tjänst"], ["e-tjänst"]),
    ("Stockholm och stockholm", ["Stockholm"], ["Stockholm"]),
    ("STOCKHOLM", ["Stockholm"], ["STOCKHOLM"]),
    ("miljö- och hälsoskydd", ["miljö"], ["miljö"]),
    ("", ["nämnd"], []),
])
def test_only_whole_words_in_the_spell_checkers_case(
    text: str, words: list[str], expected: list[str]
) -> None:
    proof = ProofWords(words)
    assert [text[start:end] for start, end in proof.spans(text)] == expected


def test_ignored_words_match_as_ignored() -> None:
    proof = ProofWords(["nämnd"]).with_ignored(["Qwertys"])
    assert "Qwertys" in proof and "qwertys" not in proof and "Nämnd" in proof
    assert not ProofWords() and ProofWords().with_ignored(["x"])


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or pdftotext is not installed")
def test_libreoffice_opens_the_marked_document(tmp_path: Path) -> None:
    """The split runs and nested list numbers read right in LibreOffice's PDF."""
    from wizard.render import convert_to_pdf

    path = tmp_path / "out.docx"
    render_statement(proofing_draft(), path, today=TODAY, accepted_words=[PERSONAL])
    pdf = convert_to_pdf(path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    assert " ".join(TITLE.split()) in flat
    assert f"Förvaltningen ser Xyzkommun som en förebild för {IGNORED}." in flat
    # The nested list under the inriktning's item, from its own number.
    assert "Inriktningen i korthet. 3. tre 4. fyra" in flat


WORDS = ["nämnd", "e-tjänst", "Stockholm", "SoL", "straße", "x"]
ALPHABET = st.sampled_from([*WORDS, "Nämnd", "NÄMND", "STRASSE", "stockholm", "-", "/", ".", "_",
                            " ", "'", "’", "İ", "a", "ö", "1", ",", "\n", "Qwertys", "qwertys"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=12).map("".join))
def test_the_quick_search_finds_what_looking_at_every_token_finds(text: str) -> None:
    """`spans` looks only at tokens where the search found a word: the same as all tokens."""
    proof = ProofWords(WORDS).with_ignored(["Qwertys"])
    every_token = proof._token_spans(text, 0, len(text))  # the rule itself, token by token
    assert proof.spans(text) == every_token


def test_a_run_with_a_line_break_and_a_field_code_keep_their_parts(tmp_path: Path) -> None:
    """A value with a line break (text, break, text in one run) is split piece by piece; a
    value in a field code (not a run's text) only loses the marks."""
    import docx

    template = docx.Document()
    paragraph = template.add_paragraph()
    paragraph.add_run("{{ referral.title }}").italic = True
    field = template.add_paragraph()._p
    run = field.makeelement(f"{W}r", {})
    instruction = run.makeelement(f"{W}instrText", {})
    instruction.text = 'HYPERLINK "https://example.se/{{ referral.referred_by }}"'
    run.append(instruction)
    field.append(run)
    template.save(str(tmp_path / "mall.docx"))
    draft = proofing_draft()
    draft.referral.title = f"Xyzkommun\u2028och {IGNORED}"
    path = tmp_path / "out.docx"
    render_statement(draft, path, today=TODAY, template=tmp_path / "mall.docx",
                     accepted_words=[PERSONAL, "kommunstyrelsen"])
    document = open_docx(path)
    title = document.paragraphs[0]._p
    # The break stays with the text after it, in a run of the template's italic.
    assert runs_of(title) == [("Xyzkommun", True, False, True), ("och ", False, False, True),
                              (IGNORED, True, False, True)]
    assert [etree.QName(child).localname for child in title[1]] == ["rPr", "br", "t"]
    assert document.paragraphs[0].text == f"Xyzkommun\noch {IGNORED}"
    instructions = "".join(document.element.body.xpath(".//w:instrText/text()"))
    assert instructions == 'HYPERLINK "https://example.se/kommunstyrelsen"'
    with zipfile.ZipFile(path) as archive:
        assert MARK_START.encode() not in archive.read("word/document.xml")


def test_a_word_list_in_a_folder_that_cannot_be_searched_is_named(
    own_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user's config folder: the list is left out with a message, never a traceback."""
    import errno

    from wizard.storage import language

    read = language.read_word_list

    def refused(path: Path) -> list[str]:
        if path.parent == own_config:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return read(path)

    monkeypatch.setattr(language, "read_word_list", refused)
    words, problems = language.proofing_words()
    assert "nämnd" in words  # the shipped list is still read
    assert problems == [f"Ordlistan används inte i dokumentet: {own_config / 'ordlista.txt'}: "
                        "saknar behörighet"]
