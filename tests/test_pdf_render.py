"""LibreOffice makes a PDF of every rendered fixture, holding the title and the last decision."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_render_support import EXAMPLE, STATEMENT_2016
from wizard.errors import RenderError
from wizard.render import convert_to_pdf, render_statement
from wizard.storage.reading import read_draft

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


@pytest.mark.slow
@needs_soffice
@needs_pdftotext
@pytest.mark.parametrize("source", [EXAMPLE, STATEMENT_2016], ids=["exempel", "2016"])
def test_libreoffice_converts_rendered_fixture(source: Path, tmp_path: Path) -> None:
    draft = read_draft(source)
    docx_path = tmp_path / "utlatande.docx"
    render_statement(draft, docx_path, today=dt.date(2016, 9, 1))
    pdf = convert_to_pdf(docx_path)
    assert pdf == tmp_path / "utlatande.pdf" and pdf.stat().st_size > 1000
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    assert draft.referral.title in flat
    assert " ".join(draft.decisions[-1].text.split()) in flat
    assert "Sida 1 (" in flat  # the PAGE and NUMPAGES fields were computed


def test_missing_libreoffice_is_said_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIZARD_SOFFICE", str(tmp_path / "no-such-soffice"))
    docx_path = tmp_path / "x.docx"
    docx_path.write_bytes(b"")
    with pytest.raises(RenderError, match="LibreOffice"):
        convert_to_pdf(docx_path)


@pytest.mark.slow
@needs_soffice
def test_pdf_is_archival_tagged_and_says_what_cannot_print(tmp_path: Path) -> None:
    """`wizard render --pdf` (the function "Även PDF" calls too): PDF/A-2b, tagged, sv-SE,
    title and author (the administration) in the metadata, headings as bookmarks; a
    character no installed font has is named with its field."""
    from pypdf import PdfReader
    from typer.testing import CliRunner

    from wizard.cli import app
    from wizard.render.pdf import font_coverage

    text = EXAMPLE.read_text(encoding="utf-8")
    assert 'summary = """\n' in text
    # Gothic, a script no installed font has here.
    text = text.replace('summary = """\n', 'summary = """\nEn ovanlig skrift: \U00010330.\n', 1)
    source = tmp_path / "utkast.toml"
    source.write_text(text, encoding="utf-8")
    draft = read_draft(source)
    result = CliRunner().invoke(app, ["render", str(source), "--pdf"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    coverage = font_coverage()
    if coverage is not None and 0x10330 not in coverage:
        assert "texts.summary" in flat and "U+10330" in flat and "tom ruta" in flat
    reader = PdfReader(tmp_path / "utkast.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv-SE"
    assert root["/MarkInfo"]["/Marked"].value is True
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("2", "B")
    assert reader.metadata is not None
    assert reader.metadata.title == draft.referral.title
    assert reader.metadata.author == draft.statement.organisation
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:2] == ["Förvaltningens förslag till beslut", "Sammanfattning"]
    assert "Förvaltningens synpunkter och förslag" in outline
    nested = [item.title for item in reader.outline if isinstance(item, list) for item in item]
    assert [d.name for d in draft.directions if d.comment] == nested  # Heading 2 under it


def test_missing_glyphs_name_the_character_and_its_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wizard.model import Draft
    from wizard.render import pdf

    monkeypatch.setattr(pdf, "font_coverage", lambda: frozenset(range(0x80, 0x3000)))
    draft = Draft()
    draft.texts.views = "Första raden.\nAndra 中文 rad, åäö\u200d och \U0001F9D1.\n"
    draft.referral.title = "Rubrik 中"
    warnings = pdf.missing_glyphs(draft)
    assert warnings == [
        "Ärendets rubrik (referral.title): tecknet 中 (U+4E2D) finns inte i något typsnitt "
        "på datorn och blir en tom ruta i PDF:en.",
        "Förvaltningens synpunkter och förslag (texts.views), rad 2: tecknet 中 (U+4E2D) "
        "finns inte i något typsnitt på datorn och blir en tom ruta i PDF:en.",
        "Förvaltningens synpunkter och förslag (texts.views), rad 2: tecknet 文 (U+6587) "
        "finns inte i något typsnitt på datorn och blir en tom ruta i PDF:en.",
        "Förvaltningens synpunkter och förslag (texts.views), rad 2: tecknet 🧑 (U+1F9D1) "
        "finns inte i något typsnitt på datorn och blir en tom ruta i PDF:en.",
    ]


def test_pdf_export_options_ask_for_pdf_a_and_tags() -> None:
    import json

    from wizard.render.pdf import pdf_filter

    name, _, options = pdf_filter().partition(":writer_pdf_Export:")
    assert name == "pdf"
    parsed = json.loads(options)
    assert parsed["SelectPdfVersion"] == {"type": "long", "value": "2"}
    assert parsed["UseTaggedPDF"]["value"] == "true"
    assert parsed["ExportBookmarks"]["value"] == "true"


@pytest.mark.slow
@needs_soffice
@needs_pdftotext
def test_six_signatories_print_whole_names(tmp_path: Path) -> None:
    """Six side by side broke "Efternamnsson" mid-word; rows of three keep every name whole."""
    from wizard.model import Signature

    draft = read_draft(EXAMPLE)
    draft.signatures = [Signature(f"Karin Efternamnsson{n}", "Avdelningschef") for n in range(6)]
    docx_path = tmp_path / "utlatande.docx"
    render_statement(draft, docx_path, today=dt.date(2016, 9, 1))
    pdf = convert_to_pdf(docx_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for n in range(6):
        assert any(f"Karin Efternamnsson{n}" in line for line in text.splitlines()), n
