"""Import through an organisation's own template, and after LibreOffice re-saved the file.

The organisation's template is made here from the default one, as a person
would change it in Word: other fonts, a line above the page header, and
Sammanfattning moved up before the decisions.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.import_support import drafts, outline
from tests.test_import_roundtrip import TODAY, _as_imported, assert_same_draft, round_trip
from tests.test_render_support import EXAMPLE
from wizard.importing import import_statement
from wizard.model import Draft
from wizard.paths import default_template
from wizard.render import render_statement
from wizard.storage.reading import read_draft


def organisation_template(target: Path) -> Path:
    """The default template restyled: Georgia and Verdana, a header line, a moved section."""
    document = docx.Document(str(default_template()))
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(11)
    for name in ("Heading 1", "Heading 2", "Title"):
        document.styles[name].font.name = "Verdana"
    header = document.sections[0].header
    first = header.paragraphs[0]
    line = first.insert_paragraph_before("STOCKHOLMS STAD")
    line.runs[0].bold = True
    body = document.element.body
    paragraphs = list(document.paragraphs)
    summary = next(p for p in paragraphs if p.text == "Sammanfattning")
    summary_text = next(p for p in paragraphs if p.text == "{{p texts.summary }}")
    decisions = next(p for p in paragraphs if p.text == "Förvaltningens förslag till beslut")
    for moved in (summary, summary_text):
        body.remove(moved._p)
        decisions._p.addprevious(moved._p)
    document.save(str(target))
    return target


@pytest.fixture(scope="module")
def org_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return organisation_template(tmp_path_factory.mktemp("org") / "organisation.docx")


def test_the_organisation_template_moves_the_summary_up(org_template: Path,
                                                        tmp_path: Path) -> None:
    """The test's own template does what it says: the summary before the decisions."""
    target = tmp_path / "out.docx"
    render_statement(read_draft(EXAMPLE), target, template=org_template, today=TODAY)
    texts = [row[1] for row in outline(target) if row[0] == "p"]
    assert texts.index("Sammanfattning") < texts.index("Förvaltningens förslag till beslut")
    assert "STOCKHOLMS STAD" in outline(target)[0][1]


def test_example_through_an_organisation_template(org_template: Path) -> None:
    """The example comes back whole; the header's extra line is reported, not guessed."""
    round_trip(_as_imported(read_draft(EXAMPLE)), org_template)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.docx"
        render_statement(read_draft(EXAMPLE), target, template=org_template, today=TODAY)
        report = import_statement(target).report.text_lines()
    assert any("STOCKHOLMS STAD" in line and "passar inget fält" in line for line in report)


@pytest.mark.slow
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(draft=drafts())
def test_generated_drafts_through_an_organisation_template(draft: Draft,
                                                           org_template: Path) -> None:
    if not draft.statement.organisation:
        # The organisation's own header line would then be the only candidate.
        draft.statement.organisation = "Kulturförvaltningen"
    round_trip(draft, org_template)


def _resave(documents: list[Path], folder: Path) -> list[Path]:
    """Open and save every document in LibreOffice, in one run."""
    out = folder / "resaved"
    profile = folder / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
         *map(str, documents)],
        check=True, capture_output=True, timeout=240,
    )
    return [out / path.name for path in documents]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@settings(max_examples=1, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(generated=st.lists(drafts(), min_size=4, max_size=4))
def test_import_after_libreoffice_resaved_the_document(generated: list[Draft],
                                                       org_template: Path) -> None:
    """The example and four generated drafts, two of them through the organisation template."""
    cases = [(_as_imported(read_draft(EXAMPLE)), None)] + [
        (draft, org_template if index % 2 else None) for index, draft in enumerate(generated)]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        made = []
        for index, (draft, template) in enumerate(cases):
            if template is not None and not draft.statement.organisation:
                draft.statement.organisation = "Kulturförvaltningen"
            path = folder / f"d{index}.docx"
            render_statement(draft, path, template=template, allow_incomplete=True, today=TODAY)
            made.append(path)
        for (draft, template), original, resaved in zip(cases, made, _resave(made, folder),
                                                        strict=True):
            imported = import_statement(resaved)
            assert_same_draft(imported.draft, draft)
            again = folder / f"again-{original.name}"
            render_statement(imported.draft, again, template=template, allow_incomplete=True,
                             today=TODAY)
            assert outline(again) == outline(original)
