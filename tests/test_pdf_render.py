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
from wizard.storage.draftfile import read_draft

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
